// The public reviews page on the real stack: the seeded reviews with the suppliers' responses,
// reached from the supplier page, sorted and filtered with and without JavaScript.
import { describe, expect, it } from 'vitest'
import { gateway, overflowsHorizontally, screenshotBoth } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const visitor = suite.visitor

type Reviews = {
  supplier: {
    ratingSummary: { count: number }
    reviews: { edges: Array<{ node: { rating: number; body: string; response: { body: string } | null } }> }
  }
}

describe('a supplier’s reviews page', () => {
  it('lists the reviews with the supplier’s responses, from the supplier page, and sorts and filters them', async () => {
    const expected = await gateway<Reviews>(
      suite.stack.gatewayUrl,
      '{ supplier(slug: "olive-oak") { ratingSummary { count } reviews(first: 10) { edges { node { rating body response { body } } } } } }',
    )
    const count = expected.supplier.ratingSummary.count
    expect(count).toBeGreaterThan(1)
    const responded = expected.supplier.reviews.edges.map((e) => e.node).find((r) => r.response)!
    expect(responded).toBeDefined()

    const p = await visitor({ timezoneId: 'Europe/Lisbon' })
    await p.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak`)
    await Promise.all([
      p.page.waitForURL(/\/suppliers\/olive-oak\/reviews$/),
      p.page.getByRole('link', { name: `Read all ${count} reviews` }).click(),
    ])
    await p.page.getByRole('heading', { level: 1, name: 'Reviews of Olive & Oak' }).waitFor()
    // Hidden reviews keep their place in the list (the demo has one), and are not counted.
    const articles = p.page.getByRole('article')
    expect(await articles.count()).toBe(Math.min(expected.supplier.reviews.edges.length, 10))
    await p.page.getByText(responded.body.slice(0, 60)).waitFor()
    await p.page.getByText(responded.response!.body.slice(0, 60)).waitFor()
    await p.page
      .getByText(/Response from Olive & Oak — .+, (owner|team member)/)
      .first()
      .waitFor()
    await screenshotBoth(p.page, 'supplier-reviews')
    expect(await overflowsHorizontally(p.page)).toBe(false)

    // Lowest first, chosen in the select (the form submits itself).
    // Client-side navigations fire no load event: wait for the address and the new list instead.
    await p.page.getByLabel('Sort by').selectOption('LOWEST')
    await expect.poll(() => p.page.url()).toMatch(/sort=LOWEST/)
    await p.page.waitForLoadState('networkidle')
    // A hidden review shows its notice, not its stars.
    const stars = async () =>
      (await p.page.locator('article .visually-hidden').allTextContents()).flatMap((t) => {
        const m = /(\d) out of 5/.exec(t)
        return m ? [Number(m[1])] : []
      })
    const lowest = await stars()
    expect(lowest).toEqual([...lowest].sort((a, b) => a - b))

    // Only 5-star reviews, keeping the sort.
    await p.page.getByRole('link', { name: /^5 stars/ }).click()
    await expect.poll(() => p.page.url()).toMatch(/stars=5/)
    await p.page.waitForLoadState('networkidle')
    expect(p.page.url()).toContain('sort=LOWEST')
    expect(new Set(await stars())).toEqual(new Set([5]))
    expect(p.problems).toEqual([])
  })

  it('works without JavaScript: the sort form is a plain GET', async () => {
    const p = await visitor({ javaScriptEnabled: false })
    await p.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/reviews`)
    await p.page.getByLabel('Sort by').selectOption('HIGHEST')
    await Promise.all([p.page.waitForURL(/sort=HIGHEST/), p.page.getByRole('button', { name: 'Sort' }).click()])
    const ratings = (await p.page.locator('article .visually-hidden').allTextContents()).flatMap((t) => {
      const m = /(\d) out of 5/.exec(t)
      return m ? [Number(m[1])] : []
    })
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a))
  })

  it('says so when a filter has no reviews, and answers an unknown supplier with 404', async () => {
    const p = await visitor()
    const expected = await gateway<{ supplier: { ratingSummary: { distribution: number[] }; reviews: { edges: Array<{ node: { rating: number } }> } } }>(
      suite.stack.gatewayUrl,
      '{ supplier(slug: "olive-oak") { ratingSummary { distribution } reviews(first: 100) { edges { node { rating } } } } }',
    )
    // A star count with no review at all (a hidden review is listed in its place, though not counted).
    const listed = new Set(expected.supplier.reviews.edges.map((e) => e.node.rating))
    const missing = [1, 2, 3, 4, 5].find((s) => (expected.supplier.ratingSummary.distribution[s - 1] ?? 0) === 0 && !listed.has(s))
    if (missing) {
      await p.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/reviews?stars=${missing}`)
      await p.page.getByText(`No ${missing}-star reviews yet.`).waitFor()
    }
    const response = await p.page.goto(`${suite.stack.webUrl}/suppliers/no-such-supplier/reviews`)
    expect(response?.status()).toBe(404)
  })
})
