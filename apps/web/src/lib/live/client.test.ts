import { describe, expect, it } from 'vitest'
import { retryDelayMs } from './client.svelte'

describe('retryDelayMs', () => {
  it('backs off exponentially from half a second', () => {
    expect(retryDelayMs(0, 0)).toBe(500)
    expect(retryDelayMs(1, 0)).toBe(1000)
    expect(retryDelayMs(3, 0)).toBe(4000)
  })

  it('never waits more than about ten seconds, however long the outage', () => {
    expect(retryDelayMs(50, 0)).toBe(10_000)
    expect(retryDelayMs(50, 0.999)).toBeLessThan(10_400)
  })
})
