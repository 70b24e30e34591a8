// The team's collision notice: which teammates have this conversation open or are typing in it,
// so two people don't answer the same buyer at once. Pure (times are passed in) so the live
// reducer and its tests share it; the page only re-checks it when the next entry lapses.

/** A teammate's typing shows this long without a renewal (their composer renews every 3 s). */
export const TEAMMATE_TYPING_MS = 6_000

export type Teammate = {
  /** Their display name: the one key both ViewingChanged and TypingChanged carry. */
  name: string
  /** When their "viewing" lapses without a renewal (epoch ms); null when they aren't viewing. */
  viewingUntil: number | null
  /** When their "typing" lapses without a renewal (epoch ms); null when they aren't typing. */
  typingUntil: number | null
}

const live = (until: number | null, now: number) => (until !== null && until > now ? until : null)

/** The teammates still shown at `now`, with lapsed parts forgotten (a closed tab never says goodbye). */
export function activeTeammates(teammates: Teammate[], now: number): Teammate[] {
  return teammates
    .map((t) => ({ ...t, viewingUntil: live(t.viewingUntil, now), typingUntil: live(t.typingUntil, now) }))
    .filter((t) => t.viewingUntil !== null || t.typingUntil !== null)
}

/** One teammate's news applied: the parts given replace theirs; a teammate with nothing left goes. */
export function withTeammate(
  teammates: Teammate[],
  name: string,
  change: Partial<Pick<Teammate, 'viewingUntil' | 'typingUntil'>>,
  now: number,
): Teammate[] {
  // In place, so names keep the order they came in and the notice doesn't reshuffle as it renews.
  const known = teammates.some((t) => t.name === name)
  const next = known
    ? teammates.map((t) => (t.name === name ? { ...t, ...change } : t))
    : [...teammates, { name, viewingUntil: null, typingUntil: null, ...change }]
  return activeTeammates(next, now)
}

/** When the notice next changes by itself (the earliest lapse after `now`), or null if it won't. */
export function nextLapse(teammates: Teammate[], now: number): number | null {
  const times = teammates.flatMap((t) => [t.viewingUntil, t.typingUntil]).filter((at): at is number => at !== null && at > now)
  return times.length > 0 ? Math.min(...times) : null
}

function names(list: string[]): string {
  if (list.length <= 1) return list.join('')
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`
}

/**
 * "Ana is viewing", "Ana and Tiago are viewing", "Ana is typing…", or both ("Ana is typing… ·
 * Tiago is viewing"); null when no teammate is here. Typing implies viewing, so a typist is
 * named once, as typing.
 */
export function collisionText(teammates: Teammate[], now: number): string | null {
  const active = activeTeammates(teammates, now)
  const typing = active.filter((t) => t.typingUntil !== null).map((t) => t.name)
  const viewing = active.filter((t) => t.typingUntil === null).map((t) => t.name)
  const parts = [
    typing.length > 0 ? `${names(typing)} ${typing.length === 1 ? 'is' : 'are'} typing…` : null,
    viewing.length > 0 ? `${names(viewing)} ${viewing.length === 1 ? 'is' : 'are'} viewing` : null,
  ].filter((part): part is string => part !== null)
  return parts.length > 0 ? parts.join(' · ') : null
}
