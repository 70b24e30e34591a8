import { describe, expect, it } from 'vitest'
import { catalogSearchFromQuery, catalogSearchProblem, homeSearchHref } from './home-search'

describe('catalogSearchFromQuery', () => {
  it('trims the query and takes each list’s cursor', () => {
    expect(catalogSearchFromQuery(new URLSearchParams('q=%20olive%20oil%20&sAfter=s1&pAfter=p2'))).toEqual({
      q: 'olive oil',
      sAfter: 's1',
      pAfter: 'p2',
    })
  })

  it('is no search without a query, or with only whitespace', () => {
    expect(catalogSearchFromQuery(new URLSearchParams(''))).toBeNull()
    expect(catalogSearchFromQuery(new URLSearchParams('q=%20%20&sAfter=s1'))).toBeNull()
  })

  it('leaves empty cursors out', () => {
    expect(catalogSearchFromQuery(new URLSearchParams('q=oil&sAfter=&pAfter=%20'))).toEqual({
      q: 'oil',
      sAfter: null,
      pAfter: null,
    })
  })
})

describe('catalogSearchProblem', () => {
  it('takes words, names and numbers, with punctuation among them', () => {
    for (const q of ['oil', 'Olive & Oak', '500', 'Cobrançosa', '土', 'x'.repeat(200)])
      expect(catalogSearchProblem(q, 200)).toBeNull()
  })

  it('says how long a query is past the limit', () => {
    expect(catalogSearchProblem('x'.repeat(1_000), 200)).toBe(
      'That search is 1,000 characters long; searches can be up to 200. Try a name or a word or two.',
    )
  })

  it('leaves the length to the gateway when its limit is unknown', () => {
    expect(catalogSearchProblem('x'.repeat(1_000), null)).toBeNull()
  })

  it('refuses punctuation alone', () => {
    for (const q of ['!!!', '?!… --- ***', '&'])
      expect(catalogSearchProblem(q, 200)).toBe('Search for a name or a word: punctuation alone matches nothing.')
  })
})

describe('homeSearchHref', () => {
  it('keeps the query and the cursors given, and leaves out the others', () => {
    expect(homeSearchHref('olive & oak')).toBe('/?q=olive+%26+oak')
    expect(homeSearchHref('oil', { sAfter: 's1', pAfter: null })).toBe('/?q=oil&sAfter=s1')
    expect(homeSearchHref('oil', { sAfter: 's1', pAfter: 'p2' })).toBe('/?q=oil&sAfter=s1&pAfter=p2')
  })
})
