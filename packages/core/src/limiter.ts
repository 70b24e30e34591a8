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
  /**
   * Counts one attempt before it is checked, as a failure unless `succeed` follows: 0 when it
   * may go ahead, else the seconds to wait (and it is not counted). Checking and counting in one
   * step is what holds the limit when many attempts arrive at once, through any number of
   * processes; checking with retryAfter and counting after a slow check let every attempt in
   * flight through.
   */
  begin(subject: string, source: string): Promise<number>
  /** Records one failed attempt that `begin` did not count. */
  fail(subject: string, source: string): Promise<void>
  /** The attempt `begin` counted succeeded: forgets the pair's consecutive failures and gives the source back its point (the daily cap counts failures). */
  succeed(subject: string, source: string): Promise<void>
}
