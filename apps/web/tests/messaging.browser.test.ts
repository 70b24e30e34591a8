// Live messaging on the real stack (seeded database, gateway, BUILT web app): a buyer and a
// supplier agent in two browser contexts, each with its own session cookie and WebSocket.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import {
  askAbout,
  gateway,
  overflowsHorizontally,
  screenshotBoth,
  thread,
  tokenFor,
  seededProduct,
  waitUntilLive,
} from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const AGENT = 'tiago@olive-oak.example'

const suite = browserSuite()
const person = suite.person
let product: { id: string; name: string }

beforeAll(async () => {
  product = await seededProduct(suite.stack.gatewayUrl)
})

/**
 * Opens a message's ⋯ menu and clicks an entry in it. A live update can land between the two
 * clicks and leave the menu shut, so the menu is opened again (a few times at most) until the
 * entry can be clicked.
 */
async function fromMenu(item: Locator, entry: Locator) {
  for (let attempt = 1; ; attempt++) {
    if ((await item.locator('details').getAttribute('open')) === null) await item.locator('summary').click()
    try {
      await entry.click({ timeout: 3_000 })
      return
    } catch (error) {
      if (attempt === 4) throw new Error(`menu entry not clickable; item: ${await item.innerHTML()}`, { cause: error })
    }
  }
}

const askAboutProduct = (buyer: Page, question: string) => askAbout(buyer, suite.stack.webUrl, product.id, question)

