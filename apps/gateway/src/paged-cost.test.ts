// The page-aware cost: rows asked for multiply the selection's cost, from literals and from
// variables alike. (Wiring on both transports is tested in limits.test.ts.)
import { parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { checkPagedCost, LIMIT_CODES, LIMITS } from './limits.ts'
import { schema } from './schema.ts'

const check = (query: string, variables?: Record<string, unknown>) => checkPagedCost(schema, parse(query), variables, undefined)

describe('checkPagedCost', () => {
  it('lets ordinary pages through', () => {
    expect(check('{ suppliers(first: 20) { edges { node { name slug tagline } } } }')).toBeNull()
    expect(
      check(
        'query($id: ID!) { conversation(id: $id) { messages(last: 50) { edges { node { id body createdAt author { displayName } } } } } }',
        { id: 'x' },
      ),
    ).toBeNull()
  })

  it('multiplies nested pages, so 100 × 100 rows are refused', () => {
    const nested = '{ suppliers(first: 100) { edges { node { name products(first: 100) { edges { node { id name description } } } } } } }'
    const error = check(nested)
    expect(error?.extensions).toMatchObject({ code: LIMIT_CODES.pagedCost, limit: LIMITS.cost })
    expect(Number(error?.extensions.cost)).toBeGreaterThan(LIMITS.cost)
    // The same shape with small pages is fine.
    expect(check(nested.replaceAll('first: 100', 'first: 5'))).toBeNull()
  })

  it('reads page sizes from variables, not only literals', () => {
    const query =
      'query($n: Int, $m: Int) { suppliers(first: $n) { edges { node { name products(first: $m) { edges { node { id name description } } } } } } }'
    expect(check(query, { n: 5, m: 5 })).toBeNull()
    expect(check(query, { n: 100, m: 100 })?.extensions.code).toBe(LIMIT_CODES.pagedCost)
  })

  it('keeps a verdict per document only when no variable can change the cost', () => {
    const big = '{ edges { node { name products(first: 100) { edges { node { id name description } } } } } }'
    // @include(if: $all) decides the cost: the same parsed document gets both verdicts.
    const gated = parse(`query($all: Boolean!) { suppliers(first: 100) @include(if: $all) ${big} }`)
    expect(checkPagedCost(schema, gated, { all: true }, undefined)?.extensions.code).toBe(LIMIT_CODES.pagedCost)
    expect(checkPagedCost(schema, gated, { all: false }, undefined)).toBeNull()
    expect(checkPagedCost(schema, gated, { all: true }, undefined)?.extensions.code).toBe(LIMIT_CODES.pagedCost)
    // Variables elsewhere (here an id) cannot: the verdict is the same object each time.
    const fixed = parse(`query($id: ID!) { node(id: $id) { id } suppliers(first: 100) ${big} }`)
    const first = checkPagedCost(schema, fixed, { id: 'a' }, undefined)
    expect(first?.extensions.code).toBe(LIMIT_CODES.pagedCost)
    expect(checkPagedCost(schema, fixed, { id: 'b' }, undefined)).toBe(first)
  })

  it('counts a missing size as the default page, and leaves bad variables to execution', () => {
    expect(check('{ suppliers { edges { node { name } } } }')).toBeNull()
    expect(check('query($n: Int) { suppliers(first: $n) { edges { node { name } } } }', { n: 'many' })).toBeNull()
  })
})
