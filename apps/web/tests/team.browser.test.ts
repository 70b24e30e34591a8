// The supplier team's own pages and the conversation page's remaining controls, on the real
// stack: settings and team (owners change, agents read), files in messages, blocking,
// reporting and hidden read receipts, and reading without JavaScript.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  askAbout,
  gateway,
  overflowsHorizontally,
  screenshotBoth,
  thread,
  tokenFor,
  waitUntilLive,
} from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const OWNER = 'ana@olive-oak.example'
const AGENT = 'tiago@olive-oak.example'

const suite = browserSuite()
let productId: string
let supplierId: string

// A 1×1 PNG and the smallest file that is recognisably a PDF (file-type reads the magic bytes).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

beforeAll(async () => {
  const data = await gateway<{ supplier: { id: string; products: { edges: Array<{ node: { id: string } }> } } }>(
    suite.stack.gatewayUrl,
    '{ supplier(slug: "olive-oak") { id products(first: 1) { edges { node { id } } } } }',
  )
  supplierId = data.supplier.id
  productId = data.supplier.products.edges[0]?.node.id ?? ''
})

type Settings = {
  supplier: {
    responseTarget: number
    awayEnabled: boolean
    awayMessage: string | null
    closures: string[]
    serviceHours: Array<{ weekday: number; opensAt: string; closesAt: string }>
  }
}
const SETTINGS =
  '{ supplier(slug: "olive-oak") { responseTarget awayEnabled awayMessage closures serviceHours { weekday opensAt closesAt } } }'

