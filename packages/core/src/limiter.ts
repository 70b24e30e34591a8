/**
 * Counts failed attempts at one subject (an account) from one source (an IP address), after
 * rate-limiter-flexible's "login endpoint protection": consecutive failures per subject and
 * source block that pair only, and a higher daily cap per source stops one address guessing
 * across many accounts. Failures from one address never lock an account for anyone else.
 * Implemented in @rapport/realtime — in memory, or in Redis so every gateway process shares
 * the counts.
 */
export type AttemptLimiter = {
  /** Seconds until this subject may be tried from this source again; 0 when it may try now. */
  retryAfter(subject: string, source: string): Promise<number>
  /** Records one failed attempt (for the pair and for the source). */
  fail(subject: string, source: string): Promise<void>
  /** A success: forgets the pair's consecutive failures (the source's daily count stays). */
  succeed(subject: string, source: string): Promise<void>
}
