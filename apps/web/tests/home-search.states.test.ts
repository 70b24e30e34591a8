// The home page's search states, rendered by the built app against a fake gateway (the seeded
// stack can't produce them on demand): what it asks, each list paging on its own, the empty
// states, and what a refused query or a failing gateway looks like. Plain HTTP: no browser needed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startBuiltWeb, type BuiltWeb } from './support/built-web'
import { getPage, startFakeGateway, type FakeGateway, type GatewayBody } from './support/fake-gateway'

const supplier = (n: number) => ({
  id: `s-${n}`,
  slug: `maker-${n}`,
  name: `Maker Number ${n}`,
  tagline: `Tagline ${n}`,
  philosophy: `We make things slowly, number ${n}.`,
  location: 'Porto, Portugal',
  timeZone: 'Europe/Lisbon',
})

const product = (n: number) => ({
  id: `p-${n}`,
  name: `Thing Number ${n}`,
  description: `A useful thing, number ${n}. More words that are not shown.`,
  price: { amount: 2450, currency: 'EUR' },
  supplier: { id: 's-1', name: 'Maker Number 1' },
})

type Mode = 'many' | 'empty' | 'graphql-error' | 'bad-cursor' | 'bad-search'
let mode: Mode = 'many'

/** A page of `all` from a cursor like "c12", as the gateway pages. */
function page<T>(all: T[], first: number, after: unknown) {
  const start = after ? Number(String(after).replace('c', '')) : 0
  const items = all.slice(start, start + first)
  return {
    pageInfo: { hasNextPage: start + first < all.length, endCursor: items.length ? `c${start + items.length}` : null },
    edges: items.map((node) => ({ node })),
  }
}

