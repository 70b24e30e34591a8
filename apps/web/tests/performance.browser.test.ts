// The staff performance page on the real stack: Maya browses (home, a supplier, her inbox, a
// conversation) and her browser beacons each full page load's timings once — not client-side
// navigations; the web server times its routes and the gateway its operations; a moderator then
// finds every source on /moderation/performance, for the last hour and the last 24 hours. A buyer
// gets the same 404 as for the other moderation pages.
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { seriousViolations } from './support/axe'
import { overflowsHorizontally, screenshotBoth } from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const MODERATOR = 'priscila@rapport.example'
const PAGE = '/moderation/performance'

// Both processes write their counts every half second instead of every 10 s (the stack passes
// its own environment on to the gateway and the web app).
process.env.STATS_FLUSH_MS = '500'

// Two gateway processes where they can share a database (PostgreSQL and Redis, as in CI): the
// page shows what both answered, added up.
const TWO_GATEWAYS = !!process.env.DATABASE_URL?.startsWith('postgres') && !!process.env.REDIS_URL
const suite = browserSuite({ seed: true, gateways: 2 })

type Beacon = { route: string; loadMs?: number; lcpMs?: number }

/** One table of the page, by its source's title. */
const table = (page: Page, title: string) => page.getByRole('region', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')},`) })
const row = (region: Locator, name: string) =>
  region.getByRole('row').filter({ has: region.page().getByRole('rowheader', { name, exact: true }) })

describe('performance statistics', () => {
  it('counts a buyer’s page views and shows every source to a moderator', async () => {
    const { page, problems: buyerProblems } = await suite.person(BUYER)
    const web = suite.stack.webUrl
    // What the page hands to sendBeacon (Playwright doesn't show a beacon's Blob body).
    const beacons: Beacon[] = []
    await page.exposeFunction('reportBeacon', (text: string) => void beacons.push(JSON.parse(text) as Beacon))
    await page.addInitScript(() => {
      const send = navigator.sendBeacon.bind(navigator)
      navigator.sendBeacon = (url, data) => {
        const report = (window as unknown as { reportBeacon: (text: string) => void }).reportBeacon
        if (data instanceof Blob) void data.text().then(report)
        return send(url, data)
      }
    })
    const sentFor = (route: string) => beacons.filter((b) => b.route === route)
    const beaconFrom = (route: string) => expect.poll(() => sentFor(route).length, { timeout: 15_000 }).toBeGreaterThan(0)

    // Leaving a page (it is hidden) sends its timings, as the page unloads: the moderator's
    // tables show them below.
    await page.goto(`${web}/`)
    await page.goto(`${web}/suppliers/olive-oak`)
    // A page left open sends them a few seconds after loading.
    await page.goto(`${web}/inbox`)
    await beaconFrom('/inbox')
    // A client-side navigation is no page load: nothing more is sent for it…
    await page.locator('a[href^="/conversations/"]').first().click()
    await page.waitForURL(/\/conversations\/[^/]+$/)
    await page.waitForTimeout(1_000)
    // …but loading the conversation page itself is.
    await Promise.all([beaconFrom('/conversations/[id]'), page.reload()])
    await page.waitForTimeout(500)
    // Once per page load, with both timings.
    for (const route of ['/inbox', '/conversations/[id]']) {
      expect(sentFor(route)).toHaveLength(1)
      expect(sentFor(route)[0]!.loadMs).toBeGreaterThan(0)
      expect(sentFor(route)[0]!.lcpMs).toBeGreaterThan(0)
    }
    expect(buyerProblems).toEqual([])

    // The moderator finds the page from the queue.
    const moderator = await suite.person(MODERATOR)
    const staff = moderator.page
    await staff.goto(`${web}/moderation`)
    await staff.getByRole('link', { name: 'Performance', exact: true }).click()
    await staff.getByRole('heading', { level: 1, name: 'Performance' }).waitFor()
    expect(new URL(staff.url()).pathname).toBe(PAGE)
    await staff.getByText('added up from every gateway and web process', { exact: false }).waitFor()

    const operations = table(staff, 'GraphQL operations (gateway)')
    const routes = table(staff, 'Web routes (server)')
    const loads = table(staff, 'Page loads (browser)')
    const paints = table(staff, 'Largest contentful paint (browser)')
    const everythingIn = async () => {
      const wanted = [
        row(routes, '/inbox'),
        row(routes, '/conversations/[id]'),
        row(loads, '/inbox'),
        row(loads, '/suppliers/[slug]'),
        row(paints, '/'),
        row(paints, '/conversations/[id]'),
      ]
      for (const r of wanted) if ((await r.count()) === 0) return false
      return (await operations.getByRole('row').count()) > 1
    }
    // Each process writes every half second: a few reloads at most.
    for (let tries = 0; !(await everythingIn()); tries++) {
      if (tries > 40) throw new Error('the performance page never showed every source')
      await staff.waitForTimeout(1_000)
      await staff.reload()
    }

    const cells = async (r: Locator) => (await r.getByRole('cell').allTextContents()).map((t) => t.trim())
    // Requests, per minute, error rate, p50, p95, p99.
    const busiest = await cells(operations.getByRole('row').nth(1))
    expect(Number(busiest[0]!.replace(/,/g, ''))).toBeGreaterThan(0)
    for (const [region, name] of [
      [routes, '/inbox'],
      [loads, '/inbox'],
      [paints, '/conversations/[id]'],
      // Sent as Maya left these pages.
      [loads, '/suppliers/[slug]'],
      [paints, '/'],
    ] as const) {
      const [count, perMinute, errorRate, ...percentiles] = await cells(row(region, name))
      expect(Number(count)).toBeGreaterThan(0)
      expect(perMinute).toMatch(/^(<0\.1|\d+\.\d)$/)
      expect(errorRate).toMatch(/^(<0\.1|\d+(\.\d)?)%$/)
      expect(percentiles).toHaveLength(3)
      for (const p of percentiles) expect(p).toMatch(/^\d[\d,]*$/)
    }
    expect(await staff.getByRole('link', { name: 'Last hour' }).getAttribute('aria-current')).toBe('page')
    expect(await seriousViolations(staff)).toEqual([])
    await screenshotBoth(staff, 'performance')
    expect(await overflowsHorizontally(staff)).toBe(false)

    // The last 24 hours hold the last hour's figures too.
    await staff.getByRole('link', { name: 'Last 24 hours' }).click()
    await staff.waitForURL(/window=DAY/)
    expect(await staff.getByRole('link', { name: 'Last 24 hours' }).getAttribute('aria-current')).toBe('page')
    const day = table(staff, 'Page loads (browser)')
    await row(day, '/inbox').waitFor()
    await row(table(staff, 'Web routes (server)'), '/conversations/[id]').waitFor()
    expect(await table(staff, 'GraphQL operations (gateway)').getByRole('row').count()).toBeGreaterThan(1)
    expect(await seriousViolations(staff)).toEqual([])
    expect(moderator.problems).toEqual([])
  })

  it.runIf(TWO_GATEWAYS)('adds up what two gateway processes answered', async () => {
    expect(suite.stack.gatewayUrls).toHaveLength(2)
    const probe = (url: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query TwoGatewayProbe { limits { bulkConversationsMax } }' }) })
    for (const url of suite.stack.gatewayUrls) for (let i = 0; i < 4; i++) expect((await probe(url)).status).toBe(200)
    const { page } = await suite.person(MODERATOR)
    const probes = row(table(page, 'GraphQL operations (gateway)'), 'TwoGatewayProbe')
    for (let tries = 0; ; tries++) {
      await page.goto(`${suite.stack.webUrl}${PAGE}`)
      if ((await probes.count()) > 0 && (await probes.getByRole('cell').first().textContent())?.trim() === '8') break
      if (tries > 30) throw new Error(`the page never showed 8 TwoGatewayProbe requests: ${await probes.textContent().catch(() => 'no row')}`)
      await page.waitForTimeout(500)
    }
  })

  it('is only for staff', async () => {
    const buyer = await suite.person(BUYER)
    expect((await buyer.page.goto(`${suite.stack.webUrl}${PAGE}`))?.status()).toBe(404)
    expect(await buyer.page.getByRole('heading', { name: 'Performance' }).count()).toBe(0)
    const stranger = await suite.visitor()
    await stranger.page.goto(`${suite.stack.webUrl}${PAGE}?window=DAY`)
    expect(stranger.page.url()).toMatch(/\/sign-in\?next=%2Fmoderation%2Fperformance%3Fwindow%3DDAY/)
  })

  it('takes a beacon from a signed-out visitor’s page, and refuses a malformed one', async () => {
    const { page } = await suite.visitor()
    await page.goto(`${suite.stack.webUrl}/suppliers/olive-oak`)
    const status = (body: string, type: string) =>
      page.evaluate(
        async ([b, t]) => (await fetch('/stats/beacon', { method: 'POST', body: b, headers: { 'content-type': t! } })).status,
        [body, type],
      )
    expect(await status(JSON.stringify({ route: '/suppliers/[slug]', loadMs: 420 }), 'application/json')).toBe(204)
    // What older sendBeacon callers send: same-origin text/plain passes SvelteKit's CSRF check too.
    expect(await status(JSON.stringify({ route: '/suppliers/[slug]', lcpMs: 300 }), 'text/plain;charset=UTF-8')).toBe(204)
    expect(await status(JSON.stringify({ route: '/suppliers/[slug]', loadMs: -5 }), 'application/json')).toBe(400)
    expect(await status(JSON.stringify({ route: '/made-up', loadMs: 5 }), 'application/json')).toBe(204)
  })
})
