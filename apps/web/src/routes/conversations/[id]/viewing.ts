// The team's side of the collision notice: while a teammate's page has the conversation open and
// visible it says so (at once, then every 20 s, as teammates forget a viewer after 45 s without
// a renewal), and it says it left when hidden, unloaded or navigated away from.

export const VIEWING_RENEW_MS = 20_000

/**
 * Announces viewing through `send` as the page's visibility changes; returns the function that
 * stops (and says the viewer left). Hidden counts as gone: a background tab isn't answering.
 */
export function announceViewing(send: (viewing: boolean) => void, doc: Document = document): () => void {
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
  return () => {
    doc.removeEventListener('visibilitychange', onVisibility)
    win.removeEventListener('pagehide', hide)
    win.removeEventListener('pageshow', onVisibility)
    hide()
  }
}
