/**
 * Counts failed attempts per key (an account, an IP) within a window. Implemented with
 * rate-limiter-flexible in @rapport/realtime — in memory, or in Redis so every gateway
 * process shares the counts.
 */
export type AttemptLimiter = {
  /** Seconds until the key may try again; 0 when it may try now. */
  retryAfter(key: string): Promise<number>
  /** Records one failed attempt. */
  fail(key: string): Promise<void>
  /** Forgets the key's failures (after a success). */
  reset(key: string): Promise<void>
}
