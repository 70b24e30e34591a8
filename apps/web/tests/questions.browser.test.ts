// Public Q&A on a product page, on the real stack: the seeded questions with the supplier's
// answers are there; a buyer asks without JavaScript; the supplier's agent answers on the same
// page and the answer shows as the supplier's, named with the agent's role; another buyer's
// answer shows apart and can be marked helpful.
import { describe, expect, it } from 'vitest'
import { gateway, overflowsHorizontally, screenshotBoth, tokenFor } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const BUYER = 'maya.lindqvist@example.com'
const AGENT = 'tiago@olive-oak.example'

type Products = { supplier: { products: { edges: Array<{ node: { id: string; questions: { edges: Array<{ node: { body: string; answers: { body: string; fromSupplier: boolean }[] } }> } } }> } } }

describe('product questions and answers', () => {
  it('shows the seeded Q&A, and a question asked without JavaScript is answered by the supplier and by a buyer', async () => {
    const data = await gateway<Products>(
      suite.stack.gatewayUrl,
      '{ supplier(slug: "olive-oak") { products(first: 20) { edges { node { id questions(first: 5) { edges { node { body answers { body fromSupplier } } } } } } } } }',
    )
    const products = data.supplier.products.edges.map((e) => e.node)
    const seeded = products.find((p) => p.questions.edges.some((q) => q.node.answers.some((a) => a.fromSupplier)))!
    expect(seeded).toBeDefined()
    const seededQuestion = seeded.questions.edges.map((e) => e.node).find((q) => q.answers.some((a) => a.fromSupplier))!
    const productUrl = `${suite.stack.webUrl}/products/${encodeURIComponent(seeded.id)}`

    // Signed out: the seeded question and the supplier's answer, and a way to sign in to ask.
    const visitor = await suite.visitor()
    await visitor.page.goto(productUrl)
    const qa = visitor.page.getByRole('region', { name: 'Questions & answers' })
    await qa.getByText(seededQuestion.body.slice(0, 40)).waitFor()
    await qa.getByText(seededQuestion.answers.find((a) => a.fromSupplier)!.body.slice(0, 40)).waitFor()
    await qa.getByRole('link', { name: 'Sign in' }).first().waitFor()

    // The agent has the team's questions page open: the new question arrives there live.
    const agent = await suite.person(AGENT)
    await agent.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/questions`)
    await agent.page.getByRole('heading', { level: 1, name: 'Questions' }).waitFor()
    await agent.page.locator('[data-live="live"]').waitFor()

    // A buyer asks, with JavaScript off.
    const question = `Does the tin keep the oil fresh after opening? (${Date.now()})`
    const buyer = await suite.person(BUYER, { javaScriptEnabled: false })
    await buyer.page.goto(productUrl)
    await buyer.page.getByLabel('Ask a public question').fill(question)
    await buyer.page.getByRole('button', { name: 'Post question' }).click()
    const asked = buyer.page.getByRole('listitem').filter({ has: buyer.page.getByRole('heading', { name: `Q: ${question}` }) })
    await asked.getByText('Not answered yet.').waitFor()

    // It shows on the agent's page without a reload; the agent answers there, as the supplier.
    const unanswered = agent.page.getByRole('listitem').filter({ has: agent.page.getByRole('heading', { name: question }) })
    await unanswered.waitFor()
    await screenshotBoth(agent.page, 'team-questions')
    await unanswered.getByLabel('Answer as Olive & Oak').fill('Yes: close the cap and keep it away from light, and it stays fresh for months.')
    await unanswered.getByRole('button', { name: 'Publish answer' }).click()
    // Answered, it leaves the Unanswered list; the product page shows it as the supplier's.
    await expect.poll(() => agent.page.getByRole('heading', { name: question }).count()).toBe(0)
    await agent.page.goto(productUrl)
    const item = agent.page.getByRole('listitem').filter({ has: agent.page.getByRole('heading', { name: `Q: ${question}` }) })
    await item.getByText(/Answer from Olive & Oak/).waitFor()

    // The buyer sees it apart from buyers' answers after a reload; an empty answer is refused with a message.
    await buyer.page.reload()
    await asked.getByText(/Answer from Olive & Oak\s*— .+, (owner|team member)/).waitFor()
    await asked.getByText('Answer this question').click()
    await asked.getByRole('button', { name: 'Post answer' }).click()
    expect(await asked.getByRole('textbox').evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).toBe(true)
    await asked.getByRole('textbox').fill('Mine stayed good for three months.')
    await asked.getByRole('button', { name: 'Post answer' }).click()
    await asked.getByRole('heading', { name: 'Answers from buyers' }).waitFor()

    // The agent finds the buyer's answer helpful.
    await agent.page.reload()
    await item.getByRole('button', { name: 'Helpful' }).click()
    await item.getByText('1 person found this helpful').waitFor()
    await screenshotBoth(agent.page, 'product-questions')
    expect(await overflowsHorizontally(agent.page)).toBe(false)
  })
})


describe('a conversation’s question made public', () => {
  it('is proposed by the agent, published by the buyer without their name (no JavaScript), and shows on the product page', async () => {
    // Maya asks Olive & Oak privately about a product: the conversation the question comes from.
    const products = await gateway<{ supplier: { id: string; products: { edges: Array<{ node: { id: string; name: string } }> } } }>(
      suite.stack.gatewayUrl,
      '{ supplier(slug: "olive-oak") { id products(first: 1) { edges { node { id name } } } } }',
    )
    const product = products.supplier.products.edges[0]!.node
    const started = await gateway<{ startConversation: { conversation: { id: string } } }>(
      suite.stack.gatewayUrl,
      'mutation($input: StartConversationInput!) { startConversation(input: $input) { ... on StartConversationPayload { conversation { id } } } }',
      { input: { supplierId: products.supplier.id, productId: product.id, body: 'Can I bake with it?', clientMessageId: `qa-${Date.now()}` } },
      await tokenFor(suite.stack.gatewayUrl, BUYER),
    )
    const conversation = { id: started.startConversation.conversation.id, product }
    const question = `Is the early harvest good for baking? (${Date.now()})`

    const agent = await suite.person(AGENT)
    await agent.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversation.id)}`)
    const section = agent.page.getByRole('region', { name: 'Public Q&A from this conversation' })
    await section.getByLabel(/^Question/).fill(question)
    await section.getByLabel('Your answer').fill('Yes, in olive-oil cakes; use it in place of butter, three quarters the weight.')
    await section.getByRole('button', { name: 'Ask the buyer' }).click()
    await section.getByText(`Waiting for the buyer — ${question}`).waitFor()
    await screenshotBoth(agent.page, 'conversation-propose')

    const buyer = await suite.person(BUYER, { javaScriptEnabled: false })
    await buyer.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversation.id)}`)
    const offer = buyer.page.getByRole('region', { name: 'Public Q&A from this conversation' })
    await offer.getByText(question).waitFor()
    await screenshotBoth(buyer.page, 'conversation-consent')
    // Not public before the buyer agrees.
    const productUrl = `${suite.stack.webUrl}/products/${encodeURIComponent(conversation.product!.id)}`
    const visitor = await suite.visitor()
    await visitor.page.goto(productUrl)
    expect(await visitor.page.getByText(question).count()).toBe(0)

    await offer.getByRole('button', { name: 'Publish it' }).click()
    await offer.getByText(`Published — ${question}`).waitFor()
    await visitor.page.reload()
    const published = visitor.page.getByRole('listitem').filter({ has: visitor.page.getByRole('heading', { name: `Q: ${question}` }) })
    await published.getByText('Asked by a buyer').waitFor()
    await published.getByText(/Answer from Olive & Oak/).waitFor()
  })
})