function respond(body: GatewayBody): unknown {
  const v = body.variables
  // The web app's limits (asked once per process): only the one this page checks.
  if (body.query.includes('query Limits')) return { data: { limits: { catalogSearchMaxLength: 200 } } }
  if (mode === 'graphql-error')
    return { data: null, errors: [{ message: 'database on fire', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }
  if (mode === 'bad-cursor' && (v.suppliersAfter || v.productsAfter))
    return {
      data: null,
      errors: [
        { message: '"after" is not a cursor from this list.', extensions: { code: 'BAD_USER_INPUT', field: 'after' } },
      ],
    }
  if (mode === 'bad-search')
    return {
      data: null,
      errors: [
        {
          message: 'Search text is limited to 100 characters.',
          extensions: { code: 'BAD_USER_INPUT', field: 'search' },
        },
      ],
    }
  if (!body.query.includes('query HomeSearch')) {
    return { data: { suppliers: { totalCount: 1, ...page([supplier(1)], 12, null) } } }
  }
  const suppliers = mode === 'empty' ? [] : Array.from({ length: 15 }, (_, i) => supplier(i + 1))
  const products = mode === 'empty' ? [] : Array.from({ length: 14 }, (_, i) => product(i + 1))
  const first = Number(v.first)
  return {
    data: {
      suppliers: { totalCount: suppliers.length, ...page(suppliers, first, v.suppliersAfter) },
      products: { totalCount: products.length, ...page(products, first, v.productsAfter) },
    },
  }
}

let gateway: FakeGateway
let web: BuiltWeb
// The limits the app asks for once per process are not what these tests look at.
const requests = () => gateway.requests

beforeAll(async () => {
  gateway = await startFakeGateway(respond, (body) => !body.query.includes('query Limits'))
  web = await startBuiltWeb({ GATEWAY_URL: gateway.url })
})

afterAll(async () => {
  await web?.stop()
  await gateway?.close()
})

beforeEach(() => {
  mode = 'many'
  gateway.requests.length = 0
})

const get = (path: string) => getPage(web.url, path)

const h1s = (html: string) => html.match(/<h1[\s>]/g) ?? []

describe('home page search', () => {
  it('asks for both lists with the trimmed query, twelve of each', async () => {
    const { status, html } = await get('/?q=%20%20olive%20oil%20')
    expect(status).toBe(200)
    expect(requests()).toHaveLength(1)
    expect(requests()[0]?.query).toContain('query HomeSearch(')
    expect(requests()[0]?.variables).toEqual({
      search: 'olive oil',
      first: 12,
      suppliersAfter: null,
      productsAfter: null,
    })
    expect(html).toContain('Results for “olive oil”')
    expect(h1s(html)).toHaveLength(1)
    expect(html).toContain('<title>“olive oil” — Search — Rapport</title>')
    expect(html).toMatch(/value="olive oil"/)
  })

  it('shows supplier cards and product rows, each list with its count and its own “More” link', async () => {
    const { html } = await get('/?q=thing')
    expect(html.match(/class="card-title/g)).toHaveLength(12)
    expect(html).toContain('15 suppliers')
    expect(html).toMatch(/href="\.?\/suppliers\/maker-1"/)
    expect(html.match(/class="row-list-item product/g)).toHaveLength(12)
    expect(html).toMatch(/href="\.?\/products\/p-1"/)
    expect(html).toContain('€24.50')
    expect(html).toContain('From Maker Number 1')
    expect(html).toContain('A useful thing, number 1.')
    expect(html).not.toContain('More words that are not shown')
    expect(html).toContain('14 products')
    expect(html).toMatch(/<a[^>]*href="\.?\/\?q=thing&amp;sAfter=c12"[^>]*>More suppliers<\/a>/)
    expect(html).toMatch(/<a[^>]*href="\.?\/\?q=thing&amp;pAfter=c12"[^>]*>More products<\/a>/)
  })

  it('pages one list and keeps the other where it was', async () => {
    const { status, html } = await get('/?q=thing&sAfter=c12&pAfter=c12')
    expect(status).toBe(200)
    expect(requests().at(-1)?.variables).toMatchObject({ suppliersAfter: 'c12', productsAfter: 'c12' })
    expect(html).toContain('Maker Number 13')
    expect(html).toContain('Thing Number 13')
    expect(html).toContain('14 products')
    expect(html).not.toContain('>More suppliers</a>')
    // "First suppliers" keeps the products' page, and the other way round.
    expect(html).toMatch(/<a[^>]*href="\.?\/\?q=thing&amp;pAfter=c12"[^>]*>First suppliers<\/a>/)
    expect(html).toMatch(/<a[^>]*href="\.?\/\?q=thing&amp;sAfter=c12"[^>]*>First products<\/a>/)
  })

  it('says nothing matches, in each list', async () => {
    mode = 'empty'
    const { status, html } = await get('/?q=zzz')
    expect(status).toBe(200)
    expect(html).toContain('No suppliers match “zzz”')
    expect(html).toContain('No products match “zzz”')
    expect(html).not.toContain('More suppliers</a>')
  })

  it('answers an over-long or punctuation-only query on the page, without asking the gateway', async () => {
    const long = await get(`/?q=${'a'.repeat(1_000)}`)
    expect(long.status).toBe(200)
    expect(long.html).toContain('That search is 1,000 characters long; searches can be up to 200.')
    expect(long.html).toContain('aria-invalid="true"')
    expect(h1s(long.html)).toHaveLength(1)

    const punctuation = await get(`/?q=${encodeURIComponent('!!!')}`)
    expect(punctuation.status).toBe(200)
    expect(punctuation.html).toContain('punctuation alone matches nothing')
    expect(requests()).toHaveLength(0)
  })

  it('shows the gateway’s words when it refuses the search text', async () => {
    mode = 'bad-search'
    const { status, html } = await get('/?q=olive')
    expect(status).toBe(200)
    expect(html).toContain('Search text is limited to 100 characters.')
    expect(html).toContain('aria-invalid="true"')
  })

  it('answers 400 for a cursor the gateway rejects, or one far too long to be one', async () => {
    mode = 'bad-cursor'
    const bad = await get('/?q=olive&pAfter=nonsense')
    expect(bad.status).toBe(400)
    expect(bad.html).toContain('That page of search results doesn’t exist.')
    const huge = await get(`/?q=olive&sAfter=${'c'.repeat(600)}`)
    expect(huge.status).toBe(400)
  })

  it('shows a calm 503 page when the gateway fails', async () => {
    mode = 'graphql-error'
    const { status, html } = await get('/?q=olive')
    expect(status).toBe(503)
    expect(html).toContain('We can’t search right now.')
    expect(html).not.toContain('database on fire')
  })

  it('shows the normal home page, with the empty box, for a blank query', async () => {
    const { status, html } = await get('/?q=%20%20')
    expect(status).toBe(200)
    expect(requests()[0]?.query).toContain('query HomeSuppliers(')
    expect(html).toContain('Talk directly with the people who make what you buy.')
    expect(html).toMatch(/<input[^>]*name="q"[^>]*value=""/)
    expect(h1s(html)).toHaveLength(1)
  })
})