describe('settings and team', () => {
  it('lets the owner change hours, target, away message and closures — refusing bad input without saving it', async () => {
    const token = await tokenFor(suite.stack.gatewayUrl, OWNER)
    const stored = (await gateway<Settings>(suite.stack.gatewayUrl, SETTINGS, {}, token)).supplier
    const owner = await suite.person(OWNER)
    const page = owner.page
    await page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/settings`)
    await page.getByRole('heading', { name: 'Settings & team' }).waitFor()
    await screenshotBoth(page, 'settings')
    expect(await overflowsHorizontally(page)).toBe(false)

    // Nonsense hours and an away switch without a message: both named, nothing saved.
    await page.getByLabel('Monday').fill('mornings')
    await page.getByLabel('Send an automatic reply while we’re away').check()
    await page.getByRole('button', { name: 'Save settings' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'Nothing was saved yet' })
    await summary.waitFor()
    await summary.getByText('“mornings” isn’t a time range').waitFor()
    await summary.getByText('Write the message buyers will get while you’re away.').waitFor()
    expect(await page.getByLabel('Monday').getAttribute('aria-invalid')).toBe('true')
    // What was typed stays in the form to fix.
    expect(await page.getByLabel('Monday').inputValue()).toBe('mornings')
    expect((await gateway<Settings>(suite.stack.gatewayUrl, SETTINGS, {}, token)).supplier).toEqual(stored)

    await page.getByLabel('Monday').fill('8-12, 13:00–17:30')
    await page.getByLabel('Away message').fill('Back from the harvest on Monday.')
    await page.getByLabel('Response target').selectOption(String(2 * 3600))
    await page.getByLabel('Closed on').fill('2026-12-24\n2026-12-25')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText('Settings saved').waitFor()
    const saved = (await gateway<Settings>(suite.stack.gatewayUrl, SETTINGS, {}, token)).supplier
    expect(saved.serviceHours.filter((h) => h.weekday === 1)).toEqual([
      { weekday: 1, opensAt: '08:00', closesAt: '12:00' },
      { weekday: 1, opensAt: '13:00', closesAt: '17:30' },
    ])
    expect(saved.serviceHours.filter((h) => h.weekday !== 1)).toEqual(
      stored.serviceHours.filter((h) => h.weekday !== 1),
    )
    expect(saved).toMatchObject({
      responseTarget: 7200,
      awayEnabled: true,
      awayMessage: 'Back from the harvest on Monday.',
      closures: expect.arrayContaining(['2026-12-24', '2026-12-25']),
    })
    // The page shows what is stored now.
    expect(await page.getByLabel('Monday').inputValue()).toBe('08:00–12:00, 13:00–17:30')

    // Put the away reply off again, so other tests get no automatic replies.
    await page.getByLabel('Send an automatic reply while we’re away').uncheck()
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect
      .poll(async () => (await gateway<Settings>(suite.stack.gatewayUrl, SETTINGS, {}, token)).supplier.awayEnabled)
      .toBe(false)
    expect(owner.problems).toEqual([])
  })

  it('lets the owner invite someone with a one-time link that works, and shows agents the settings read-only', async () => {
    const owner = await suite.person(OWNER)
    await owner.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/settings`)
    const email = `new-agent-${Date.now()}@example.com`
    await owner.page.getByLabel('Email').fill('not an email')
    await owner.page.getByRole('button', { name: 'Create invitation' }).click()
    // The browser's own check stops it first; without it the server says the same.
    expect(await owner.page.getByLabel('Invitation link').count()).toBe(0)
    await owner.page.getByLabel('Email').fill(email)
    await owner.page.getByLabel('Role').selectOption('AGENT')
    await owner.page.getByRole('button', { name: 'Create invitation' }).click()
    await owner.page.getByText(`Invitation ready for ${email}`).waitFor()
    const link = await owner.page.getByLabel('Invitation link').inputValue()
    expect(link).toMatch(new RegExp(`^${suite.stack.webUrl}/invitations/`))

    // Whoever opens the link sees what it is for.
    const invitee = await suite.visitor()
    const response = await invitee.page.goto(link)
    expect(response?.status()).toBe(200)
    await invitee.page.getByRole('heading', { name: 'Olive & Oak invites you to join as an agent' }).waitFor()
    // Only a hint of the address: links get forwarded.
    await invitee.page.getByText(`${email.slice(0, 2)}•••@example.com`).waitFor()
    expect(await invitee.page.getByText(email).count()).toBe(0)
    await invitee.page.getByRole('link', { name: 'Sign in to accept' }).waitFor()
    const bogus = await invitee.page.goto(`${suite.stack.webUrl}/invitations/not-a-real-token`)
    expect(bogus?.status()).toBe(200)
    await invitee.page.getByText('This invitation link isn’t valid').waitFor()

    // After a reload the link is gone for good; the invitation waits in the list.
    await owner.page.reload()
    expect(await owner.page.getByLabel('Invitation link').count()).toBe(0)
    await owner.page.getByRole('heading', { name: 'Waiting to join' }).waitFor()
    await owner.page.getByText(email).waitFor()

    // Sent to the wrong address? Withdrawn, the link stops working at once.
    await owner.page.getByRole('button', { name: `Withdraw the invitation for ${email}` }).click()
    await owner.page.getByText(`The invitation for ${email} was withdrawn`).waitFor()
    expect(await owner.page.getByRole('button', { name: `Withdraw the invitation for ${email}` }).count()).toBe(0)
    await invitee.page.goto(link)
    await invitee.page.getByText('This invitation link isn’t valid').waitFor()

    const agent = await suite.person(AGENT)
    await agent.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/settings`)
    await agent.page.getByText('Only an owner can change these settings.').waitFor()
    expect(await agent.page.getByRole('button', { name: 'Save settings' }).count()).toBe(0)
    expect(await agent.page.getByRole('button', { name: /^Remove/ }).count()).toBe(0)
    expect(await agent.page.getByLabel('Monday').isDisabled()).toBe(true)
    expect(await agent.page.getByRole('heading', { name: 'Invite someone' }).count()).toBe(0)

    // Another team's settings don't exist for them.
    const elsewhere = await agent.page.goto(`${suite.stack.webUrl}/suppliers/tsuchi-studio/settings`)
    expect(elsewhere?.status()).toBe(404)
    expect(owner.problems).toEqual([])
  })
})

describe('files in messages', () => {
  it('sends a photo with a preview first; the agent sees it live, served through the web app', async () => {
    const buyer = await suite.person(BUYER)
    const conversationId = await askAbout(
      buyer.page,
      suite.stack.webUrl,
      productId,
      `Is mine the same colour? (${Date.now()})`,
    )
    const agent = await suite.person(AGENT)
    await agent.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`)
    await waitUntilLive(agent.page)
    await waitUntilLive(buyer.page)

    // A file of another type is refused before anything is sent.
    await buyer.page
      .getByLabel('Attach files')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') })
    await buyer.page.getByText('notes.txt: only photos (JPEG, PNG, WebP, GIF) and PDF files can be sent.').waitFor()

    await buyer.page
      .getByLabel('Attach files')
      .setInputFiles({ name: 'my-bottle.png', mimeType: 'image/png', buffer: PNG })
    const chosen = buyer.page.getByRole('list', { name: 'Files to send' })
    await chosen.getByText('my-bottle.png', { exact: true }).first().waitFor()
    expect(await chosen.locator('img').count()).toBe(1)
    const text = `Here is a photo (${Date.now()})`
    await buyer.page.getByLabel(/Message to/).fill(text)
    await buyer.page.getByLabel(/Message to/).press('Enter')

    const mine = thread(buyer.page).locator('.msg', { hasText: text })
    await mine.locator('img[alt="my-bottle.png"]').waitFor({ timeout: 15_000 })
    expect(await buyer.page.getByRole('list', { name: 'Files to send' }).count()).toBe(0)
    const theirs = thread(agent.page).locator('.msg', { hasText: text })
    const image = theirs.locator('img[alt="my-bottle.png"]')
    await image.waitFor({ timeout: 15_000 })
    await agent.page.waitForFunction(
      (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 1,
      await image.elementHandle(),
    )
    const src = await image.getAttribute('src')
    expect(src).toMatch(/^\/attachments\/[0-9a-f-]{36}$/)
    // The file is only for the conversation's people.
    const outsider = await suite.visitor()
    const denied = await outsider.page.goto(`${suite.stack.webUrl}${src}`)
    expect(denied?.status()).toBe(401)
    expect(buyer.problems).toEqual([])
    expect(agent.problems).toEqual([])
  })
})

