import { describe, expect, it } from 'vitest'
import { formatUsageDay, parseExpiryDate, usageBars, usageTotals } from './developers'
import { rootFields } from './server/api-docs'

const day = (d: string, requests: number, cost = requests * 10, throttled = 0) => ({ day: d, requests, cost, throttled })

describe('usage', () => {
  const usage = [day('2026-12-01', 0), day('2026-12-02', 4), day('2026-12-03', 2, 20, 1)]

  it('adds up requests, cost and throttled requests', () => {
    expect(usageTotals(usage)).toEqual({ requests: 6, cost: 60, throttled: 1 })
  })

  it('scales bars to the busiest day and keeps a stub for idle days', () => {
    const bars = usageBars(usage, { width: 30, height: 40, gap: 2 })
    expect(bars.map((b) => b.height)).toEqual([1, 40, 20])
    expect(bars.map((b) => b.y)).toEqual([39, 0, 20])
    expect(bars.map((b) => b.x)).toEqual([0, 10, 20])
    expect(bars[0]!.width).toBe(8)
  })

  it('draws fourteen idle days without dividing by zero', () => {
    const idle = Array.from({ length: 14 }, (_, i) => day(`2026-12-${String(i + 1).padStart(2, '0')}`, 0))
    expect(usageBars(idle, { width: 280, height: 48, gap: 3 }).every((b) => b.height === 1)).toBe(true)
  })

  it('names a UTC day as that calendar day', () => {
    expect(formatUsageDay('2026-12-04')).toBe('Fri 4 Dec')
  })
})

describe('parseExpiryDate', () => {
  const now = new Date('2026-12-04T10:00:00Z')

  it('reads a day as its end in UTC, and empty as never', () => {
    expect(parseExpiryDate('2027-01-31', now)).toEqual({ ok: true, expiresAt: '2027-01-31T23:59:59.999Z' })
    expect(parseExpiryDate('  ', now)).toEqual({ ok: true, expiresAt: null })
  })

  it('refuses days that do not exist and days already over', () => {
    expect(parseExpiryDate('2027-02-30', now).ok).toBe(false)
    expect(parseExpiryDate('31/01/2027', now).ok).toBe(false)
    expect(parseExpiryDate('2026-12-03', now).ok).toBe(false)
    expect(parseExpiryDate('2026-12-04', now).ok).toBe(true)
  })
})

describe('the API reference', () => {
  it('lists each root type’s fields with signatures, defaults and descriptions', () => {
    const roots = rootFields(`
      type Query {
        "A supplier's keys."
        apiKeys("The supplier" supplierId: ID, first: Int = 20): [String!]!
      }
      type Mutation { ping: Boolean }
    `)
    expect(roots.map((r) => r.name)).toEqual(['Query', 'Mutation'])
    expect(roots[0]!.fields[0]).toMatchObject({
      name: 'apiKeys',
      signature: 'apiKeys(supplierId: ID, first: Int = 20): [String!]!',
      description: "A supplier's keys.",
      args: [{ name: 'supplierId', description: 'The supplier' }, { name: 'first', defaultValue: '20' }],
    })
  })
})
