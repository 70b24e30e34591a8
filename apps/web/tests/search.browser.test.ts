// Searching messages from the buyer's inbox and the team inbox on the real stack (seeded database,
// gateway, built web app): a word from a months-old seeded message is found by the buyer and by the
// supplier's team, not by another buyer, and its result opens the conversation at that message.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DESKTOP, gateway, overflowsHorizontally, PHONE, thread, tokenFor } from './support/browser'
import { seriousViolations } from './support/axe'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const AGENT = 'tiago@olive-oak.example'
const OWNER = 'ana@olive-oak.example'
const OTHER_BUYER = 'james.whitfield@example.com'

// Only in Maya's first message (sequence 1) of her months-old seeded conversation with Olive &
// Oak about storing a tin of oil; the filler sent below makes it part of an older page of the history.
const WORD = 'amphora'
const SUBJECT = 'Keeping the 3 l tin fresh'
const FOUND_SEQUENCE = 1
const FILLER = 60

const suite = browserSuite()
const tokens: Record<string, string> = {}
let conversationId: string

let unique = 0
const clientId = () => `search-${Date.now()}-${++unique}`

/** Sends as `email`, waiting out the per-user burst budget (10 sends in 10 s) when it's spent. */
async function send(email: string, body: string): Promise<void> {
  for (;;) {
    const data = await gateway<{ sendMessage: { __typename: string } }>(
      suite.stack.gatewayUrl,
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }',
      { input: { conversationId, body, clientMessageId: clientId() } },
      tokens[email],
    )
    if (data.sendMessage.__typename === 'SendMessagePayload') return
    if (data.sendMessage.__typename !== 'RateLimitedError') throw new Error(`send: ${data.sendMessage.__typename}`)
    await new Promise((r) => setTimeout(r, 1_500))
  }
}

beforeAll(async () => {
  for (const email of [BUYER, AGENT, OWNER]) tokens[email] = await tokenFor(suite.stack.gatewayUrl, email)
  const data = await gateway<{
    viewer: { conversations: { edges: Array<{ node: { id: string; subject: string | null } }> } }
  }>(
    suite.stack.gatewayUrl,
    '{ viewer { conversations(first: 50) { edges { node { id subject } } } } }',
    {},
    tokens[BUYER],
  )
  const found = data.viewer.conversations.edges.find((e) => e.node.subject === SUBJECT)
  if (!found) throw new Error(`the seed has no conversation "${SUBJECT}" for Maya`)
  conversationId = found.node.id
  // More than a page of newer messages (the page shows the newest 50), so opening at the found
  // message has to load the older page that holds it. Three senders share the sending budget.
  const senders = [BUYER, AGENT, OWNER]
  await Promise.all(
    senders.map(async (email, s) => {
      for (let i = s; i < FILLER; i += senders.length)
        await send(email, `Later note ${i + 1} about the tin and the oil.`)
    }),
  )
}, 180_000)

/** Searches from the inbox page the browser is on, typing the query and pressing Enter. */
async function search(page: Page, query: string) {
  const box = page.getByRole('searchbox', { name: 'Search messages' })
  await box.fill(query)
  await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === query.trim()), box.press('Enter')])
  await page.getByRole('heading', { name: 'Search results', level: 2 }).waitFor()
}

const results = (page: Page) =>
  page
    .getByRole('region', { name: 'Search results' })
    .getByRole('list', { name: 'Matching messages' })
    .getByRole('listitem')

/** Whether the element is entirely inside the viewport (not scrolled away, not under the composer). */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const box = el.getBoundingClientRect()
    const composer = document.querySelector('form.composer')?.getBoundingClientRect()
    const bottom = Math.min(window.innerHeight, composer?.top ?? window.innerHeight)
    return box.top >= 0 && box.bottom <= bottom
  })
}

