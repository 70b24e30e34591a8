// Internal notes on the real stack (seeded database, gateway, BUILT web app): an agent, the
// owner and the buyer on the same conversation page, each in their own browser context. The
// team sees a note live and after a reconnect; the buyer's page never shows one, and the
// buyer's own API call for them is refused.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { seriousViolations } from './support/axe'
import { askAbout, openConversation, seededProduct, thread, tokenFor, waitUntilLive } from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const AGENT = 'tiago@olive-oak.example'
const OWNER = 'ana@olive-oak.example'
const LABEL = 'Internal note — only your team sees this'

const suite = browserSuite()
let product: { id: string; name: string }

beforeAll(async () => {
  product = await seededProduct(suite.stack.gatewayUrl)
})

const open = (page: Page, conversationId: string) => openConversation(page, suite.stack.webUrl, conversationId)

/** Switches the composer to notes with the keyboard (the switch is a radio group), writes, sends with Enter. */
async function writeNote(page: Page, body: string) {
  const reply = page.getByRole('radio', { name: 'Reply' })
  if (await reply.isChecked()) {
    await reply.focus()
    await page.keyboard.press('ArrowRight')
  }
  expect(await page.getByRole('radio', { name: 'Internal note' }).isChecked()).toBe(true)
  const box = page.getByLabel('Internal note for your team')
  await box.fill(body)
  await box.press('Enter')
  await thread(page).locator('.note', { hasText: body }).waitFor({ timeout: 10_000 })
  expect(await box.inputValue()).toBe('')
}

describe('internal notes', () => {
  it('reach the team live and after a reconnect, never the buyer’s page or the buyer’s API', async () => {
    const maya = await suite.person(BUYER)
    const question = `Can the ${product.name} be gift-wrapped? (${Date.now()})`
    const conversationId = await askAbout(maya.page, suite.stack.webUrl, product.id, question)
    await waitUntilLive(maya.page)
    const tiago = await suite.person(AGENT)
    const ana = await suite.person(OWNER)
    await open(tiago.page, conversationId)
    await open(ana.page, conversationId)

    // The buyer has no switch to write notes with.
    expect(await maya.page.getByRole('radio', { name: 'Internal note' }).count()).toBe(0)

    // Tiago writes a note: it shows at once for him, and live on Ana's page, labelled and signed.
    const note = `Check the gift-wrap stock before promising anything (${Date.now()})`
    await writeNote(tiago.page, note)
    const onAna = thread(ana.page).locator('.note', { hasText: note })
    await onAna.waitFor({ timeout: 15_000 })
    expect(await onAna.innerText()).toContain(LABEL)
    expect(await onAna.innerText()).toContain('Tiago Carvalho')
    expect(await thread(tiago.page).locator('.note', { hasText: note }).innerText()).toContain('You')

    // Then a reply the buyer does see: by the time it arrives, the note would have too.
    await tiago.page.getByRole('radio', { name: 'Reply' }).check()
    const answer = `Yes, we can wrap it for you. (${Date.now()})`
    const composer = tiago.page.getByLabel(/Message to/)
    await composer.fill(answer)
    await composer.press('Enter')
    await thread(maya.page).getByText(answer).waitFor({ timeout: 15_000 })
    await thread(ana.page).getByText(answer).waitFor({ timeout: 15_000 })
    expect(await maya.page.content()).not.toContain(note)
    expect(await maya.page.locator('.note').count()).toBe(0)
    expect(await maya.page.getByText(LABEL).count()).toBe(0)
    // Nor after a fresh load of her page.
    await open(maya.page, conversationId)
    expect(await maya.page.content()).not.toContain(note)

    // Ana drops offline; a note written meanwhile is caught up when she reconnects, exactly once.
    await ana.context.setOffline(true)
    await ana.page.getByText('Reconnecting…').waitFor({ timeout: 20_000 })
    const missed = `Wrapped and ready on the shelf (${Date.now()})`
    await writeNote(tiago.page, missed)
    await ana.context.setOffline(false)
    await waitUntilLive(ana.page)
    await thread(ana.page).locator('.note', { hasText: missed }).waitFor({ timeout: 20_000 })
    await ana.page.waitForTimeout(1_000)
    expect(await thread(ana.page).locator('.note', { hasText: missed }).count()).toBe(1)
    expect(await thread(ana.page).locator('.note', { hasText: note }).count()).toBe(1)

    // The buyer's own API answer: the field is refused, not emptied.
    const token = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const response = await fetch(suite.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'query($id: ID!) { conversation(id: $id) { id internalNotes(first: 10) { edges { node { body } } } } }',
        variables: { id: conversationId },
      }),
    })
    const body = (await response.json()) as {
      data?: { conversation: { id: string; internalNotes: unknown } | null }
      errors?: Array<{ extensions?: { code?: string } }>
    }
    expect(body.data?.conversation?.id).toBe(conversationId)
    expect(body.data?.conversation?.internalNotes).toBeNull()
    expect(body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN')

    // The team's view with notes, in note mode, is accessible; and a picture to look at.
    await ana.page.getByRole('radio', { name: 'Internal note' }).check()
    expect(await seriousViolations(ana.page)).toEqual([])
    // As people see a chat: scrolled to the newest, above the composer that sticks to the bottom.
    const toEnd = () =>
      ana.page.evaluate(() => {
        const end = document.querySelector<HTMLElement>('.thread .end')
        const composer = document.querySelector<HTMLElement>('#composer')
        if (end) end.style.scrollMarginBottom = `${(composer?.offsetHeight ?? 0) + 48}px`
        end?.scrollIntoView({ block: 'end' })
      })
    await toEnd()
    await ana.page.screenshot({ path: '/tmp/internal-note.png' })
    await ana.page.setViewportSize({ width: 390, height: 844 })
    await toEnd()
    await ana.page.screenshot({ path: '/tmp/internal-note-phone.png' })

    for (const p of [maya, tiago, ana]) expect(p.problems).toEqual([])
  })
})
