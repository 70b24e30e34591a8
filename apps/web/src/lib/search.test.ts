import { describe, expect, it } from 'vitest'
import { atSequence, highlightSegments, searchFromQuery, searchHitHref, searchQuery } from './search'

describe('highlightSegments', () => {
  it('marks the ranges and keeps the text around them', () => {
    expect(highlightSegments('a crack in the board', [{ start: 2, length: 5 }])).toEqual([
      { text: 'a ', marked: false },
      { text: 'crack', marked: true },
      { text: ' in the board', marked: false },
    ])
  })

  it('takes ranges in any order, at either end', () => {
    const text = 'oil and more oil'
    expect(
      highlightSegments(text, [
        { start: 13, length: 3 },
        { start: 0, length: 3 },
      ]),
    ).toEqual([
      { text: 'oil', marked: true },
      { text: ' and more ', marked: false },
      { text: 'oil', marked: true },
    ])
  })

  it('merges overlapping or touching ranges and drops empty or outside ones', () => {
    const segments = highlightSegments('abcdefgh', [
      { start: 1, length: 3 },
      { start: 2, length: 4 },
      { start: 6, length: 1 },
      { start: 3, length: 0 },
      { start: 40, length: 2 },
      { start: -5, length: 2 },
    ])
    expect(segments).toEqual([
      { text: 'a', marked: false },
      { text: 'bcdefg', marked: true },
      { text: 'h', marked: false },
    ])
    expect(segments.map((s) => s.text).join('')).toBe('abcdefgh')
  })

  it('leaves markup as text for the page to escape', () => {
    expect(highlightSegments('<b>x</b>', [{ start: 3, length: 1 }])).toEqual([
      { text: '<b>', marked: false },
      { text: 'x', marked: true },
      { text: '</b>', marked: false },
    ])
  })

  it('gives the whole snippet when nothing is highlighted', () => {
    expect(highlightSegments('plain', [])).toEqual([{ text: 'plain', marked: false }])
    expect(highlightSegments('', [])).toEqual([{ text: '', marked: false }])
  })
})

describe('searchFromQuery', () => {
  it('reads q, order and after', () => {
    expect(searchFromQuery(new URLSearchParams('q=+olive+oil+&order=relevance&after=abc'))).toEqual({
      q: 'olive oil',
      order: 'RELEVANCE',
      after: 'abc',
    })
    expect(searchFromQuery(new URLSearchParams('q=oil&order=oldest'))).toEqual({
      q: 'oil',
      order: 'NEWEST',
      after: null,
    })
  })

  it('is no search without words', () => {
    expect(searchFromQuery(new URLSearchParams('q=++'))).toBeNull()
    expect(searchFromQuery(new URLSearchParams('status=RESOLVED'))).toBeNull()
  })

  it('round-trips through searchQuery, the default order left out', () => {
    expect(searchQuery({ q: 'oil', order: 'NEWEST', after: 'x' })).toEqual({ q: 'oil', order: null, after: null })
    expect(searchQuery({ q: 'oil', order: 'RELEVANCE', after: null }, 'next')).toEqual({
      q: 'oil',
      order: 'relevance',
      after: 'next',
    })
  })
})

describe('searchHitHref and atSequence', () => {
  const conversation = { id: 'Q29udmVyc2F0aW9uOjE=' }

  it('links a message hit to the message, a subject hit to the conversation', () => {
    expect(searchHitHref({ conversation, sequence: 7 })).toBe(`/conversations/${conversation.id}?at=7#m7`)
    expect(searchHitHref({ conversation, sequence: null })).toBe(`/conversations/${conversation.id}`)
  })

  it('reads only positive whole sequences', () => {
    expect(atSequence(new URLSearchParams('at=12'))).toBe(12)
    for (const bad of ['', 'at=0', 'at=-3', 'at=1.5', 'at=x']) expect(atSequence(new URLSearchParams(bad))).toBeNull()
  })
})