describe('searching messages', () => {
  it('finds the buyer’s message and opens the conversation at it, on a page of older messages', async () => {
    const { page, problems } = await suite.person(BUYER)
    await page.goto(`${suite.stack.webUrl}/inbox`)
    await search(page, WORD)

    const hits = results(page)
    expect(await hits.count()).toBe(1)
    const hit = hits.first()
    expect(await hit.innerText()).toContain('Olive & Oak')
    expect((await hit.locator('mark').allInnerTexts()).map((t) => t.toLowerCase())).toEqual([WORD])
    // The snippet is text: the page never injects the gateway's words as HTML.
    expect(await hit.locator('.snippet *:not(mark):not(.author):not(.chip)').count()).toBe(0)

    // Keyboard: the result's link, then Enter.
    const link = hit.getByRole('link', { name: SUBJECT })
    expect(await link.getAttribute('href')).toBe(
      `/conversations/${conversationId}?at=${FOUND_SEQUENCE}#m${FOUND_SEQUENCE}`,
    )
    await link.focus()
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('at') === String(FOUND_SEQUENCE)),
      link.press('Enter'),
    ])

    const message = thread(page).locator('[aria-current="true"]')
    await message.waitFor()
    expect(await message.getAttribute('id')).toBe(`m${FOUND_SEQUENCE}`)
    expect(await message.innerText()).toContain(WORD)
    await page.waitForTimeout(300)
    expect(await inView(page, `#m${FOUND_SEQUENCE}`)).toBe(true)
    // It came from an older page of the history: the newest page doesn't reach back that far.
    await page.getByText('You’re looking at older messages.').waitFor()
    expect(problems).toEqual([])
  })

  it('finds it in the team inbox, in either order, and leaves a screenshot of the results', async () => {
    const { page, problems } = await suite.person(AGENT)
    await page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/inbox`)
    await search(page, WORD)
    const hit = results(page).first()
    expect(await hit.innerText()).toContain('Maya Lindqvist')
    expect(await hit.getByRole('link', { name: SUBJECT }).getAttribute('href')).toContain(`?at=${FOUND_SEQUENCE}#m`)

    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('order') === 'relevance'),
      page.getByRole('link', { name: 'Best match' }).click(),
    ])
    expect(await page.getByRole('link', { name: 'Best match' }).getAttribute('aria-current')).toBe('page')
    expect(await results(page).first().getByRole('link', { name: SUBJECT }).count()).toBe(1)

    // A broader word, for a page with several results to look at.
    await search(page, 'tin')
    expect(new URL(page.url()).searchParams.get('order')).toBe('relevance')
    expect(await results(page).count()).toBeGreaterThan(1)
    await page.screenshot({ path: '/tmp/search-results.png', fullPage: true })
    expect(await overflowsHorizontally(page)).toBe(false)
    expect(problems).toEqual([])
  })

  it('finds nothing of it for another buyer', async () => {
    const { page } = await suite.person(OTHER_BUYER)
    await page.goto(`${suite.stack.webUrl}/inbox`)
    await search(page, WORD)
    expect(await results(page).count()).toBe(0)
    await page.getByRole('region', { name: 'Search results' }).getByText(`No messages match “${WORD}”`).waitFor()
  })

  it('says why an over-long or a punctuation-only query finds less, without an error page', async () => {
    const { page, problems } = await suite.person(BUYER)
    await page.goto(`${suite.stack.webUrl}/inbox`)
    const long = `${WORD} `.repeat(100).slice(0, 1_000).trim().padEnd(1_000, 'x')
    expect(long).toHaveLength(1_000)
    await search(page, long)
    expect(await page.getByRole('status').filter({ hasText: 'only the first 200 were searched' }).count()).toBe(1)

    await search(page, '?!… --- ***')
    expect(await page.getByRole('status').filter({ hasText: 'punctuation alone matches nothing' }).count()).toBe(1)
    await page.getByRole('region', { name: 'Search results' }).getByText('No messages match “?!… --- ***”').waitFor()
    expect(problems).toEqual([])
  })

  it('has no serious accessibility problems on the results, on a phone and a desktop', async () => {
    const { page } = await suite.person(BUYER)
    await page.goto(`${suite.stack.webUrl}/inbox?q=oil`)
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size)
      expect(await seriousViolations(page)).toEqual([])
      expect(await overflowsHorizontally(page)).toBe(false)
    }
  })
})
