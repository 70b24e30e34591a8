// Debian's chromium through playwright-core, for tests that need several people at once (one
// browser context each: separate cookies, separate WebSockets).
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'

export const screenshotsDir = fileURLToPath(new URL('../../screenshots/', import.meta.url))
export const DEMO_PASSWORD = 'rapport-demo'

export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1280, height: 800 }

export function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotsDir, { recursive: true })
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

/** A person in their own browser context, with the page's errors collected for the test to check. */
export type Person = { context: BrowserContext; page: Page; problems: string[] }

export async function newPerson(browser: Browser, options: BrowserContextOptions = {}): Promise<Person> {
  const context = await browser.newContext({
    viewport: DESKTOP,
    timezoneId: 'Europe/Stockholm',
    locale: 'en-GB',
    ...options,
  })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    // While offline, the browser itself logs failed WebSocket and fetch attempts; that's expected.
    if (/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed|Failed to load resource/.test(message.text()))
      return
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`)
  })
  return { context, page, problems }
}

/** Signs in through the real form and waits until the app has landed somewhere else. */
export async function signIn(page: Page, webUrl: string, email: string, next?: string): Promise<void> {
  const url = new URL('/sign-in', webUrl)
  if (next) url.searchParams.set('next', next)
  await page.goto(url.href)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  try {
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 15_000 }),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ])
  } catch (error) {
    await page.screenshot({ path: path.join(screenshotsDir, 'failed-sign-in.png') }).catch(() => {})
    throw new Error(`signing in ${email} did not leave ${page.url()}`, { cause: error })
  }
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: options.fullPage ?? true })
}

/**
 * Takes the same page at phone and desktop size (390×844 and 1280×800). Chats are taken as the
 * viewport scrolled to the newest message (`atEnd`), which is what people see.
 */
export async function screenshotBoth(
  page: Page,
  name: string,
  options: { fullPage?: boolean; atEnd?: boolean } = {},
): Promise<void> {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size)
    await page.waitForTimeout(150)
    if (options.atEnd) {
      await page.evaluate(() => {
        const end = document.querySelector<HTMLElement>('.thread .end')
        const composer = document.querySelector<HTMLElement>('#composer')
        if (end) end.style.scrollMarginBottom = `${(composer?.offsetHeight ?? 0) + 48}px`
        end?.scrollIntoView({ block: 'end' })
      })
    }
    await screenshot(page, `${name}-${size.width}x${size.height}`, {
      fullPage: options.atEnd ? false : options.fullPage,
    })
  }
}

export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
}

/** A query straight to the gateway, as a demo account (for setting up and checking what the UI did). */
export async function gateway<T>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { data?: T; errors?: unknown }
  if (!body.data || body.errors) throw new Error(`gateway answered ${response.status}: ${JSON.stringify(body.errors)}`)
  return body.data
}

export async function tokenFor(gatewayUrl: string, email: string): Promise<string> {
  const data = await gateway<{ signIn: { token?: string; message?: string } }>(
    gatewayUrl,
    'mutation SignIn($input: SignInInput!) { signIn(input: $input) { ... on AuthPayload { token } ... on Error { message } } }',
    { input: { email, password: DEMO_PASSWORD } },
  )
  if (!data.signIn.token) throw new Error(`could not sign in ${email}: ${data.signIn.message}`)
  return data.signIn.token
}

/** The conversation page's list of messages. */
export const thread = (page: Page) => page.getByRole('log', { name: 'Messages' })

/** Waits for the conversation page's live connection: 'live' once subscribed. */
export async function waitUntilLive(page: Page, selector = '.conversation'): Promise<void> {
  await page.locator(`${selector}[data-live="live"]`).waitFor({ timeout: 15_000 })
}

/** Opens a conversation's page and waits for its live connection. */
export async function openConversation(page: Page, webUrl: string, conversationId: string): Promise<void> {
  await page.goto(`${webUrl}/conversations/${encodeURIComponent(conversationId)}`)
  await waitUntilLive(page)
}

/** A signed-in buyer asks about a product from its page; returns the new conversation's id. */
export async function askAbout(buyer: Page, webUrl: string, productId: string, question: string): Promise<string> {
  await buyer.goto(`${webUrl}/products/${encodeURIComponent(productId)}`)
  await buyer.getByRole('heading', { name: 'Ask the supplier' }).waitFor()
  await buyer.getByLabel('Your question').fill(question)
  await Promise.all([
    buyer.waitForURL(/\/conversations\/[^/]+$/, { timeout: 15_000 }),
    buyer.getByRole('button', { name: 'Send question' }).click(),
  ])
  return decodeURIComponent(new URL(buyer.url()).pathname.split('/').at(-1) ?? '')
}

/** The first product of the seeded supplier Olive & Oak (the one the conversation tests ask about). */
export async function seededProduct(gatewayUrl: string): Promise<{ id: string; name: string }> {
  const data = await gateway<{ supplier: { products: { edges: Array<{ node: { id: string; name: string } }> } } }>(
    gatewayUrl,
    '{ supplier(slug: "olive-oak") { products(first: 1) { edges { node { id name } } } } }',
  )
  const first = data.supplier.products.edges[0]?.node
  if (!first) throw new Error('the seed has no Olive & Oak product')
  return first
}
