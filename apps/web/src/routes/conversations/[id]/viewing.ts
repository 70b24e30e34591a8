// The team's side of the collision notice: while a teammate's page has the conversation open and
// visible it says so (at once, then every 20 s, as teammates forget a viewer after 45 s without
// a renewal), and it says it left when hidden, unloaded or navigated away from.

export const VIEWING_RENEW_MS = 20_000

/** What announceViewing hands back: `answer` renews at once, `stop` says the viewer left. */
export type ViewingAnnouncer = { answer(): void; stop(): void }

/**
 * Announces viewing through `send` as the page's visibility changes. Hidden counts as gone: a
 * background tab isn't answering. `answer()` is for a teammate who just arrived: it renews now,
 * so they see this page's viewer at once rather than at its next renewal (up to 20 s later).
 */
export function announceViewing(send: (viewing: boolean) => void, doc: Document = document): ViewingAnnouncer {
  const win = doc.defaultView ?? window
  let timer: ReturnType<typeof setInterval> | undefined
  let shown = false
  const show = () => {
    if (shown) return
    shown = true
    send(true)
    timer = setInterval(() => send(true), VIEWING_RENEW_MS)
  }
  const hide = () => {
    if (!shown) return
    shown = false
    clearInterval(timer)
    send(false)
  }
  const onVisibility = () => (doc.visibilityState === 'visible' ? show() : hide())
  doc.addEventListener('visibilitychange', onVisibility)
  // pagehide covers unloading; pageshow a page brought back from the back-forward cache.
  win.addEventListener('pagehide', hide)
  win.addEventListener('pageshow', onVisibility)
  onVisibility()
  return {
    answer() {
      if (!shown) return
      clearInterval(timer)
      send(true)
      timer = setInterval(() => send(true), VIEWING_RENEW_MS)
    },
    stop() {
      doc.removeEventListener('visibilitychange', onVisibility)
      win.removeEventListener('pagehide', hide)
      win.removeEventListener('pageshow', onVisibility)
      hide()
    },
  }
}

/**
 * Whether `after` has a viewing teammate that `before` did not: a newcomer, whom this page
 * answers. (A newcomer's own answer names a teammate it already knows, so the exchange ends.)
 */
export function newViewer(before: { name: string; viewingUntil: number | null }[], after: { name: string; viewingUntil: number | null }[]): boolean {
  const seen = new Set(before.filter((t) => t.viewingUntil !== null).map((t) => t.name))
  return after.some((t) => t.viewingUntil !== null && !seen.has(t.name))
}
