import { describe, expect, it } from 'vitest'
import {
  calendarDaysBetween,
  formatDate,
  formatDayHeading,
  formatDuration,
  formatPercent,
  formatMoney,
  formatRelative,
  formatServiceDuration,
  formatUpcoming,
} from './format'

describe('formatMoney', () => {
  it('divides minor units by the currency’s own fraction digits', () => {
    expect(formatMoney({ amount: 2890, currency: 'EUR' })).toBe('€28.90')
    expect(formatMoney({ amount: 9000, currency: 'JPY' })).toBe('JP¥9,000')
    expect(formatMoney({ amount: 85000, currency: 'ZAR' })).toBe('ZAR\u00a0850.00')
  })

  it('shows an unknown currency plainly instead of failing', () => {
    expect(formatMoney({ amount: 12, currency: 'not-a-currency' })).toBe('12 not-a-currency')
  })
})

describe('formatServiceDuration', () => {
  it('says the gateway’s rounded spans in words', () => {
    expect(formatServiceDuration(3600)).toBe('1 hour')
    expect(formatServiceDuration(28800)).toBe('8 hours')
    expect(formatServiceDuration(86400)).toBe('1 day')
    expect(formatServiceDuration(3 * 86400)).toBe('3 days')
    expect(formatServiceDuration(7 * 86400)).toBe('a week')
  })

  it('rounds up, never down', () => {
    expect(formatServiceDuration(3601)).toBe('2 hours')
    expect(formatServiceDuration(90)).toBe('2 minutes')
  })
})

describe('relative dates in the viewer’s zone', () => {
  const now = new Date('2026-11-25T10:00:00Z')

  it('counts calendar days in the zone, not 24-hour spans', () => {
    // 23:30 UTC on the 24th is already 00:30 on the 25th in Stockholm.
    expect(calendarDaysBetween(new Date('2026-11-24T23:30:00Z'), now, 'Europe/Stockholm')).toBe(0)
    expect(calendarDaysBetween(new Date('2026-11-24T23:30:00Z'), now, 'UTC')).toBe(1)
  })

  it('says recent moments in words and older ones as dates', () => {
    expect(formatRelative(new Date('2026-11-25T09:59:30Z'), now, 'UTC')).toBe('just now')
    expect(formatRelative(new Date('2026-11-25T09:55:00Z'), now, 'UTC')).toBe('5 min ago')
    expect(formatRelative(new Date('2026-11-25T07:05:00Z'), now, 'Europe/Lisbon')).toBe('07:05')
    expect(formatRelative(new Date('2026-11-24T07:05:00Z'), now, 'UTC')).toBe('Yesterday')
    expect(formatRelative(new Date('2026-11-22T07:05:00Z'), now, 'UTC')).toBe('Sunday')
    expect(formatRelative(new Date('2026-10-02T07:05:00Z'), now, 'UTC')).toBe('2 Oct')
    expect(formatRelative(new Date('2025-10-02T07:05:00Z'), now, 'UTC')).toBe('2 Oct 2025')
  })

  it('heads days in a conversation', () => {
    expect(formatDayHeading(new Date('2026-11-25T01:00:00Z'), now, 'UTC')).toBe('Today')
    expect(formatDayHeading(new Date('2026-11-20T01:00:00Z'), now, 'UTC')).toBe('Friday 20 November')
  })

  it('says when a reply can be expected', () => {
    expect(formatUpcoming(new Date('2026-11-25T15:00:00Z'), now, 'UTC')).toBe('today at 15:00')
    expect(formatUpcoming(new Date('2026-11-26T09:30:00Z'), now, 'Europe/Lisbon')).toBe('tomorrow at 09:30')
    expect(formatUpcoming(new Date('2026-11-28T09:30:00Z'), now, 'UTC')).toBe('Saturday at 09:30')
  })
})

describe('formatDate', () => {
  it('is the day in the viewer’s zone, with the year', () => {
    const lateInLisbon = new Date('2026-03-14T23:30:00Z')
    expect(formatDate(lateInLisbon, 'Europe/Lisbon')).toBe('14 Mar 2026')
    expect(formatDate(lateInLisbon, 'Europe/Stockholm')).toBe('15 Mar 2026')
  })
})

describe('formatDuration', () => {
  it('is precise to the minute below two days, then counts days', () => {
    expect(formatDuration(20)).toBe('under a minute')
    expect(formatDuration(45 * 60)).toBe('45 min')
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3 h 05 min')
    expect(formatDuration(2 * 3600)).toBe('2 h')
    expect(formatDuration(47 * 3600)).toBe('47 h')
    expect(formatDuration(4 * 86400 + 3600)).toBe('4 days')
  })
})

describe('formatPercent', () => {
  it('rounds a share to a whole percentage', () => {
    expect(formatPercent(0.873)).toBe('87%')
    expect(formatPercent(1)).toBe('100%')
    expect(formatPercent(0)).toBe('0%')
  })
})
