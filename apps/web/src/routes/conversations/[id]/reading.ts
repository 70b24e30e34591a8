// Where reading starts and how far it has got: the conversation opens at the first unread message
// (or the latest), and the read position moves only as far as messages actually shown on screen.
import type { MessageData, Side } from '$lib/messages'

/**
 * The first of the `unreadCount` unread messages on this page, or null when nothing is unread.
 * Unread counts what the gateway counts: messages from the other side (system notes included)
 * that aren't deleted, after the viewer's read position — so the last `unreadCount` of those.
 */
export function firstUnreadSequence(
  messages: readonly MessageData[],
  viewerSide: Side,
  unreadCount: number,
): number | null {
  if (unreadCount <= 0) return null
  const theirs = messages.filter((m) => m.author.side !== viewerSide && !m.deletedAt)
  if (theirs.length === 0) return null
  // More unread than this page holds: the page's first message of theirs is the earliest we can show.
  return (theirs[Math.max(0, theirs.length - unreadCount)] ?? theirs[0])?.sequence ?? null
}

/** Whether an element counts as seen: half of it on screen, or half the screen filled by it. */
export function isSeen(
  entry: Pick<IntersectionObserverEntry, 'isIntersecting' | 'intersectionRatio' | 'intersectionRect' | 'rootBounds'>,
): boolean {
  if (!entry.isIntersecting) return false
  if (entry.intersectionRatio >= 0.5) return true
  const screen = entry.rootBounds?.height ?? 0
  return screen > 0 && entry.intersectionRect.height >= screen / 2
}

export type SeenOptions = {
  /** Called with the highest sequence on screen, whenever it may have changed and the page is visible. */
  onSeen: (sequence: number) => void
  /** Pixels at the bottom of the window covered by something that sticks there (the composer). */
  bottomInset: () => number
}

/**
 * A Svelte action for the message list: watches every `[data-sequence]` element inside it
 * (including ones added later) and reports the highest one on screen while the tab is visible.
 */
export function seenMessages(node: HTMLElement, options: SeenOptions) {
  let current = options
  const onScreen = new Set<number>()
  const report = () => {
    if (document.visibilityState !== 'visible' || onScreen.size === 0) return
    current.onSeen(Math.max(...onScreen))
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const sequence = Number((entry.target as HTMLElement).dataset.sequence)
        if (isSeen(entry)) onScreen.add(sequence)
        else onScreen.delete(sequence)
      }
      report()
    },
    { rootMargin: `0px 0px -${Math.round(current.bottomInset())}px 0px`, threshold: [0, 0.25, 0.5, 0.75, 1] },
  )
  const watch = (root: Element) => {
    if (root instanceof HTMLElement && root.dataset.sequence) observer.observe(root)
    for (const el of root.querySelectorAll('[data-sequence]')) observer.observe(el)
  }
  watch(node)
  const added = new MutationObserver((records) => {
    for (const record of records) for (const n of record.addedNodes) if (n instanceof Element) watch(n)
  })
  added.observe(node, { childList: true, subtree: true })
  document.addEventListener('visibilitychange', report)
  return {
    update(next: SeenOptions) {
      current = next
    },
    destroy() {
      observer.disconnect()
      added.disconnect()
      document.removeEventListener('visibilitychange', report)
    },
  }
}
