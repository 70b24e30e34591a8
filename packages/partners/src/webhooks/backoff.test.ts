import { describe, expect, it } from 'vitest'
import {
  nextAttemptDelayMs,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
  shouldGiveUp,
  WEBHOOK_RETRY_WINDOW_MS,
} from './backoff.ts'

const middle = () => 0.5

describe('nextAttemptDelayMs', () => {
  it('starts at 30 s and doubles per attempt (without jitter at random = 0.5)', () => {
    expect([1, 2, 3, 4].map((a) => nextAttemptDelayMs(a, middle))).toEqual([30_000, 60_000, 120_000, 240_000])
    for (let attempt = 1; attempt < 12; attempt++) {
      expect(nextAttemptDelayMs(attempt + 1, middle)).toBeGreaterThanOrEqual(nextAttemptDelayMs(attempt, middle))
    }
  })

  it('jitters by at most 20 % either way', () => {
    expect(nextAttemptDelayMs(1, () => 0)).toBe(24_000)
    expect(nextAttemptDelayMs(1, () => 0.999999)).toBeCloseTo(36_000, -1)
    for (let i = 0; i < 200; i++) {
      const d = nextAttemptDelayMs(3)
      expect(d).toBeGreaterThanOrEqual(RETRY_BASE_DELAY_MS * 4 * 0.8)
      expect(d).toBeLessThanOrEqual(RETRY_BASE_DELAY_MS * 4 * 1.2)
    }
  })

  it('never waits more than 6 h, even for absurd attempt numbers', () => {
    for (const attempt of [11, 12, 20, 100, 5_000]) {
      expect(nextAttemptDelayMs(attempt, () => 1)).toBe(RETRY_MAX_DELAY_MS)
      expect(nextAttemptDelayMs(attempt, () => 0)).toBe(RETRY_MAX_DELAY_MS * 0.8)
    }
  })

  it('refuses attempt numbers below 1', () => {
    expect(() => nextAttemptDelayMs(0)).toThrow(RangeError)
    expect(() => nextAttemptDelayMs(1.5)).toThrow(RangeError)
  })

  it.each([0, 0.5, 1])('with random = %s, retrying until shouldGiveUp ends within 24 h + one cap', (r) => {
    const first = new Date('2026-12-06T00:00:00Z')
    let now = first
    let attempts = 1
    while (!shouldGiveUp(first, now)) {
      now = new Date(now.getTime() + nextAttemptDelayMs(attempts, () => r))
      attempts++
    }
    const total = now.getTime() - first.getTime()
    expect(total).toBeGreaterThanOrEqual(WEBHOOK_RETRY_WINDOW_MS)
    expect(total).toBeLessThanOrEqual(WEBHOOK_RETRY_WINDOW_MS + RETRY_MAX_DELAY_MS)
    expect(attempts).toBeGreaterThan(10)
    expect(attempts).toBeLessThan(25)
  })
})

describe('shouldGiveUp', () => {
  it('gives up once the first attempt is 24 h old', () => {
    const first = new Date('2026-12-06T00:00:00Z')
    expect(shouldGiveUp(first, new Date(first.getTime() + WEBHOOK_RETRY_WINDOW_MS - 1))).toBe(false)
    expect(shouldGiveUp(first, new Date(first.getTime() + WEBHOOK_RETRY_WINDOW_MS))).toBe(true)
  })
})