/** Tiago's replies and the team's on the response-times page, as the page shows them. */
async function repliesOnMetricsPage(page: Page): Promise<{ team: number; tiago: number }> {
  await page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/metrics`)
  const team = Number(await page.getByTestId('replies-count').innerText())
  const tiago = Number(await page.locator('tr[data-member="Tiago Carvalho"] [data-cell="replies"]').innerText())
  return { team, tiago }
}

describe('a question, answered live', () => {
  it('reaches the team inbox live, gets answered live with a saved reply and read receipts, is marked resolved, and counts on the metrics page', async () => {
    const agent = await person(AGENT)
    expect(new URL(agent.page.url()).pathname).toBe('/suppliers/olive-oak/inbox')
    const before = await repliesOnMetricsPage(agent.page)
    await agent.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/inbox`)
    await agent.page.locator('.live[data-live="live"]').waitFor({ timeout: 15_000 })

    const buyer = await person(BUYER)
    const question = `Does the ${product.name} keep well in a warm kitchen? (${Date.now()})`
    const conversationId = await askAboutProduct(buyer.page, question)
    await thread(buyer.page).getByText(question).waitFor()

    // The agent's team inbox shows it without a reload.
    const row = agent.page
      .getByRole('link', { name: new RegExp(product.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .first()
    await agent.page.getByText(question.slice(0, 40)).waitFor({ timeout: 15_000 })
    await screenshotBoth(agent.page, 'team-inbox')
    await agent.page.setViewportSize({ width: 1280, height: 800 })
    await row.click()
    await agent.page.waitForURL(new RegExp(`/conversations/`))
    await thread(agent.page).getByText(question).waitFor()
    await waitUntilLive(agent.page)
    await waitUntilLive(buyer.page)

    // The agent has seen it: the buyer's question shows a read receipt, live — from the
    // supplier, not naming the agent (which agent read what is the team's business).
    await buyer.page.getByText('Seen by Olive & Oak').waitFor({ timeout: 15_000 })
    expect(await buyer.page.getByText('Seen by Tiago Carvalho').count()).toBe(0)

    // The agent answers with a saved reply (placeholders filled for Maya), adds a line — the
    // buyer sees them typing — and sends with Enter.
    const tools = agent.page.getByRole('complementary', { name: 'Team tools' })
    await tools.getByRole('button', { name: /Insert .*Storing olive oil/ }).click()
    const composer = agent.page.getByLabel(/Message to/)
    await agent.page.waitForFunction(() =>
      (document.querySelector('#body') as HTMLTextAreaElement | null)?.value.includes(
        'Keep the oil somewhere dark and cool',
      ),
    )
    const saved = await composer.inputValue()
    expect(saved).toContain('Maya')
    expect(saved).not.toContain('{{')
    await composer.press('End')
    await composer.pressSequentially(' Yes', { delay: 30 })
    await buyer.page.getByText('Tiago Carvalho is typing…').waitFor({ timeout: 10_000 })
    const answer = `${saved} Yes — it keeps for months. (${Date.now()})`
    await composer.fill(answer)
    await composer.press('Enter')
    await thread(agent.page).locator('.msg', { hasText: answer }).waitFor()
    expect(await composer.inputValue()).toBe('')

    // The buyer sees the answer live, exactly once, and the agent sees it was read.
    await thread(buyer.page).getByText(answer).waitFor({ timeout: 15_000 })
    expect(await thread(buyer.page).getByText(answer).count()).toBe(1)
    await agent.page.getByText('Seen by Maya Lindqvist').waitFor({ timeout: 15_000 })
    // The status follows who wrote last, on both sides, and stays so after the pages refresh.
    await agent.page.waitForTimeout(500)
    expect(await agent.page.locator('.conv-head .chip').innerText()).toBe('Waiting for buyer')
    expect(await buyer.page.locator('.conv-head .chip').innerText()).toBe('Answered')
    await screenshotBoth(buyer.page, 'conversation-buyer', { atEnd: true })
    await screenshotBoth(agent.page, 'conversation-supplier', { atEnd: true })

    // "This answered my question" resolves it, for both.
    await buyer.page.setViewportSize({ width: 1280, height: 800 })
    await buyer.page.getByRole('button', { name: /This answered my question/ }).click()
    await buyer.page.getByText('You marked this as answered').waitFor()
    await agent.page.locator('.conv-head .chip', { hasText: 'Resolved' }).waitFor({ timeout: 15_000 })

    const token = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const check = await gateway<{ conversation: { status: string; buyerConfirmedAt: string | null } }>(
      suite.stack.gatewayUrl,
      'query C($id: ID!) { conversation(id: $id) { status buyerConfirmedAt } }',
      { id: conversationId },
      token,
    )
    expect(check.conversation).toMatchObject({ status: 'RESOLVED', buyerConfirmedAt: expect.any(String) })

    // The team's response-times page counts the answer, for the team and for Tiago.
    const after = await repliesOnMetricsPage(agent.page)
    expect(after).toEqual({ team: before.team + 1, tiago: before.tiago + 1 })
    await screenshotBoth(agent.page, 'metrics')
    expect(buyer.problems).toEqual([])
    expect(agent.problems).toEqual([])
  })
})

