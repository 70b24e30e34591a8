// The home page on the real stack: a fresh seeded database, the gateway and the BUILT web app
// (run `npm run build -w @rapport/web` first), driven by Debian's chromium through playwright-core.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startStack, type Stack } from './support/stack'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

const screenshotsDir = fileURLToPath(new URL('../screenshots/', import.meta.url))

let stack: Stack
let context: BrowserContext
let profileDir: string
let supplierNames: string[]

let page: Page
let problems: string[]

async function gatewayQuery<T>(query: string): Promise<T> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })
  const body = (await response.json()) as { data?: T; errors?: unknown }
  if (!body.data) throw new Error(`gateway answered ${response.status}: ${JSON.stringify(body.errors)}`)
  return body.data
}

function clockIn(timeZone: string, at: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}

beforeAll(async () => {
  stack = await startStack({ seed: true })
  const seeded = await gatewayQuery<{ suppliers: { edges: Array<{ node: { name: string } }> } }>(
    '{ suppliers(first: 10) { edges { node { name } } } }',
  )
  supplierNames = seeded.suppliers.edges.map((edge) => edge.node.name)

  profileDir = mkdtempSync(path.join(os.tmpdir(), 'rapport-chromium-'))
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  mkdirSync(screenshotsDir, { recursive: true })
})

afterAll(async () => {
  await context?.close()
  await stack?.stop()
  if (profileDir) rmSync(profileDir, { recursive: true, force: true })
})

beforeEach(async () => {
  page = await context.newPage()
  problems = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`)
  })
})

afterEach(async (ctx) => {
  await page.close()
  if (ctx.task.result?.state === 'fail') console.log(stack.logs.slice(-40).join('\n'))
})

async function openHome(viewport: { width: number; height: number }) {
  await page.setViewportSize(viewport)
  const response = await page.goto(stack.webUrl, { waitUntil: 'networkidle' })
  expect(response?.status()).toBe(200)
}

describe('home page', () => {
  it('shows every seeded supplier as a heading', async () => {
    expect(supplierNames).toHaveLength(6)
    await openHome({ width: 1280, height: 800 })

    for (const name of supplierNames) {
      const heading = page.getByRole('heading', { name, exact: true })
      await heading.waitFor({ state: 'visible', timeout: 10_000 })
      expect(await heading.getByRole('link').getAttribute('href')).toMatch(/\/suppliers\/[a-z0-9-]+$/)
    }
    expect(await page.title()).toContain('Rapport')
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Talk directly with the people who make what you buy.',
    )
  })

  it('tells each supplier’s local time and hydrates without errors', async () => {
    const zones = await gatewayQuery<{ suppliers: { edges: Array<{ node: { name: string; timeZone: string } }> } }>(
      '{ suppliers(first: 10) { edges { node { name timeZone } } } }',
    )
    await openHome({ width: 1280, height: 800 })

    for (const { node } of zones.suppliers.edges) {
      const card = page.locator('.card', { has: page.getByRole('heading', { name: node.name, exact: true }) })
      const shown = await card.locator('time').textContent()
      // The minute may turn between rendering and checking.
      const expected = [Date.now(), Date.now() - 60_000].map((t) => clockIn(node.timeZone, t))
      expect(expected).toContain(shown?.slice(0, 5))
      expect(shown).toMatch(/^\d\d:\d\d (local time|in \S.*)$/)
    }
    expect(problems).toEqual([])
  })

  it('answers a cursor the gateway does not recognise with a friendly 400 page', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    const response = await page.goto(`${stack.webUrl}/?after=not-a-cursor`)
    expect(response?.status()).toBe(400)
    await page.getByRole('heading', { name: 'That didn’t work' }).waitFor({ state: 'visible' })
    expect(await page.getByRole('link', { name: 'Go to the home page' }).isVisible()).toBe(true)
  })

  it('is rendered on the server, so the supplier names are in the HTML itself', async () => {
    const response = await fetch(stack.webUrl)
    expect(response.status).toBe(200)
    const html = await response.text()
    const name = supplierNames[0]
    expect(name).toBeDefined()
    expect(html).toContain(`>${escapeHtml(name ?? '')}</a>`)
  })

  it('offers a skip link as the first thing keyboard users reach', async () => {
    await openHome({ width: 1280, height: 800 })
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to content')
    await page.keyboard.press('Enter')
    // The jump is a client-side navigation: wait for it (fails after the timeout if it never comes).
    await page.waitForFunction(() => location.hash === '#main', undefined, { timeout: 5000 })
    expect(new URL(page.url()).hash).toBe('#main')
  })

  it('lays suppliers out in one column on a phone, without sideways scrolling', async () => {
    await openHome({ width: 390, height: 844 })
    expect(await columnCount(page)).toBe(1)
    expect(await overflowsHorizontally(page)).toBe(false)
    await page.screenshot({ path: path.join(screenshotsDir, 'home-390x844.png'), fullPage: true })
  })

  it('lays suppliers out in several columns on a desktop', async () => {
    await openHome({ width: 1280, height: 800 })
    const columns = await columnCount(page)
    expect(columns).toBeGreaterThanOrEqual(2)
    expect(columns).toBeLessThanOrEqual(3)
    expect(await overflowsHorizontally(page)).toBe(false)
    await page.screenshot({ path: path.join(screenshotsDir, 'home-1280x800.png'), fullPage: true })
  })
})

function columnCount(p: Page): Promise<number> {
  return p
    .locator('ul.grid')
    .evaluate((grid) => getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length)
}

function overflowsHorizontally(p: Page): Promise<boolean> {
  return p.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
}
