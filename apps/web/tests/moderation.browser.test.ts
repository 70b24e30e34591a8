// Moderation on the real stack: a buyer reports a review (without JavaScript), a moderator in a
// second browser finds it in /moderation, hides it with a reason, and the public reviews page
// shows "Removed by moderators: <reason>" in its place, without its text. The supplier's team
// follows it on its Flagged page: waiting, then hidden with the reason — never who reported it.
import { describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { gateway, overflowsHorizontally, screenshotBoth, tokenFor } from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const MODERATOR = 'priscila@rapport.example'
const AGENT = 'tiago@olive-oak.example'
const REVIEWS = '/suppliers/olive-oak/reviews?sort=NEWEST'

const suite = browserSuite()

type Page = {
  viewer: { user: { displayName: string } }
  supplier: {
    reviews: { edges: Array<{ node: { id: string; body: string; authorName: string; moderation: unknown } }> }
  }
}

describe('moderation', () => {
  it('a report → a moderator hides it with a reason → the public page shows the removal notice', async () => {
    // A review on the first page that the buyer did not write.
    const token = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const seen = await gateway<Page>(
      suite.stack.gatewayUrl,
      '{ viewer { user { displayName } } supplier(slug: "olive-oak") { reviews(first: 10, sort: NEWEST) { edges { node { id body authorName moderation { reason } } } } } }',
      {},
      token,
    )
    const target = seen.supplier.reviews.edges
      .map((e) => e.node)
      .find((r) => r.authorName !== seen.viewer.user.displayName && !r.moderation)!
    expect(target).toBeDefined()
    const snippet = target.body.slice(0, 40)

    // The buyer reports it, with JavaScript off: a plain form post.
    const buyer = await suite.person(BUYER, { javaScriptEnabled: false })
    await buyer.page.goto(`${suite.stack.webUrl}${REVIEWS}`)
    const article = buyer.page.getByRole('article').filter({ hasText: snippet })
    const report = article.locator('details').filter({ hasText: 'Report this review' })
    await report.getByText('Report this review').click()
    await report.getByLabel('What’s wrong?').selectOption('ABUSE')
    await report.getByLabel('Details for the moderators (optional)').fill('Insults the owner by name.')
    await report.getByRole('button', { name: 'Send report' }).click()
    await buyer.page
      .getByRole('article')
      .filter({ hasText: snippet })
      .getByText('Thanks — moderators will look at this review.')
      .waitFor()
    expect(buyer.page.url()).toContain('sort=NEWEST')

    // Only staff have the queue: the buyer gets a 404, a signed-out visitor goes to sign in.
    expect((await buyer.page.goto(`${suite.stack.webUrl}/moderation`))?.status()).toBe(404)
    const stranger = await suite.visitor()
    await stranger.page.goto(`${suite.stack.webUrl}/moderation`)
    expect(stranger.page.url()).toMatch(/\/sign-in\?next=%2Fmoderation/)

    // The supplier's agent has the team's reviews page open, live.
    const tiago = await suite.person(AGENT)
    await tiago.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/feedback`)
    await tiago.page.locator('[data-live="live"]').waitFor()
    await tiago.page.getByText(snippet).first().waitFor()

    // And, in another window, the team's Flagged page: the report is there, waiting, without its reporter.
    const flaggedPage = await suite.person(AGENT)
    await flaggedPage.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/flagged`)
    await flaggedPage.page.locator('[data-live="live"]').waitFor()
    const flaggedItem = flaggedPage.page.getByRole('listitem').filter({ hasText: snippet })
    await flaggedItem.getByText('Waiting for a moderator.').waitFor()
    await flaggedItem.getByText('Abusive or hateful').waitFor()
    for (const secret of ['Maya', 'Insults the owner by name.', 'Reported by'])
      expect(await flaggedPage.page.getByText(secret).count()).toBe(0)

    // The moderator, in another browser context: the header link, the queue, the report.
    const moderator = await suite.person(MODERATOR)
    await moderator.page.getByRole('link', { name: 'Moderation' }).click()
    await expect.poll(() => moderator.page.url()).toMatch(/\/moderation$/)
    await moderator.page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor()
    // One entry per reported thing: Maya's report, or (if the demo reported this review before) its
    // first report with the count of reports.
    const entry = moderator.page.getByRole('listitem').filter({ hasText: snippet })
    await entry.first().waitFor()
    expect(await entry.count()).toBe(1)
    const mayas = async () =>
      (await entry.getByText('Reported by Maya').count()) + (await entry.getByText(/^\d+ reports$/).count())
    await expect.poll(mayas).toBeGreaterThan(0)
    await screenshotBoth(moderator.page, 'moderation-queue')
    expect(await overflowsHorizontally(moderator.page)).toBe(false)

    await entry.getByRole('link').click()
    await expect.poll(() => moderator.page.url()).toMatch(/\/moderation\/[^/]+$/)
    // Titled by the entry's report: Maya's, or the demo's earlier one.
    await moderator.page.getByRole('heading', { level: 1, name: /^Review reported: / }).waitFor()
    await moderator.page.getByText(snippet).first().waitFor()
    await screenshotBoth(moderator.page, 'moderation-report')
    expect(await overflowsHorizontally(moderator.page)).toBe(false)

    const reason = 'Personal attack on the shop owner.'
    await moderator.page.getByLabel(/Hide it/).check()
    await moderator.page.getByLabel(/Reason/).fill(reason)
    await moderator.page.getByRole('button', { name: 'Record the decision' }).click()
    await moderator.page.getByText('Decision recorded. Every open report about it is closed.').waitFor()
    await moderator.page.getByRole('region', { name: 'Decisions so far' }).getByText(reason).waitFor()
    await screenshotBoth(moderator.page, 'moderation-decided')

    // The team's page follows without a reload: the notice in place of the text.
    await tiago.page.getByText(`Removed by moderators: ${reason}`).waitFor()
    expect(await tiago.page.getByText(snippet).count()).toBe(0)
    // So does its Flagged page: hidden, with the public reason; the text withheld, the moderator unnamed.
    const decidedItem = flaggedPage.page.getByRole('listitem').filter({ hasText: reason })
    await decidedItem.getByText('Hidden by moderators').waitFor()
    await decidedItem.getByText('The text is withheld').waitFor()
    expect(await flaggedPage.page.getByText(snippet).count()).toBe(0)
    expect(await flaggedPage.page.getByText('Priscila').count()).toBe(0)
    await screenshotBoth(flaggedPage.page, 'team-flagged')
    expect(await overflowsHorizontally(flaggedPage.page)).toBe(false)

    // The public page: the notice in its place, the text gone.
    const reader = await suite.visitor()
    await reader.page.goto(`${suite.stack.webUrl}${REVIEWS}`)
    await reader.page.getByText(`Removed by moderators: ${reason}`).waitFor()
    expect(await reader.page.getByText(snippet).count()).toBe(0)
    await screenshotBoth(reader.page, 'moderation-public-notice')

    // Every open report about it is closed: it has left the queue of open review reports.
    await moderator.page.goto(`${suite.stack.webUrl}/moderation?kind=review`)
    await moderator.page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor()
    expect(await moderator.page.getByRole('listitem').filter({ hasText: snippet }).count()).toBe(0)
    expect(buyer.problems.concat(moderator.problems, reader.problems, tiago.problems, flaggedPage.problems)).toEqual([])
  })

  it('lists the demo’s reports for the moderators and the team; the team’s filter and pages work without JavaScript', async () => {
    const moderator = await suite.person(MODERATOR, { javaScriptEnabled: false })
    await moderator.page.goto(`${suite.stack.webUrl}/moderation`)
    await moderator.page.getByText('This is an advert, not an answer to my question.').waitFor()
    await moderator.page.getByRole('listitem').filter({ hasText: 'Wholesale Galega olives' }).first().waitFor()
    await moderator.page.goto(`${suite.stack.webUrl}/moderation?status=actioned`)
    await moderator.page.getByText('Calls me a liar and a thief by name.').waitFor()

    const owner = await suite.person('ana@olive-oak.example', { javaScriptEnabled: false })
    await owner.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/questions`)
    await owner.page.getByRole('navigation', { name: 'Team pages' }).getByRole('link', { name: 'Flagged' }).click()
    await owner.page.getByRole('heading', { level: 1, name: 'Flagged' }).waitFor()
    // The seeded hidden review: the public reason, its text withheld from the team.
    const hidden = owner.page
      .getByRole('listitem')
      .filter({ hasText: 'Personal insults against a named member of staff.' })
    await hidden.getByText('The text is withheld').waitFor()
    expect(await owner.page.getByText('liar and a thief').count()).toBe(0)
    // The spam question, reported twice, is one item.
    expect(await owner.page.getByRole('listitem').filter({ hasText: 'Wholesale Galega olives' }).count()).toBe(1)
    await owner.page.getByRole('link', { name: /^Waiting for moderators \(\d+\)$/ }).click()
    await expect.poll(() => owner.page.url()).toMatch(/\/flagged\?show=open$/)
    expect(await owner.page.getByText('Personal insults against a named member of staff.').count()).toBe(0)
    // The advert answer is waiting; the words of whoever reported it are the moderators' only.
    await owner.page
      .getByRole('listitem')
      .filter({ hasText: 'I import the same boards' })
      .getByText('Waiting for a moderator.')
      .waitFor()
    expect(await owner.page.getByText('This is an advert').count()).toBe(0)
    await screenshotBoth(owner.page, 'team-flagged-open')
    expect(moderator.problems.concat(owner.problems)).toEqual([])
  })

  it('shows a reported conversation with a note that reading it is logged, and keeps it, without JavaScript', async () => {
    const token = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const mine = await gateway<{
      viewer: { conversations: { edges: Array<{ node: { id: string; supplier: { slug: string } } }> } }
    }>(
      suite.stack.gatewayUrl,
      '{ viewer { conversations(first: 20) { edges { node { id supplier { slug } } } } } }',
      {},
      token,
    )
    // One with Olive & Oak, whose agent (Tiago) is in the demo.
    const reported = mine.viewer.conversations.edges.find((e) => e.node.supplier.slug === 'olive-oak')!.node.id
    await gateway(
      suite.stack.gatewayUrl,
      'mutation($input: ReportConversationInput!) { reportConversation(input: $input) { __typename } }',
      {
        input: {
          conversationId: reported,
          reason: 'OFF_PLATFORM_CONTACT',
          details: 'Asked me to pay by bank transfer.',
        },
      },
      token,
    )
    const moderator = await suite.person(MODERATOR, { javaScriptEnabled: false })
    await moderator.page.goto(`${suite.stack.webUrl}/moderation?kind=conversation`)
    await moderator.page.getByText('Asked me to pay by bank transfer.').waitFor()
    await moderator.page.locator('.queue a').first().click()
    await moderator.page
      .getByRole('heading', { level: 1, name: 'Conversation reported: Asks to deal outside Rapport' })
      .waitFor()
    await moderator.page.getByText('Your reading of this conversation is recorded in its access log').waitFor()
    expect(
      await moderator.page.getByRole('list', { name: 'The last messages' }).getByRole('listitem').count(),
    ).toBeGreaterThan(0)
    // A conversation is only kept: no hide or remove on offer.
    expect(await moderator.page.getByLabel(/Hide it/).count()).toBe(0)
    await screenshotBoth(moderator.page, 'moderation-conversation')

    // Both parties see that a moderator opened it, when and why, on their own conversation page.
    for (const email of [BUYER, AGENT]) {
      const party = await suite.person(email)
      await party.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(reported)}`)
      const notice = party.page.getByRole('complementary', { name: 'Who at Rapport opened this conversation' })
      await notice
        .getByText(
          /Priscila .* \(Rapport moderator\) viewed this conversation on .* — reason: a report \(#[0-9a-f]{8}\)/,
        )
        .waitFor()
      expect(await seriousViolations(party.page)).toEqual([])
      if (email === BUYER) await screenshotBoth(party.page, 'access-notice')
      expect(party.problems).toEqual([])
    }
    await moderator.page.getByLabel(/Keep it/).check()
    await moderator.page.getByLabel(/Reason/).fill('Warned the supplier by email.')
    await moderator.page.getByRole('button', { name: 'Record the decision' }).click()
    await moderator.page.getByText('Decision recorded. Every open report about it is closed.').waitFor()
    await moderator.page.getByText('There is nothing left to decide: this report is closed.').waitFor()
  })
})
