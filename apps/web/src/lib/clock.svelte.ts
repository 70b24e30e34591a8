/* eslint-disable svelte/prefer-svelte-reactivity -- each tick assigns a new Date; none is ever mutated */
import { getContext, setContext } from 'svelte'

const KEY = Symbol('clock')

/**
 * "Now", for relative dates and open-now indicators. It starts at the server's render instant
 * (so the first client render matches the HTML) and ticks once the page is interactive.
 */
export class Clock {
  now = $state(new Date(0))
  /**
   * The visitor's IANA zone: the server's best guess first (cookie, buyer profile or UTC), then
   * the browser's own once the page is interactive.
   */
  timeZone = $state('UTC')

  constructor(initial: Date, timeZone: string) {
    this.now = initial
    this.timeZone = timeZone
  }

  /** Starts ticking; returns the function that stops it. Call from an effect. */
  start(everyMs = 20_000): () => void {
    const zone = browserTimeZone()
    if (zone) this.timeZone = zone
    this.now = new Date()
    const timer = setInterval(() => (this.now = new Date()), everyMs)
    return () => clearInterval(timer)
  }
}

export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null
  } catch {
    return null
  }
}

export function provideClock(initial: Date, timeZone: string): Clock {
  return setContext(KEY, new Clock(initial, timeZone))
}

export function useClock(): Clock {
  return getContext<Clock | undefined>(KEY) ?? new Clock(new Date(), 'UTC')
}