describe('when the connection drops', () => {
  it('shows Reconnecting…, then every message missed arrives exactly once, and a message sent offline goes once', async () => {
    const buyer = await person(BUYER)
    const agent = await person(AGENT)
    const conversationId = await askAboutProduct(buyer.page, `Is shipping to Stockholm possible? (${Date.now()})`)
    await agent.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`)
    await waitUntilLive(agent.page)
    await waitUntilLive(buyer.page)

    await buyer.context.setOffline(true)
    await buyer.page.getByText('Reconnecting…').waitFor({ timeout: 20_000 })

    // Written while the buyer is offline: it waits and goes by itself later, with the same id.
    const fromBuyer = `Sent while offline (${Date.now()})`
    const buyerComposer = buyer.page.getByLabel(/Message to/)
    await buyerComposer.fill(fromBuyer)
    await buyerComposer.press('Enter')
    await buyer.page.getByText('Not sent yet').waitFor({ timeout: 10_000 })

    const stamp = Date.now()
    const missed = [1, 2, 3].map((n) => `Update ${n} of 3 while you were away (${stamp})`)
    const agentComposer = agent.page.getByLabel(/Message to/)
    for (const text of missed) {
      await agentComposer.fill(text)
      await agentComposer.press('Enter')
      await thread(agent.page).locator('.msg', { hasText: text }).waitFor()
    }
    for (const text of missed) expect(await thread(buyer.page).getByText(text).count()).toBe(0)

    await buyer.context.setOffline(false)
    await waitUntilLive(buyer.page)
    for (const text of missed) {
      await thread(buyer.page).getByText(text).waitFor({ timeout: 20_000 })
    }
    await thread(buyer.page).locator('.msg', { hasText: fromBuyer }).waitFor({ timeout: 20_000 })
    // Give any duplicate a chance to show up before counting.
    await buyer.page.waitForTimeout(1_500)
    for (const text of [...missed, fromBuyer]) {
      expect(await thread(buyer.page).getByText(text).count()).toBe(1)
    }
    expect(await buyer.page.locator('.pending').count()).toBe(0)
    // In order: sequences ascend down the page.
    const sequences = await thread(buyer.page)
      .locator('li[data-sequence]')
      .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-sequence'))))
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b))
    expect(new Set(sequences).size).toBe(sequences.length)

    // The agent got the buyer's offline message exactly once too.
    await thread(agent.page).getByText(fromBuyer).waitFor({ timeout: 15_000 })
    expect(await thread(agent.page).getByText(fromBuyer).count()).toBe(1)
    const token = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const stored = await gateway<{ conversation: { messages: { edges: Array<{ node: { body: string } }> } } }>(
      suite.stack.gatewayUrl,
      'query C($id: ID!) { conversation(id: $id) { messages(last: 20) { edges { node { body } } } } }',
      { id: conversationId },
      token,
    )
    expect(stored.conversation.messages.edges.filter((e) => e.node.body === fromBuyer)).toHaveLength(1)
  })
})

describe('message actions and team tools', () => {
  it('lets the buyer reply to, react to, edit and unsend messages, and both sides see it live', async () => {
    const buyer = await person(BUYER)
    const agent = await person(AGENT)
    const conversationId = await askAboutProduct(buyer.page, `Do you do gift wrapping? (${Date.now()})`)
    await agent.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`)
    await waitUntilLive(agent.page)
    await waitUntilLive(buyer.page)

    const answer = `We do, with cork paper. (${Date.now()})`
    await agent.page.getByLabel(/Message to/).fill(answer)
    await agent.page.getByLabel(/Message to/).press('Enter')
    const answerItem = thread(buyer.page).locator('.msg', { hasText: answer })
    await answerItem.waitFor({ timeout: 15_000 })

    // React from the message's menu; the agent sees the reaction live.
    await answerItem.getByRole('button', { name: 'Actions for this message' }).or(answerItem.locator('summary')).click()
    await answerItem.getByRole('button', { name: 'React with 🎉' }).click()
    await answerItem.getByRole('button', { name: /🎉 1, including you/ }).waitFor()
    await thread(agent.page).locator('.msg', { hasText: answer }).getByRole('button', { name: /🎉 1/ }).waitFor({
      timeout: 15_000,
    })

    // Reply to it: the new message quotes the answer.
    await answerItem.locator('summary').click()
    await answerItem.getByRole('link', { name: 'Reply' }).click()
    await buyer.page.getByText(/Replying to/).waitFor()
    const reply = `Lovely, please wrap it! (${Date.now()})`
    await buyer.page.getByLabel(/Message to/).fill(reply)
    await buyer.page.getByLabel(/Message to/).press('Enter')
    const replyText = thread(buyer.page).locator('.msg', { hasText: reply })
    await replyText.locator('.quote', { hasText: 'Tiago Carvalho' }).waitFor({ timeout: 15_000 })
    // While it is edited, its text is in a textarea: find it by its place in the conversation.
    const replyItem = buyer.page.locator(`#m${await replyText.getAttribute('data-sequence')}`)

    // Edit it (within 15 minutes), then unsend it; the agent sees both.
    await fromMenu(replyItem, replyItem.getByRole('link', { name: 'Edit' }))
    const edited = `${reply} With a card, too.`
    await replyItem.getByLabel('Edit your message').fill(edited)
    await replyItem.getByRole('button', { name: 'Save' }).click()
    await thread(buyer.page).locator('.msg', { hasText: edited }).getByText('· edited').waitFor()
    await thread(agent.page).getByText(edited).waitFor({ timeout: 15_000 })

    const editedItem = thread(buyer.page).locator('.msg', { hasText: edited })
    await fromMenu(editedItem, editedItem.getByRole('button', { name: 'Unsend' }))
    await thread(buyer.page).getByText('You unsent this message.').waitFor()
    await thread(agent.page).getByText('This message was unsent.').waitFor({ timeout: 15_000 })
    expect(await thread(agent.page).getByText(edited).count()).toBe(0)
    expect(buyer.problems).toEqual([])
  })

  it('lets the agent assign, label, change the status and insert a saved reply', async () => {
    const buyer = await person(BUYER)
    const conversationId = await askAboutProduct(buyer.page, `When will it ship? (${Date.now()})`)
    const agent = await person(AGENT)
    await agent.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`)
    await waitUntilLive(agent.page)
    const tools = agent.page.getByRole('complementary', { name: 'Team tools' })

    // Assignee, status and labels sit in one compact bar above the thread.
    const bar = agent.page.getByRole('form', { name: 'Handling' })
    await bar.getByRole('button', { name: 'Assign to me' }).click()
    await agent.page.waitForFunction(() =>
      (document.querySelector('#assigneeId') as HTMLSelectElement | null)?.selectedOptions[0]?.text.includes('(you)'),
    )

    await bar.getByLabel('Labels', { exact: true }).fill('shipping, Gift ')
    await bar.getByRole('button', { name: 'Save' }).click()
    await bar.getByRole('list', { name: 'Current labels' }).getByText('gift').waitFor()

    // A select applies on its own, and only its own field: the labels typed stay as they were.
    await bar.getByLabel('Labels', { exact: true }).fill('shipping, gift, draft-only')
    await bar.getByLabel('Status').selectOption('AWAITING_BUYER')
    await agent.page.locator('.conv-head .chip', { hasText: 'Waiting for buyer' }).waitFor()
    expect(await bar.getByRole('list', { name: 'Current labels' }).textContent()).not.toContain('draft-only')

    await tools.getByRole('button', { name: /Insert .*Shipping times/ }).click()
    await agent.page.waitForFunction(() =>
      (document.querySelector('#body') as HTMLTextAreaElement | null)?.value.includes('we ship from Serpa'),
    )
    // Placeholders are filled in for this buyer.
    expect(await agent.page.getByLabel(/Message to/).inputValue()).toContain('Maya')
    expect(await agent.page.getByLabel(/Message to/).inputValue()).not.toContain('{{buyer')
    // This conversation has no order: the placeholder left in is pointed out, and it can't go out as is.
    await agent.page.getByText('Replace {{order.number}} before sending.').waitFor()
    await agent.page.getByLabel(/Message to/).press('Enter')
    await agent.page
      .getByRole('alert')
      .getByText(/Replace \{\{order.number\}\} before sending/)
      .waitFor()
    expect(await thread(agent.page).getByText('we ship from Serpa').count()).toBe(0)

    const token = await tokenFor(suite.stack.gatewayUrl, AGENT)
    const check = await gateway<{
      conversation: { status: string; labels: string[]; assignee: { displayName: string } | null }
    }>(
      suite.stack.gatewayUrl,
      'query C($id: ID!) { conversation(id: $id) { status labels assignee { displayName } } }',
      { id: conversationId },
      token,
    )
    expect(check.conversation).toEqual({
      status: 'AWAITING_BUYER',
      labels: expect.arrayContaining(['shipping', 'gift']),
      assignee: { displayName: 'Tiago Carvalho' },
    })
    expect(agent.problems).toEqual([])
  })
})

describe('inboxes', () => {
  it('lists the buyer’s conversations with filters, and the team inbox with its own', async () => {
    const buyer = await person(BUYER)
    await buyer.page.goto(`${suite.stack.webUrl}/inbox`)
    await buyer.page.getByRole('heading', { name: 'Your inbox' }).waitFor()
    expect(await buyer.page.locator('.row-list > li').count()).toBeGreaterThan(2)
    await screenshotBoth(buyer.page, 'inbox')
    expect(await overflowsHorizontally(buyer.page)).toBe(false)

    await buyer.page.getByRole('link', { name: 'Resolved', exact: true }).click()
    await buyer.page.waitForURL(/status=RESOLVED/)
    const statuses = await buyer.page.locator('.row-list .bottom .chip:first-child').allTextContents()
    expect(statuses.length).toBeGreaterThan(0)
    expect(new Set(statuses)).toEqual(new Set(['Resolved']))

    const agent = await person(AGENT)
    await agent.page.getByRole('link', { name: 'Mine', exact: true }).click()
    await agent.page.waitForURL(/assignee=me/)
    const assignees = await agent.page.locator('.row-list .assignee').allTextContents()
    expect(assignees.length).toBeGreaterThan(0)
    expect(new Set(assignees.map((a) => a.replace(/^Assigned to:?\s*/, '')))).toEqual(new Set(['Tiago Carvalho']))
  })

  it('keeps another team’s inbox out of reach', async () => {
    const agent = await person(AGENT)
    const response = await agent.page.goto(`${suite.stack.webUrl}/suppliers/tsuchi-studio/inbox`)
    expect(response?.status()).toBe(404)
  })
})

describe('without JavaScript', () => {
  it('sends a message with the plain form and shows it after the redirect', async () => {
    const buyer = await person(BUYER, { javaScriptEnabled: false })
    await buyer.page.goto(`${suite.stack.webUrl}/inbox`)
    await buyer.page.locator('.row-list a').first().click()
    await buyer.page.waitForURL(/\/conversations\//)
    const text = `A plain form message (${Date.now()})`
    await buyer.page.getByLabel(/Message to/).fill(text)
    await buyer.page.getByRole('button', { name: 'Send', exact: true }).click()
    await buyer.page.waitForLoadState('load')
    expect(await thread(buyer.page).getByText(text).count()).toBe(1)
    // Redirected back to the conversation (so a reload doesn't post it again).
    expect(buyer.page.url()).not.toContain('?/send')

    // Edit it with the plain edit link and form.
    const item = thread(buyer.page).locator('.msg', { hasText: text })
    await item.locator('summary').click()
    await item.getByRole('link', { name: 'Edit' }).click()
    await buyer.page.waitForURL(/\?edit=/)
    await buyer.page.getByLabel('Edit your message').fill(`${text} (edited)`)
    await buyer.page.getByRole('button', { name: 'Save' }).click()
    await buyer.page.waitForLoadState('load')
    await thread(buyer.page).getByText(`${text} (edited)`).waitFor()
  })

  it('lets an agent insert a saved reply and reply to a message with plain forms', async () => {
    const agent = await person(AGENT, { javaScriptEnabled: false })
    await agent.page.locator('.row-list a').first().click()
    await agent.page.waitForURL(/\/conversations\//)
    const first = thread(agent.page).locator('.msg').first()
    await first.locator('summary').click()
    await first.getByRole('link', { name: 'Reply' }).click()
    await agent.page.getByText(/Replying to/).waitFor()

    await agent.page.getByRole('button', { name: /Insert .*Storing olive oil/ }).click()
    await agent.page.waitForLoadState('load')
    expect(await agent.page.getByLabel(/Message to/).inputValue()).toContain('Keep the oil somewhere dark and cool')
    // Still replying to the same message after the round trip.
    await agent.page.getByText(/Replying to/).waitFor()
    await agent.page.getByRole('button', { name: 'Send', exact: true }).click()
    await agent.page.waitForLoadState('load')
    await thread(agent.page).locator('.msg .quote').last().waitFor()
    expect(await thread(agent.page).getByText('Keep the oil somewhere dark and cool').count()).toBeGreaterThan(0)
  })
})
