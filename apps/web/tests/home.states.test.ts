// The home page's empty, paginated and failure states, rendered by the built app against a fake
// gateway (the seeded stack can't produce these on demand). Plain HTTP: no browser needed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { freePort, startBuiltWeb, type BuiltWeb } from './support/built-web'
import { getPage, startFakeGateway, type FakeGateway, type GatewayBody } from './support/fake-gateway'

interface Supplier {
  id: string
  slug: string
  name: string
  tagline: string | null
  philosophy: string | null
  location: string | null
  timeZone: string
}

const supplier = (n: number): Supplier => ({
  id: `id-${n}`,
  slug: `maker-${n}`,
  name: `Maker Number ${n}`,
  tagline: `Tagline ${n}`,
  philosophy: `We make things slowly, number ${n}. Second sentence that should not be shown.`,
  location: n === 2 ? null : 'Porto, Portugal',
  timeZone: 'Europe/Lisbon',
})

type Mode = 'many' | 'empty' | 'graphql-error' | 'bad-cursor'
let mode: Mode = 'many'

function respond(body: GatewayBody): unknown {
  if (mode === 'graphql-error') {
    return { data: null, errors: [{ message: 'database on fire', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }
  }
  if (mode === 'bad-cursor' && body.variables.after) {
    return { data: null, errors: [{ message: 'Invalid cursor', extensions: { code: 'BAD_USER_INPUT' } }] }
  }
  const all = mode === 'empty' ? [] : Array.from({ length: 15 }, (_, i) => supplier(i + 1))
  const first = Number(body.variables.first)
  const start = body.variables.after ? Number(String(body.variables.after).replace('c', '')) : 0
  const page = all.slice(start, start + first)
  return {
    data: {
      suppliers: {
        totalCount: all.length,
        pageInfo: {
          hasNextPage: start + first < all.length,
          endCursor: page.length ? `c${start + page.length}` : null,
        },
        edges: page.map((node, i) => ({ cursor: `c${start + i + 1}`, node })),
      },
    },
  }
}

let gateway: FakeGateway
let web: BuiltWeb
const requests = () => gateway.requests

beforeAll(async () => {
  gateway = await startFakeGateway(respond)
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

describe('home page', () => {
  it('asks the gateway for the first 12 suppliers with a JSON POST', async () => {
    await get('/')
    expect(requests()).toHaveLength(1)
    expect(requests()[0]?.contentType).toBe('application/json')
    expect(requests()[0]?.query).toContain('query HomeSuppliers($first: Int!, $after: String)')
    expect(requests()[0]?.variables).toEqual({ first: 12, after: null })
  })

  it('renders twelve supplier cards with the first sentence of the philosophy and a local clock', async () => {
    const { status, html } = await get('/')
    expect(status).toBe(200)
    expect(html.match(/class="card-title/g)).toHaveLength(12)
    expect(html).toContain('Maker Number 12')
    expect(html).not.toContain('Maker Number 13')
    expect(html).toContain('We make things slowly, number 1.')
    expect(html).not.toContain('Second sentence')
    expect(html).toMatch(/\d\d:\d\d local time/)
    // Without a location, the clock names the time zone's city instead.
    expect(html).toMatch(/\d\d:\d\d in Lisbon/)
    expect(html).toMatch(/href="\.?\/suppliers\/maker-1"/)
    expect(html).toContain('15 suppliers')
  })

  it('links to the next page with the end cursor, and that page shows the rest', async () => {
    const first = await get('/')
    expect(first.html).toMatch(/<a[^>]*href="\.?\/\?after=c12"[^>]*>More suppliers<\/a>/)

    const second = await get('/?after=c12')
    expect(second.status).toBe(200)
    expect(requests().at(-1)?.variables).toEqual({ first: 12, after: 'c12' })
    expect(second.html).toContain('Maker Number 13')
    expect(second.html).toContain('Maker Number 15')
    expect(second.html).not.toContain('>More suppliers</a>')
    expect(second.html).toContain('Back to the start')
  })

  it('says there are no suppliers yet when the list is empty', async () => {
    mode = 'empty'
    const { status, html } = await get('/')
    expect(status).toBe(200)
    expect(html).toContain('No suppliers yet')
    expect(html).not.toContain('More suppliers</a>')
  })

  it('shows a calm 503 page, without internals, when the gateway returns errors', async () => {
    mode = 'graphql-error'
    const { status, html } = await get('/')
    expect(status).toBe(503)
    expect(html).toContain('We’ll be right back')
    expect(html).toContain('We can’t reach our suppliers right now')
    expect(html).not.toContain('database on fire')
    expect(html).not.toMatch(/at .*\.js:\d+/)
  })

  it('answers 400 for a cursor the gateway rejects', async () => {
    mode = 'bad-cursor'
    const { status, html } = await get('/?after=nonsense')
    expect(status).toBe(400)
    expect(html).toContain('That page of suppliers doesn’t exist.')
  })
})

describe('home page when the gateway is down', () => {
  let downWeb: BuiltWeb

  beforeAll(async () => {
    const deadPort = await freePort()
    downWeb = await startBuiltWeb({ GATEWAY_URL: `http://127.0.0.1:${deadPort}/graphql` })
  })
  afterAll(async () => {
    await downWeb?.stop()
  })

  it('shows a designed 503 page with a retry link and logs the cause', async () => {
    const response = await fetch(downWeb.url)
    const html = await response.text()
    expect(response.status).toBe(503)
    expect(html).toContain('We’ll be right back')
    expect(html).toContain('Try again')
    expect(html).not.toContain('ECONNREFUSED')
    expect(downWeb.output()).toMatch(/Gateway unreachable at .* — cause: ECONNREFUSED/)
  })

  it('shows the designed 404 page for unknown paths', async () => {
    const response = await fetch(new URL('/no/such/page', downWeb.url))
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(html).toContain('We couldn’t find that page')
    // The visitor's URL, not our failure: no "went wrong on our side", no error reference, no error log.
    expect(html).toContain('The link may be old, or the page may have moved.')
    expect(html).not.toContain('on our side')
    expect(html).not.toContain('mention this reference')
    expect(downWeb.output()).not.toContain('/no/such/page')
  })
})
