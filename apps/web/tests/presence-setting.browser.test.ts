// The privacy setting on the real stack (seeded database, gateway, BUILT web app): a buyer finds it
// from her name in the header, turns invisible, and while she has a conversation open the
// supplier's team member sees her offline; visible again, the team sees her online. A supplier
// team member reaches the same page.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { seriousViolations } from './support/axe'
import { askAbout, DESKTOP, PHONE, screenshot, seededProduct, waitUntilLive } from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const OWNER = 'ana@olive-oak.example'

const suite = browserSuite()
let product: { id: string; name: string }

beforeAll(async () => {
  product = await seededProduct(suite.stack.gatewayUrl)
})

const radio = (page: Page, name: 'Visible' | 'Invisible') =>
  page.getByRole('radio', { name: new RegExp(`^${name}\\b`) })

/** The conversation header's presence: "Online now", "· Last seen …", or nothing. */
const presence = (page: Page) => page.locator('.conv-head .with')

async function openConversation(page: Page, conversationId: string) {
  await page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`)
  await waitUntilLive(page)
}

/** Chooses and saves; waits for the page to confirm in its own words. */
async function choose(page: Page, name: 'Visible' | 'Invisible', confirmation: string) {
  await radio(page, name).check()
  await page.getByRole('button', { name: 'Save' }).click()
  await page.getByRole('status').filter({ hasText: confirmation }).waitFor()
  expect(new URL(page.url()).search).toBe('?saved')
}

describe('the presence setting', () => {
  it('keeps the buyer’s choice, and hides her from the supplier’s team while she is invisible', async () => {
    const maya = await suite.person(BUYER)
    const conversationId = await askAbout(maya.page, suite.stack.webUrl, product.id, `Invisible test (${Date.now()})`)
    await waitUntilLive(maya.page)

    // To begin with she is visible: the owner sees her online in the conversation.
    const ana = await suite.person(OWNER)
    await openConversation(ana.page, conversationId)
    await expect.poll(() => presence(ana.page).innerText(), { timeout: 10_000 }).toContain('Online now')

    // In another tab (the conversation stays open), from her name in the header to Privacy.
    const settings = await maya.context.newPage()
    await settings.goto(`${suite.stack.webUrl}/inbox`)
    await Promise.all([
      settings.waitForURL(/\/settings\/notifications$/),
      settings.getByRole('link', { name: /^Your settings, signed in as / }).click(),
    ])
    await screenshot(settings, 'settings-notifications-tabs', { fullPage: false })
    await Promise.all([
      settings.waitForURL(/\/settings\/privacy$/),
      settings.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Privacy' }).click(),
    ])
    await settings.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor()
    // Everyone starts out visible, and the page reads it from the API.
    expect(await radio(settings, 'Visible').isChecked()).toBe(true)
    expect(await radio(settings, 'Invisible').isChecked()).toBe(false)

    await choose(settings, 'Invisible', 'Saved: you now appear offline to everyone.')
    await settings.reload()
    expect(await radio(settings, 'Invisible').isChecked()).toBe(true)
    expect(await radio(settings, 'Visible').isChecked()).toBe(false)

    // Accessible, and pictures to look at.
    expect(await seriousViolations(settings)).toEqual([])
    for (const size of [PHONE, DESKTOP]) {
      await settings.setViewportSize(size)
      await screenshot(settings, `presence-setting-${size.width}x${size.height}`)
    }
    await settings.setViewportSize(DESKTOP)

    // Her conversation is still open (she is connected), yet the owner's open page shows her
    // offline — live, without reopening it — and so does a fresh one.
    expect(await maya.page.locator('.conversation[data-live="live"]').count()).toBe(1)
    await expect.poll(() => presence(ana.page).innerText(), { timeout: 10_000 }).not.toContain('Online now')
    expect(await ana.page.locator('.presence.online').count()).toBe(0)
    await openConversation(ana.page, conversationId)
    await ana.page.waitForTimeout(1_000)
    expect(await presence(ana.page).innerText()).not.toContain('Online now')

    // Visible again: the owner's open page shows her online.
    await choose(settings, 'Visible', 'Saved: others can see when you’re online.')
    await settings.reload()
    expect(await radio(settings, 'Visible').isChecked()).toBe(true)
    await expect.poll(() => presence(ana.page).innerText(), { timeout: 10_000 }).toContain('Online now')

    // A post without a choice (a crafted one: the page always has one checked) changes nothing.
    const refused = await settings.evaluate(async () => {
      const response = await fetch('/settings/privacy', {
        method: 'POST',
        body: new FormData(),
        headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
      })
      return (await response.json()) as { type: string; status: number }
    })
    expect(refused).toMatchObject({ type: 'failure', status: 400 })
    await settings.reload()
    expect(await radio(settings, 'Visible').isChecked()).toBe(true)

    expect([...maya.problems, ...ana.problems]).toEqual([])
  })

  it('is there for a supplier’s team member too', async () => {
    const ana = await suite.person(OWNER)
    await ana.page.goto(`${suite.stack.webUrl}/settings/privacy`)
    await ana.page.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor()
    expect(await radio(ana.page, 'Invisible').count()).toBe(1)
    expect(await seriousViolations(ana.page)).toEqual([])
    expect(ana.problems).toEqual([])
  })
})
