// Searching suppliers and products from the home page on the real stack (seeded database, gateway,
// built web app): a supplier's name and a product's word find them, with links to their pages;
// nonsense finds nothing and says so; an over-long or punctuation-only query gets a message on the
// page, not an error page; each list pages on its own; and it all works without JavaScript.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DESKTOP, gateway, overflowsHorizontally, PHONE, screenshotBoth } from './support/browser'
import { seriousViolations } from './support/axe'
import { browserSuite } from './support/suite'

const BOX = 'Search suppliers and products'

const suite = browserSuite()

type Found = {
  suppliers: { edges: Array<{ node: { slug: string; name: string } }> }
  products: { totalCount: number; edges: Array<{ node: { id: string; name: string; supplier: { name: string } } }> }
}

/** What the gateway itself finds for a search (the page must show the same). */
function found(search: string, first = 50): Promise<Found> {
  return gateway<Found>(
    suite.stack.gatewayUrl,
    'query($search: String!, $first: Int!) { suppliers(search: $search, first: $first) { edges { node { slug name } } } products(search: $search, first: $first) { totalCount edges { node { id name supplier { name } } } } }',
    { search, first },
  )
}

let teapot: { id: string; name: string }

beforeAll(async () => {
  const products = (await found('teapot')).products.edges.map((e) => e.node)
  expect(products).toHaveLength(1)
  teapot = products[0]!
})

const suppliersSection = (page: Page) => page.getByRole('region', { name: 'Suppliers' })
const productsSection = (page: Page) => page.getByRole('region', { name: 'Products' })

/** Searches from the box on the page: types the query and presses Enter, as a keyboard user would. */
async function search(page: Page, query: string) {
  // Typed before the page hydrates, the text can be reset by hydration and an empty search sent.
  await page.waitForLoadState('networkidle')
  const box = page.getByRole('searchbox', { name: BOX })
  await box.fill(query)
  await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === query), box.press('Enter')])
}

/** Waits for the message under the search box. */
async function problem(page: Page, text: string) {
  await page.locator('#home-search-problem', { hasText: text }).waitFor()
}

async function h1s(page: Page): Promise<string[]> {
  return page.getByRole('heading', { level: 1 }).allInnerTexts()
}

