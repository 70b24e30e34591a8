// Sessions, sign-in/up, invitations and staff statistics on the real stack (seeded database,
// gateway, BUILT web app), through Debian's chromium.
import { beforeAll, describe, expect, it } from 'vitest'
import { gateway, screenshotBoth, signIn, tokenFor, type Person } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const visitor = suite.visitor
let productId: string

beforeAll(async () => {
  const data = await gateway<{ supplier: { products: { edges: Array<{ node: { id: string } }> } } }>(
    suite.stack.gatewayUrl,
    '{ supplier(slug: "olive-oak") { products(first: 1) { edges { node { id } } } } }',
  )
  productId = data.supplier.products.edges[0]?.node.id ?? ''
})

const header = (p: Person) => p.page.getByRole('navigation', { name: 'Account' })

describe('signing in and out', () => {
  it('keeps what was typed before the page came alive, and signs in with it', async () => {
    const { page } = await visitor()
    // The app's scripts arrive late (a slow connection): the visitor types into the server's page first.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/_app/immutable/**', async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`${suite.stack.webUrl}/sign-in`, { waitUntil: 'commit' })
    await page.getByLabel('Email').fill('maya.lindqvist@example.com')
    await page.getByLabel('Password').fill('rapport-demo')
    release()
    await page.waitForLoadState('networkidle')
    expect(await page.getByLabel('Email').inputValue()).toBe('maya.lindqvist@example.com')
    expect(await page.getByLabel('Password').inputValue()).toBe('rapport-demo')
    await page.unroute('**/_app/immutable/**')
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.getByRole('button', { name: 'Sign in' }).click()])
    expect(await page.getByText('Maya Lindqvist').first().isVisible()).toBe(true)
  })

  it('keeps the session in an HttpOnly cookie, shows who is signed in, and signs out from the header', async () => {
    const maya = await visitor()
    await signIn(maya.page, suite.stack.webUrl, 'maya.lindqvist@example.com')
    expect(await header(maya).getByText('Maya Lindqvist').isVisible()).toBe(true)
    expect(
      await header(maya)
        .getByRole('link', { name: /^Inbox/ })
        .isVisible(),
    ).toBe(true)

    const cookie = (await maya.context.cookies()).find((c) => c.name === 'rapport_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false })
    // It lasts as long as the session (30 days), not just the browser session.
    expect(cookie?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + 20 * 86_400)

    await header(maya).getByRole('button', { name: 'Sign out' }).click()
    await header(maya).getByRole('link', { name: 'Sign in' }).waitFor()
    expect((await maya.context.cookies()).some((c) => c.name === 'rapport_session')).toBe(false)
    expect(maya.problems).toEqual([])
  })

  it('shows each problem beside its field and keeps the email', async () => {
    const p = await visitor()
    await p.page.goto(`${suite.stack.webUrl}/sign-in`)
    await screenshotBoth(p.page, 'sign-in')
    await p.page.getByRole('button', { name: 'Sign in' }).click()
    await p.page.locator('#email-error', { hasText: 'Enter your email address.' }).waitFor()
    expect(await p.page.locator('#email').getAttribute('aria-invalid')).toBe('true')
    expect(await p.page.locator('#email').getAttribute('aria-describedby')).toBe('email-error')

    await p.page.getByLabel('Email').fill('maya.lindqvist@example.com')
    await p.page.getByLabel('Password').fill('not-the-password')
    await p.page.getByRole('button', { name: 'Sign in' }).click()
    await p.page.locator('#password-error', { hasText: 'don’t match an account' }).waitFor()
    expect(await p.page.getByLabel('Email').inputValue()).toBe('maya.lindqvist@example.com')
    expect(await p.page.getByLabel('Password').inputValue()).toBe('')
  })

  it('goes back to a same-site `next` after signing in, and never off the site', async () => {
    const p = await visitor()
    await signIn(p.page, suite.stack.webUrl, 'maya.lindqvist@example.com', '/suppliers/olive-oak')
    expect(new URL(p.page.url()).pathname).toBe('/suppliers/olive-oak')

    const q = await visitor()
    await signIn(q.page, suite.stack.webUrl, 'maya.lindqvist@example.com', '//evil.example/steal')
    expect(new URL(q.page.url()).origin).toBe(suite.stack.webUrl)
    expect(new URL(q.page.url()).pathname).toBe('/')
  })

  it('treats a session the gateway no longer knows as signed out and drops the cookie', async () => {
    const maya = await visitor()
    await signIn(maya.page, suite.stack.webUrl, 'maya.lindqvist@example.com')
    const token = (await maya.context.cookies()).find((c) => c.name === 'rapport_session')?.value
    expect(token).toBeTruthy()
    // Signed out elsewhere (another device): the gateway ends the session everywhere.
    await gateway(suite.stack.gatewayUrl, 'mutation { signOut }', {}, token)
    await maya.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak`)
    await header(maya).getByRole('link', { name: 'Sign in' }).waitFor()
    expect((await maya.context.cookies()).some((c) => c.name === 'rapport_session')).toBe(false)
  })
})

describe('asking while signed out', () => {
  it('sends the visitor to sign in and back, with the question kept, then starts the conversation', async () => {
    const p = await visitor()
    await p.page.goto(`${suite.stack.webUrl}/products/${encodeURIComponent(productId)}`)
    const question = `Can you ship to Uppsala? (${Date.now()})`
    await p.page.getByLabel('Your question').fill(question)
    await p.page.getByRole('button', { name: 'Sign in and send' }).click()
    await p.page.waitForURL(/\/sign-in\?next=/)
    expect(new URL(p.page.url()).searchParams.get('next')).toBe(`/products/${encodeURIComponent(productId)}`)

    await p.page.getByLabel('Email').fill('maya.lindqvist@example.com')
    await p.page.getByLabel('Password').fill('rapport-demo')
    await p.page.getByRole('button', { name: 'Sign in' }).click()
    await p.page.waitForURL(/\/products\//)
    expect(await p.page.getByLabel('Your question').inputValue()).toBe(question)

    await p.page.getByRole('button', { name: 'Send question' }).click()
    await p.page.waitForURL(/\/conversations\//)
    await p.page.getByRole('log', { name: 'Messages' }).getByText(question).waitFor()
  })
})

describe('signing up', () => {
  it('creates a supplier with the browser’s time zone preselected and lands in the new team inbox', async () => {
    const p = await visitor({ timezoneId: 'Asia/Tokyo' })
    await p.page.goto(`${suite.stack.webUrl}/sign-up`)
    await p.page.getByRole('radio', { name: /Sell/ }).check()
    // The browser's zone is suggested once the page hydrates; the server's default shows until then.
    // Waiting for it also keeps the fields below from being typed into before hydration.
    await expect.poll(() => p.page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo')
    // The choice made before hydration is kept by it (the supplier's fields stay shown).
    expect(await p.page.getByRole('radio', { name: /Sell/ }).isChecked()).toBe(true)
    await p.page.getByLabel('Business name').waitFor({ state: 'visible' })
    await screenshotBoth(p.page, 'sign-up')

    const stamp = Date.now()
    await p.page.getByLabel('Your name').fill('Hana Sato')
    await p.page.getByLabel('Email').fill(`hana.${stamp}@example.com`)
    await p.page.getByLabel('Password').fill('a-long-password')
    await p.page.getByLabel('Business name').fill(`Kumo Ceramics ${stamp}`)
    await p.page.getByRole('button', { name: 'Create account' }).click()
    await p.page.waitForURL(/\/suppliers\/[^/]+\/inbox$/)
    await p.page.getByText('No conversations yet').waitFor()
    expect(
      await header(p)
        .getByRole('link', { name: /Team inbox/ })
        .isVisible(),
    ).toBe(true)

    const slug = new URL(p.page.url()).pathname.split('/')[2]
    const created = await gateway<{ supplier: { timeZone: string; name: string } }>(
      suite.stack.gatewayUrl,
      'query S($slug: String!) { supplier(slug: $slug) { name timeZone } }',
      { slug },
    )
    expect(created.supplier).toEqual({ name: `Kumo Ceramics ${stamp}`, timeZone: 'Asia/Tokyo' })
  })

  it('refuses a taken email beside the email field', async () => {
    const p = await visitor()
    await p.page.goto(`${suite.stack.webUrl}/sign-up`)
    await p.page.getByLabel('Your name').fill('Maya Again')
    await p.page.getByLabel('Email').fill('maya.lindqvist@example.com')
    await p.page.getByLabel('Password').fill('a-long-password')
    await p.page.getByRole('button', { name: 'Create account' }).click()
    await p.page.locator('#email-error', { hasText: 'already exists' }).waitFor()
  })
})

describe('team invitations', () => {
  async function invite(email: string): Promise<string> {
    const owner = await tokenFor(suite.stack.gatewayUrl, 'ana@olive-oak.example')
    const supplier = await gateway<{ supplier: { id: string } }>(
      suite.stack.gatewayUrl,
      '{ supplier(slug: "olive-oak") { id } }',
    )
    const data = await gateway<{ inviteTeamMember: { invitationToken?: string; message?: string } }>(
      suite.stack.gatewayUrl,
      `mutation I($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) {
        ... on InviteTeamMemberPayload { invitationToken } ... on Error { message } } }`,
      { input: { email, supplierId: supplier.supplier.id } },
      owner,
    )
    if (!data.inviteTeamMember.invitationToken) throw new Error(data.inviteTeamMember.message)
    return data.inviteTeamMember.invitationToken
  }

  it('lets the invited person create an account, come back and join the team', async () => {
    const email = `new.agent.${Date.now()}@example.com`
    const token = await invite(email)
    const p = await visitor()
    await p.page.goto(`${suite.stack.webUrl}/invitations/${token}`)
    await screenshotBoth(p.page, 'invitation')
    await p.page.getByRole('link', { name: 'Create an account' }).first().click()
    await p.page.waitForURL(/\/sign-up\?next=/)
    await p.page.getByLabel('Your name').fill('Rui Costa')
    await p.page.getByLabel('Email').fill(email)
    await p.page.getByLabel('Password').fill('a-long-password')
    await p.page.getByRole('button', { name: 'Create account' }).click()
    await p.page.waitForURL(/\/invitations\//)
    await p.page.getByRole('button', { name: 'Accept and join the team' }).click()
    await p.page.waitForURL(/\/suppliers\/olive-oak\/inbox\?joined=1/)
    await p.page.getByText('Welcome to the team').waitFor()
  })

  it('explains when the signed-in account is not the invited one', async () => {
    const token = await invite(`someone.${Date.now()}@example.com`)
    const maya = await visitor()
    await signIn(maya.page, suite.stack.webUrl, 'maya.lindqvist@example.com')
    await maya.page.goto(`${suite.stack.webUrl}/invitations/${token}`)
    await maya.page.getByRole('button', { name: 'Accept and join the team' }).click()
    await maya.page.getByText('This invitation is for someone else').waitFor()
    expect(await maya.page.getByRole('button', { name: 'Sign out and use the invited email' }).isVisible()).toBe(true)
  })
})

describe('staff page statistics', () => {
  it('shows staff this page’s render time and gateway operations, and nobody else', async () => {
    const alex = await visitor()
    await signIn(alex.page, suite.stack.webUrl, 'alex@rapport.example')
    await alex.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak`)
    const panel = alex.page.locator('details.staff-panel')
    await panel.locator('summary').click()
    await panel.getByText(/Server render \d+ ms/).waitFor()
    const operations = await panel.locator('tbody td:first-child').allTextContents()
    expect(operations).toEqual(expect.arrayContaining(['SessionViewer', 'SupplierPage']))
    // Client-side navigation gets its own statistics.
    await alex.page
      .getByRole('link', { name: /Cobrançosa Reserve/ })
      .first()
      .click()
    await alex.page.waitForURL(/\/products\//)
    if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click()
    await panel.locator('tbody td', { hasText: 'ProductPage' }).waitFor()
    expect(await panel.locator('tbody td', { hasText: 'SupplierPage' }).count()).toBe(0)

    const maya = await visitor()
    await signIn(maya.page, suite.stack.webUrl, 'maya.lindqvist@example.com')
    await maya.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak`)
    expect(await maya.page.locator('details.staff-panel').count()).toBe(0)
  })
})
