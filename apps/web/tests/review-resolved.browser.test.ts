// ★ A review names the conversation in which its problem was handled; when the buyer marks that
// conversation resolved, the public review says the supplier resolved it and the buyer's orders
// page invites an update — the first version stays visible.
import { describe, expect, it } from 'vitest'
import { gateway, screenshotBoth, tokenFor } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const BUYER = 'maya.lindqvist@example.com'

describe('a review and the conversation that resolved its problem', () => {
  it('links them without JavaScript, then shows “Olive & Oak resolved this” and invites an update', async () => {
    const token = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const supplier = await gateway<{ supplier: { id: string } }>(suite.stack.gatewayUrl, '{ supplier(slug: "olive-oak") { id } }')
    const subject = `Dented tin (${Date.now()})`
    const started = await gateway<{ startConversation: { conversation: { id: string } } }>(
      suite.stack.gatewayUrl,
      'mutation($input: StartConversationInput!) { startConversation(input: $input) { ... on StartConversationPayload { conversation { id } } } }',
      { input: { supplierId: supplier.supplier.id, subject, body: 'My tin arrived dented.', clientMessageId: `resolved-${Date.now()}` } },
      token,
    )
    const conversationId = started.startConversation.conversation.id

    // R-10011 from Olive & Oak: delivered, not reviewed yet. With JavaScript off: plain form posts.
    const maya = await suite.person(BUYER, { javaScriptEnabled: false })
    await maya.page.goto(`${suite.stack.webUrl}/orders`)
    await maya.page.getByRole('listitem').filter({ hasText: 'R-10011' }).getByRole('link', { name: 'Write a review', exact: true }).click()
    await maya.page.getByRole('heading', { level: 1, name: 'Review your order' }).waitFor()
    const body = `Dented tin, good oil (${Date.now()}).`
    await maya.page.getByLabel('2 stars').check()
    await maya.page.getByLabel('Your review').fill(body)
    await maya.page.getByLabel(/Was a problem handled in a conversation/).selectOption(conversationId)
    await screenshotBoth(maya.page, 'review-with-conversation')
    await maya.page.getByRole('button', { name: 'Publish review' }).click()
    await expect.poll(() => maya.page.url()).toMatch(/reviewed=R-10011/)

    const visitor = await suite.visitor()
    await visitor.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/reviews?sort=NEWEST`)
    const article = visitor.page.getByRole('article').filter({ hasText: body })
    await article.waitFor()
    expect(await article.getByText('Olive & Oak resolved this').count()).toBe(0)

    // The buyer: "this answered my question" on the conversation.
    await gateway(
      suite.stack.gatewayUrl,
      'mutation($input: ConfirmResolvedInput!) { confirmResolved(input: $input) { __typename } }',
      { input: { conversationId } },
      token,
    )
    await visitor.page.reload()
    await article.getByText('✓ Olive & Oak resolved this').waitFor()
    await maya.page.goto(`${suite.stack.webUrl}/orders`)
    const order = maya.page.getByRole('listitem').filter({ hasText: 'R-10011' })
    await order.getByText('Olive & Oak resolved your problem — update your review?').waitFor()

    // Updated: the invitation goes, the page says "updated on", and both versions remain.
    await order.getByRole('link', { name: /Edit your review/ }).click()
    expect(await maya.page.getByLabel(/Was a problem handled in a conversation/).inputValue()).toBe(conversationId)
    await maya.page.getByLabel('5 stars').check()
    await maya.page.getByRole('button', { name: 'Publish the new version' }).click()
    await expect.poll(() => maya.page.url()).toMatch(/reviewed=R-10011/)
    expect(await order.getByText(/update your review\?/).count()).toBe(0)
    await visitor.page.reload()
    await article.getByText(/updated on/).waitFor()
    const versions = await gateway<{ supplier: { reviews: { edges: Array<{ node: { body: string; versions: { rating: number }[] } }> } } }>(
      suite.stack.gatewayUrl,
      '{ supplier(slug: "olive-oak") { reviews(first: 5, sort: NEWEST) { edges { node { body versions { rating } } } } } }',
    )
    expect(versions.supplier.reviews.edges.find((e) => e.node.body === body)?.node.versions.map((v) => v.rating)).toEqual([5, 2])
  })
})
