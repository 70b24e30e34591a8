// Supplier and product pages on the real stack, seen from Stockholm.
import { describe, expect, it } from 'vitest'
import { gateway, overflowsHorizontally, screenshotBoth } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const visitor = suite.visitor

describe('supplier page', () => {
  it('shows the profile, opening hours in both zones, reviews, team and products', async () => {
    const p = await visitor({ timezoneId: 'Europe/Stockholm' })
    const response = await p.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak`, { waitUntil: 'networkidle' })
    expect(response?.status()).toBe(200)
    await p.page.getByRole('heading', { level: 1, name: 'Olive & Oak' }).waitFor()
    await p.page.getByText('Single-estate olive oil').first().waitFor()

    // Lisbon hours, and the same openings for a visitor in Stockholm (one hour later).
    const hours = p.page.getByRole('table', { name: 'Service hours' })
    await hours.getByRole('columnheader', { name: 'Your time (Stockholm)' }).waitFor()
    const monday = hours.getByRole('row', { name: /Mon/ })
    expect(await monday.textContent()).toContain('09:00–13:00')
    expect(await monday.textContent()).toContain('10:00–14:00')
    expect(await p.page.locator('.open-now').first().textContent()).toMatch(/Open now|Closed/)

    expect(await p.page.getByText(/Usually replies within \d+ (hours?|days?)/).count()).toBeGreaterThan(0)
    expect(await p.page.getByText('out of 5').first().innerText()).toMatch(/\d\.\d out of 5 · \d+ reviews?/)
    for (const name of ['Ana Carvalho', 'Tiago Carvalho']) await p.page.getByText(name).first().waitFor()

    // Upcoming closures (the next six weeks) are named beside the hours.
    const { supplier } = await gateway<{ supplier: { closures: string[] } }>(
      suite.stack.gatewayUrl,
      '{ supplier(slug: "olive-oak") { closures } }',
    )
    const soon = supplier.closures.filter((d) => Date.parse(`${d}T00:00:00Z`) < Date.now() + 42 * 86_400_000)
    if (soon.length > 0) {
      const label = new Intl.DateTimeFormat('en-GB', {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        timeZone: 'UTC',
      })
      await p.page.locator('.closures', { hasText: label.format(new Date(`${soon[0]}T00:00:00Z`)) }).waitFor()
    } else {
      expect(await p.page.locator('.closures').count()).toBe(0)
    }

    const products = p.page.getByRole('heading', { level: 3 }).getByRole('link')
    expect(await products.count()).toBeGreaterThan(3)
    expect(await products.first().getAttribute('href')).toMatch(/\/products\/[A-Za-z0-9=%]+$/)
    await screenshotBoth(p.page, 'supplier')
    expect(await overflowsHorizontally(p.page)).toBe(false)
    expect(p.problems).toEqual([])
  })

  it('answers an unknown supplier with a designed 404 page', async () => {
    const p = await visitor()
    const response = await p.page.goto(`${suite.stack.webUrl}/suppliers/no-such-supplier`)
    expect(response?.status()).toBe(404)
    await p.page.getByText('We couldn’t find that supplier').waitFor()
    expect(await p.page.getByRole('link', { name: 'Go to the home page' }).isVisible()).toBe(true)
  })
})

describe('product page', () => {
  it('formats prices in the currency’s own minor unit, and offers to ask the supplier', async () => {
    const data = await gateway<{
      supplier: {
        name: string
        products: { edges: Array<{ node: { id: string; name: string; price: { amount: number } } }> }
      }
    }>(
      suite.stack.gatewayUrl,
      '{ supplier(slug: "tsuchi-studio") { name products(first: 1) { edges { node { id name price { amount currency } } } } } }',
    )
    const product = data.supplier.products.edges[0]?.node
    if (!product) throw new Error('no Tsuchi Studio product')
    const p = await visitor()
    await p.page.goto(`${suite.stack.webUrl}/products/${encodeURIComponent(product.id)}`, { waitUntil: 'networkidle' })
    await p.page.getByRole('heading', { level: 1, name: product.name }).waitFor()
    // Yen have no minor unit: 9000 is ¥9,000, not ¥90.00.
    const price = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'JPY' }).format(product.price.amount)
    expect(await p.page.locator('.price').first().textContent()).toBe(price)
    await p.page.getByRole('link', { name: data.supplier.name }).first().waitFor()
    await p.page.getByRole('heading', { name: 'Ask the supplier' }).waitFor()
    await screenshotBoth(p.page, 'product')
    expect(await overflowsHorizontally(p.page)).toBe(false)
  })

  it('answers an id that is not a product with a 404', async () => {
    const p = await visitor()
    const response = await p.page.goto(`${suite.stack.webUrl}/products/not-a-product`)
    expect(response?.status()).toBe(404)
  })
})
