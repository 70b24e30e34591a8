// A buyer reviews a delivered order from their orders page; the review is public at once, the
// supplier's team answers it, and the answer shows under it.
import { describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { overflowsHorizontally, screenshotBoth } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const BUYER = 'maya.lindqvist@example.com'
const AGENT = 'tiago@olive-oak.example'

describe('reviewing an order', () => {
  it('goes from the orders page to a published review, live on the team’s page, answered there and shown publicly', async () => {
    // The supplier's agent has the team's reviews page open, live, before the buyer writes.
    const tiago = await suite.person(AGENT)
    await tiago.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/feedback`)
    await tiago.page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor()
    await tiago.page.locator('[data-live="live"]').waitFor()
    expect(await seriousViolations(tiago.page)).toEqual([])

    const maya = await suite.person(BUYER)
    await maya.page.goto(`${suite.stack.webUrl}/orders`)
    await maya.page.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor()
    expect(await seriousViolations(maya.page)).toEqual([])
    // R-10011 from Olive & Oak: delivered about two months ago, not reviewed yet.
    const order = maya.page.getByRole('listitem').filter({ hasText: 'R-10011' })
    await screenshotBoth(maya.page, 'orders')
    expect(await overflowsHorizontally(maya.page)).toBe(false)
    await Promise.all([
      maya.page.waitForURL(/\/orders\/[^/]+\/review$/),
      order.getByRole('link', { name: 'Write a review', exact: true }).click(),
    ])
    await maya.page.getByRole('heading', { level: 1, name: 'Review your order' }).waitFor()

    // Nothing chosen: the form says so and publishes nothing (the browser's own check is bypassed).
    await maya.page.locator('form.review-form').evaluate((f) => f.setAttribute('novalidate', ''))
    await maya.page.getByRole('button', { name: 'Publish review' }).click()
    await maya.page.getByText('Choose 1 to 5 stars.').waitFor()
    expect(await seriousViolations(maya.page)).toEqual([])

    const body = `The tin arrived dented but the oil is superb (${Date.now()}).`
    await maya.page.getByLabel('4 stars').check()
    await maya.page.getByLabel('Title').fill('Superb oil, dented tin')
    await maya.page.getByLabel('Your review').fill(body)
    await screenshotBoth(maya.page, 'order-review-form')
    await Promise.all([
      maya.page.waitForURL(/\/orders\?reviewed=R-10011$/),
      maya.page.getByRole('button', { name: 'Publish review' }).click(),
    ])
    await maya.page.getByText('your review of order R-10011 is published').waitFor()
    await order.getByRole('link', { name: /Edit your review \(4★\)/ }).waitFor()

    // The agent's page shows it without a reload, and the agent answers from there.
    const onTeamPage = tiago.page.getByRole('article').filter({ hasText: body })
    await onTeamPage.waitFor()
    await screenshotBoth(tiago.page, 'team-reviews')
    const answer = 'So sorry about the tin, Maya — a replacement is on its way.'
    await onTeamPage.getByLabel('Respond publicly').fill(answer)
    await onTeamPage.getByRole('button', { name: 'Publish response' }).click()
    await onTeamPage.getByText('Published.').waitFor()
    await onTeamPage.getByLabel('Edit your response').waitFor()

    const visitor = await suite.visitor()
    await visitor.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/reviews?sort=NEWEST`)
    const article = visitor.page.getByRole('article').filter({ hasText: body })
    await article.getByText('Superb oil, dented tin').waitFor()
    await article.getByText(answer).waitFor()
    await article.getByText(/Response from Olive & Oak — .+, team member/).waitFor()

    // Back to edit: the form holds the current text, and a new version is published.
    await maya.page.goto(`${suite.stack.webUrl}/orders`)
    await Promise.all([
      maya.page.waitForURL(/\/review$/),
      order.getByRole('link', { name: /Edit your review/ }).click(),
    ])
    expect(await maya.page.getByLabel('Your review').inputValue()).toBe(body)
    await maya.page.getByLabel('5 stars').check()
    await Promise.all([
      maya.page.waitForURL(/reviewed=R-10011/),
      maya.page.getByRole('button', { name: 'Publish the new version' }).click(),
    ])
    await visitor.page.reload()
    await article.getByText(/updated on/).waitFor()

    // And deleted: gone from the public page, and the order can be reviewed again.
    await Promise.all([
      maya.page.waitForURL(/\/review$/),
      order.getByRole('link', { name: /Edit your review/ }).click(),
    ])
    await Promise.all([
      maya.page.waitForURL(/deleted=R-10011/),
      maya.page.getByRole('button', { name: 'Delete your review' }).click(),
    ])
    await order.getByRole('link', { name: 'Write a review', exact: true }).waitFor()
    await visitor.page.reload()
    expect(await visitor.page.getByText(body).count()).toBe(0)
    expect(maya.problems).toEqual([])
    expect(tiago.problems).toEqual([])
  })

  it('invites the buyer to review each delivered order once; "Not now" puts an invitation away, without JavaScript too', async () => {
    const maya = await suite.person(BUYER)
    await maya.page.goto(`${suite.stack.webUrl}/orders`)
    const invitations = maya.page.getByRole('region', { name: 'How did it go?' })
    await invitations.waitFor()
    expect(await seriousViolations(maya.page)).toEqual([])
    await screenshotBoth(maya.page, 'orders-invitations')
    expect(await overflowsHorizontally(maya.page)).toBe(false)
    const open = invitations.getByRole('listitem')
    const before = await open.count()
    expect(before).toBeGreaterThan(0)
    // Each invitation names its order and the date its window closes.
    const first = open.first()
    const number = (await first.locator('.number').innerText()).replace(/^·\s*/, '').trim()
    expect(number).toMatch(/^R-\d+$/)
    await first.getByText(/you can review it until \d{1,2} \w{3} \d{4}/).waitFor()

    // The same page with JavaScript off: "Not now" is a plain form post.
    const noScript = await suite.person(BUYER, { javaScriptEnabled: false })
    await noScript.page.goto(`${suite.stack.webUrl}/orders`)
    const invitation = noScript.page
      .getByRole('region', { name: 'How did it go?' })
      .getByRole('listitem')
      .filter({ hasText: number })
    await Promise.all([
      noScript.page.waitForURL(/\/orders$/),
      invitation.getByRole('button', { name: /^Not now/ }).click(),
    ])
    expect(await invitation.count()).toBe(0)
    // Put away, not taken away: the order itself can still be reviewed until its window closes.
    const row = noScript.page.locator('ol.orders > li').filter({ hasText: number })
    await row.getByRole('link', { name: 'Write a review', exact: true }).waitFor()

    // The invitation is made once: it does not come back on another visit.
    await maya.page.reload()
    expect(await open.filter({ hasText: number }).count()).toBe(0)
    expect(await open.count()).toBe(before - 1)
    // An invitation's own link opens that order's review form.
    if (before > 1) {
      const next = open.first()
      await Promise.all([maya.page.waitForURL(/\/orders\/[^/]+\/review$/), next.getByRole('link', { name: /^Write a review of order/ }).click()])
      await maya.page.getByRole('heading', { level: 1, name: 'Review your order' }).waitFor()
    }
    expect(maya.problems).toEqual([])
    expect(noScript.problems).toEqual([])
  })

  it('sends a signed-out visitor to sign in, and answers someone else’s order with 404', async () => {
    const visitor = await suite.visitor()
    await visitor.page.goto(`${suite.stack.webUrl}/orders`)
    await visitor.page.waitForURL(/\/sign-in\?next=%2Forders/)
    const agent = await suite.person(AGENT)
    const response = await agent.page.goto(
      `${suite.stack.webUrl}/orders/T3JkZXI6MDE5MDAwMDAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAw/review`,
    )
    expect(response?.status()).toBe(404)
  })
})