describe('blocking, reporting and read receipts', () => {
  it('blocks both ways until unblocked, takes a report, and hides read receipts on request', async () => {
    const buyer = await suite.person(BUYER)
    const conversationId = await askAbout(
      buyer.page,
      suite.stack.webUrl,
      productId,
      `Do you sell gift cards? (${Date.now()})`,
    )
    const agent = await suite.person(AGENT)
    const url = `${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`
    await agent.page.goto(url)
    await waitUntilLive(agent.page)
    await waitUntilLive(buyer.page)

    await agent.page.getByText('Conversation options').click()
    await agent.page.getByRole('button', { name: 'Block Maya Lindqvist' }).click()
    await agent.page.getByText('You blocked Maya Lindqvist').waitFor()
    expect(await agent.page.getByLabel(/Message to/).count()).toBe(0)
    // The buyer's page follows live: no composer, and a word on why.
    await buyer.page.getByText('Olive & Oak isn’t taking messages in this conversation').waitFor({ timeout: 15_000 })
    expect(await buyer.page.getByLabel(/Message to/).count()).toBe(0)
    // And the gateway refuses a message anyway.
    const buyerToken = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const refused = await gateway<{ sendMessage: { __typename: string } }>(
      suite.stack.gatewayUrl,
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }',
      { input: { conversationId, body: 'Hello?', clientMessageId: `blocked-${Date.now()}` } },
      buyerToken,
    )
    expect(refused.sendMessage.__typename).not.toBe('SendMessagePayload')

    // The buyer reports it.
    await buyer.page.getByText('Conversation options').click()
    await buyer.page.getByLabel('Report to Rapport').selectOption('OFF_PLATFORM_CONTACT')
    await buyer.page.getByLabel('Details (optional)').fill('Testing the report form.')
    await buyer.page.getByRole('button', { name: 'Send report' }).click()
    await buyer.page.getByText('Thanks — Rapport’s moderators will look at this conversation.').waitFor()

    await agent.page.getByRole('button', { name: 'Unblock Maya Lindqvist' }).click()
    await agent.page.getByLabel(/Message to/).waitFor()
    await buyer.page.getByLabel(/Message to/).waitFor({ timeout: 15_000 })

    // Hidden receipts: the agent no longer sees how far the buyer has read.
    await buyer.page.getByRole('button', { name: 'Hide read receipts' }).click()
    await buyer.page.getByRole('button', { name: 'Show read receipts' }).waitFor()
    const agentToken = await tokenFor(suite.stack.gatewayUrl, AGENT)
    const positions = await gateway<{ conversation: { readPositions: Array<{ side: string }> } }>(
      suite.stack.gatewayUrl,
      'query($id: ID!) { conversation(id: $id) { readPositions { side } } }',
      { id: conversationId },
      agentToken,
    )
    expect(positions.conversation.readPositions.filter((p) => p.side === 'BUYER')).toEqual([])
    await buyer.page.getByRole('button', { name: 'Show read receipts' }).click()
    await buyer.page.getByRole('button', { name: 'Hide read receipts' }).waitFor()
    expect(buyer.problems).toEqual([])
    expect(agent.problems).toEqual([])
  })
})

describe('without JavaScript', () => {
  it('marks a conversation read by opening it, and sends a PDF with the plain form', async () => {
    const buyerToken = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const agentToken = await tokenFor(suite.stack.gatewayUrl, AGENT)
    const started = await gateway<{ startConversation: { conversation: { id: string } } }>(
      suite.stack.gatewayUrl,
      'mutation($input: StartConversationInput!) { startConversation(input: $input) { ... on StartConversationPayload { conversation { id } } } }',
      { input: { supplierId, body: 'Can I get an invoice?', clientMessageId: `nojs-${Date.now()}` } },
      buyerToken,
    )
    const id = started.startConversation.conversation.id
    await gateway(
      suite.stack.gatewayUrl,
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }',
      { input: { conversationId: id, body: 'Of course — which order?', clientMessageId: `nojs-reply-${Date.now()}` } },
      agentToken,
    )
    const unread = () =>
      gateway<{ conversation: { unreadCount: number } }>(
        suite.stack.gatewayUrl,
        'query($id: ID!) { conversation(id: $id) { unreadCount } }',
        { id },
        buyerToken,
      ).then((d) => d.conversation.unreadCount)
    expect(await unread()).toBe(1)

    const buyer = await suite.person(BUYER, { javaScriptEnabled: false })
    await buyer.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(id)}`)
    await thread(buyer.page).getByText('Of course — which order?').waitFor()
    expect(await unread()).toBe(0)

    await buyer.page
      .getByLabel('Attach files')
      .setInputFiles({ name: 'order-R-10038.pdf', mimeType: 'application/pdf', buffer: PDF })
    await buyer.page.getByLabel(/Message to/).fill('This one, thanks.')
    await buyer.page.getByRole('button', { name: 'Send', exact: true }).click()
    await buyer.page.waitForLoadState('load')
    const sent = thread(buyer.page).locator('.msg', { hasText: 'This one, thanks.' })
    await sent.getByRole('link', { name: 'order-R-10038.pdf' }).waitFor()
  })
})
