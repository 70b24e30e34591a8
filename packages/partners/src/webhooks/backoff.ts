// Retry schedule for failed deliveries, close to Stripe's and Shopify's: quick retries for a blip,
// then ever longer waits, and a stop after a day so a dead endpoint does not pile up work forever.

export const RETRY_BASE_DELAY_MS = 30_000
export const RETRY_MAX_DELAY_MS = 6 * 60 * 60 * 1000
export const RETRY_JITTER = 0.2
export const WEBHOOK_RETRY_WINDOW_MS = 24 * 60 * 60 * 1000
/** Consecutive failed deliveries (each having exhausted its retries) after which the endpoint is disabled. */
export const AUTO_DISABLE_AFTER_FAILURES = 20

/**
 * Wait before the next attempt, `attempt` being the number of attempts made so far (1 after the
 * first failure): 30 s, 1 min, 2 min, ... up to 6 h. The ±20 % jitter spreads the retries of many
 * deliveries that failed together (a partner's outage) so they do not all come back in one burst.
 */
export function nextAttemptDelayMs(attempt: number, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError('nextAttemptDelayMs: attempt must be an integer >= 1')
  // 2 ** (attempt - 1) reaches Infinity for absurd attempts; Math.min still brings it back to the cap.
  const base = Math.min(RETRY_BASE_DELAY_MS * 2 ** (attempt - 1), RETRY_MAX_DELAY_MS)
  const factor = 1 - RETRY_JITTER + 2 * RETRY_JITTER * Math.min(Math.max(random(), 0), 1)
  // The cap holds after jitter too: "at most 6 h between attempts" is a promise to partners.
  return Math.min(Math.round(base * factor), RETRY_MAX_DELAY_MS)
}

/** True once the first attempt is a full retry window old: the delivery is then marked failed. */
export function shouldGiveUp(firstAttemptAt: Date, now: Date): boolean {
  return now.getTime() - firstAttemptAt.getTime() >= WEBHOOK_RETRY_WINDOW_MS
}