describe('searching suppliers and products from the home page', () => {
  it('finds a supplier by its name and a product by a word, linking to their pages', async () => {
    const { page, problems } = await suite.visitor()
    // Hydrated, so the search is the app's own navigation (the form also works without it, below).
    await page.goto(suite.stack.webUrl, { waitUntil: 'networkidle' })
    await search(page, '  Olive & Oak ')
    // Trimmed: the heading and the box say what was searched.
    await page.getByRole('heading', { level: 1, name: 'Results for “Olive & Oak”' }).waitFor()
    expect(await page.getByRole('searchbox', { name: BOX }).inputValue()).toBe('Olive & Oak')
    expect(await h1s(page)).toHaveLength(1)
    expect(await page.title()).toBe('“Olive & Oak” — Search — Rapport')
    const supplier = suppliersSection(page).getByRole('link', { name: 'Olive & Oak', exact: true })
    expect(await supplier.getAttribute('href')).toBe('/suppliers/olive-oak')
    expect(await suppliersSection(page).getByText('1 supplier', { exact: true }).count()).toBe(1)
    // The focus stays in the box after a search, for the next one.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('home-search-q')

    await search(page, 'teapot')
    const product = productsSection(page).getByRole('link', { name: teapot.name })
    expect(await product.getAttribute('href')).toBe(`/products/${teapot.id}`)
    const row = productsSection(page).getByRole('listitem').filter({ hasText: teapot.name })
    expect(await row.innerText()).toContain('From Tsuchi Studio')
    expect(await row.innerText()).toContain('¥22,000')
    expect(await productsSection(page).getByText('1 product', { exact: true }).count()).toBe(1)
    await suppliersSection(page).getByText('No suppliers match “teapot”').waitFor()

    // The link opens the product's page.
    await Promise.all([page.waitForURL(/\/products\//), product.click()])
    await page.getByRole('heading', { level: 1, name: teapot.name }).waitFor()
    expect(problems).toEqual([])
  })

  it('keeps what was typed before the page came alive, and empties the box when the search is cleared', async () => {
    const { page, problems } = await suite.visitor()
    // The app's scripts arrive late (a slow connection): the visitor types into the server's page first.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/_app/immutable/**', async (route) => {
      await held
      await route.continue()
    })
    // (Module scripts hold DOMContentLoaded back: the page is typed into as soon as it shows.)
    await page.goto(suite.stack.webUrl, { waitUntil: 'commit' })
    const box = page.getByRole('searchbox', { name: BOX })
    await box.fill('teapot')
    expect(await page.evaluate(() => document.readyState)).not.toBe('complete')
    release()
    await page.waitForLoadState('networkidle')
    // Hydrated: the text is still there, and Enter searches for it.
    expect(await box.inputValue()).toBe('teapot')
    await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === 'teapot'), box.press('Enter')])
    await page.getByRole('heading', { level: 1, name: 'Results for “teapot”' }).waitFor()
    await page.unroute('**/_app/immutable/**')

    await Promise.all([page.waitForURL((u) => !u.searchParams.has('q')), page.getByRole('link', { name: 'Clear search' }).click()])
    await expect.poll(() => box.inputValue()).toBe('')
    expect(problems).toEqual([])
  })

  it('says so when nothing matches', async () => {
    const { page, problems } = await suite.visitor()
    await page.goto(suite.stack.webUrl)
    await search(page, 'zqxjvw')
    await suppliersSection(page).getByText('No suppliers match “zqxjvw”').waitFor()
    await productsSection(page).getByText('No products match “zqxjvw”').waitFor()
    expect(await page.getByRole('link', { name: /^More (suppliers|products)$/ }).count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('answers an over-long or punctuation-only query with a message on the page, not an error page', async () => {
    const { page, problems } = await suite.visitor()
    const long = 'olive '.repeat(200).slice(0, 1_000)
    expect(long).toHaveLength(1_000)
    // Followed as a link (a 200 with the search box, not an error page) …
    const response = await page.goto(`${suite.stack.webUrl}/?q=${encodeURIComponent(long)}`)
    expect(response?.status()).toBe(200)
    const box = page.getByRole('searchbox', { name: BOX })
    expect(await box.getAttribute('aria-invalid')).toBe('true')
    await problem(page, 'That search is 1,000 characters long; searches can be up to 200.')
    expect(await h1s(page)).toEqual(['Try another search'])
    expect(await page.getByRole('region', { name: 'Suppliers' }).count()).toBe(0)

    // … and typed into the box.
    await page.goto(suite.stack.webUrl)
    await search(page, 'x'.repeat(1_000))
    await problem(page, 'That search is 1,000 characters long; searches can be up to 200.')

    await search(page, '!!!')
    await problem(page, 'Search for a name or a word: punctuation alone matches nothing.')
    expect(await page.getByRole('searchbox', { name: BOX }).inputValue()).toBe('!!!')
    expect(await h1s(page)).toHaveLength(1)
    // Described by the message, so a screen reader reads it with the box.
    const described = await box.getAttribute('aria-describedby')
    expect(await page.locator(`#${described}`).innerText()).toContain('punctuation alone')

    const direct = await page.goto(`${suite.stack.webUrl}/?q=${encodeURIComponent('!!!')}`)
    expect(direct?.status()).toBe(200)
    expect(problems).toEqual([])
  })

  it('pages through products on their own, keeping the suppliers where they were', async () => {
    const { page, problems } = await suite.visitor()
    const expected = await found('and')
    expect(expected.products.edges.length).toBeGreaterThan(12)
    await page.goto(`${suite.stack.webUrl}/?q=and`)
    await productsSection(page).getByText(`${expected.products.totalCount} products`).waitFor()
    const first = await productsSection(page).getByRole('heading', { level: 3 }).allInnerTexts()
    expect(first).toEqual(expected.products.edges.slice(0, 12).map((e) => e.node.name))

    await Promise.all([
      page.waitForURL((u) => u.searchParams.has('pAfter')),
      productsSection(page).getByRole('link', { name: 'More products' }).click(),
    ])
    const url = new URL(page.url())
    expect(url.searchParams.get('q')).toBe('and')
    expect(url.searchParams.has('sAfter')).toBe(false)
    const second = await productsSection(page).getByRole('heading', { level: 3 }).allInnerTexts()
    expect(second).toEqual(expected.products.edges.slice(12, 24).map((e) => e.node.name))
    // The suppliers' list is still its first page.
    expect(await suppliersSection(page).getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(
      expected.suppliers.edges.slice(0, 12).map((e) => e.node.name),
    )
    await Promise.all([
      page.waitForURL((u) => !u.searchParams.has('pAfter')),
      productsSection(page).getByRole('link', { name: 'First products' }).click(),
    ])
    expect(await productsSection(page).getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(first)
    expect(problems).toEqual([])
  })

  it('answers a cursor from elsewhere with a friendly 400 page', async () => {
    const { page } = await suite.visitor()
    const response = await page.goto(`${suite.stack.webUrl}/?q=oil&pAfter=not-a-cursor`)
    expect(response?.status()).toBe(400)
    await page.getByText('That page of search results doesn’t exist.').waitFor()
  })

  it('works without JavaScript', async () => {
    const { page } = await suite.visitor({ javaScriptEnabled: false })
    await page.goto(suite.stack.webUrl)
    await page.getByRole('searchbox', { name: BOX }).fill('maple')
    await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === 'maple'), page.keyboard.press('Enter')])
    expect(await suppliersSection(page).getByRole('link', { name: 'Sugarhouse Hollow' }).getAttribute('href')).toMatch(
      /^\.?\/suppliers\/sugarhouse-hollow$/,
    )
    expect(
      await productsSection(page)
        .getByRole('link', { name: /^Maple Cream/ })
        .count(),
    ).toBe(1)
  })

  it('has no serious accessibility problems on the results, on a phone and a desktop, and leaves screenshots', async () => {
    const { page, problems } = await suite.visitor()
    await page.goto(`${suite.stack.webUrl}/?q=maple`)
    await productsSection(page)
      .getByRole('link', { name: /^Maple Cream/ })
      .waitFor()
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size)
      expect(await seriousViolations(page)).toEqual([])
      expect(await overflowsHorizontally(page)).toBe(false)
    }
    await screenshotBoth(page, 'home-search')

    for (const query of ['zqxjvw', '!!!']) {
      await page.goto(`${suite.stack.webUrl}/?q=${encodeURIComponent(query)}`)
      expect(await seriousViolations(page)).toEqual([])
    }
    await screenshotBoth(page, 'home-search-problem')

    // The home page itself, with the box under its words.
    await page.goto(suite.stack.webUrl)
    expect(await seriousViolations(page)).toEqual([])
    await screenshotBoth(page, 'home-search-box', { fullPage: false })
    expect(problems).toEqual([])
  })
})
