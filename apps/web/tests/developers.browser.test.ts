// The partner portal on the real stack: an owner makes an API key from her settings, sees its
// secret once, runs it in GraphiQL (bundled here, no CDN), sees its use arrive, and revokes it.
// People who own no supplier get a page that says so; the explorer's endpoint takes keys only.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { seriousViolations } from './support/axe'
import { overflowsHorizontally, PHONE, DESKTOP, waitUntilLive } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const OWNER = 'ana@olive-oak.example' // owns Olive & Oak
const AGENT = 'tiago@olive-oak.example' // an agent: owns no supplier
const ADMIN = 'alex@rapport.example' // a platform admin: owns no supplier
/** React 19's element tag: in React's bundle, never in Svelte's. */
const REACT_MARK = 'react.transitional.element'

/** Every request the page makes to a host other than the stack's (a CDN, say). */
function watchForeignRequests(page: Page, webUrl: string): string[] {
  const foreign: string[] = []
  const own = new URL(webUrl).hostname
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== own) foreign.push(request.url())
  })
  return foreign
}

/** Whether any script the page loaded holds React. */
async function shipsReact(page: Page): Promise<boolean> {
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => name.endsWith('.js')),
  )
  for (const src of scripts) if ((await (await fetch(src)).text()).includes(REACT_MARK)) return true
  return false
}

const keyCard = (page: Page, name: string) =>
  page.locator('li.key').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) })

async function postToExplorer(webUrl: string, headers: Record<string, string>, body: string) {
  const response = await fetch(`${webUrl}/developers/explorer/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  return {
    status: response.status,
    body: (await response.json()) as {
      errors?: Array<{ message: string; extensions?: { code?: string } }>
      data?: unknown
    },
  }
}

describe('the partner portal', () => {
  it('makes a key, shows it once, runs it in the explorer, shows its use and revokes it', async () => {
    const { webUrl } = suite.stack
    const ana = await suite.person(OWNER)
    const { page } = ana
    const foreign = watchForeignRequests(page, webUrl)

    // Owners find the portal from their settings.
    await page.goto(`${webUrl}/suppliers/olive-oak/settings`)
    await Promise.all([
      page.waitForURL(/\/developers\?supplier=olive-oak$/),
      page.getByRole('link', { name: 'Manage API keys' }).click(),
    ])
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor()
    await page.getByText('No keys yet').waitFor()
    expect(await shipsReact(page)).toBe(false)

    // A key with two scopes.
    const name = `Shop sync ${Date.now()}`
    await page.getByLabel('Name').fill(name)
    await page.getByRole('checkbox', { name: /read:suppliers/ }).check()
    await page.getByRole('checkbox', { name: /read:reviews/ }).check()
    await page.getByRole('button', { name: 'Create key' }).click()
    const secretField = page.getByLabel(`The secret of ${name}`)
    await secretField.waitFor()
    const secret = await secretField.inputValue()
    expect(secret).toMatch(/^rpk_live_[0-9A-Za-z]{48}$/)
    await page.getByText('This is the only time we show it.').waitFor()
    const card = keyCard(page, name)
    await card.getByText('Active', { exact: true }).waitFor()
    const cardText = await card.innerText()
    expect(cardText).toContain(`${secret.slice(0, 17)}…`)
    expect(cardText).toContain('read:suppliers')
    expect(cardText).toContain('read:reviews')
    expect(cardText).toContain('Never')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: '/tmp/dev-keys-new-secret.png', fullPage: true })

    // Loaded again, the page has the key but not its secret.
    const again = await ana.context.newPage()
    await again.goto(`${webUrl}/developers`)
    await keyCard(again, name).waitFor()
    expect(await again.content()).not.toContain(secret)
    await again.close()

    // "Try it in the explorer" hands the key over in this tab's sessionStorage, not the URL.
    await Promise.all([
      page.waitForURL(`${webUrl}/developers/explorer`),
      page.getByRole('link', { name: 'Try it in the explorer' }).click(),
    ])
    expect(page.url()).not.toContain(secret)
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 })
    await page.getByText('The key you just created is in the Authorization header.').waitFor()
    const query = '{ supplier(slug: "olive-oak") { name } }'
    await page.locator('.graphiql-query-editor .monaco-editor').first().click()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.press('Backspace')
    // Typed as a person would: Monaco closes brackets and quotes, then types over its own closers.
    await page.keyboard.type(query)
    // One line is wider than the editor's half of the screen: prettified, it reads at a glance.
    await page.getByRole('button', { name: /Prettify query/ }).click()
    await page.locator('.graphiql-query-editor .view-line').nth(2).waitFor()
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/developers/explorer/graphql') && r.method() === 'POST'),
      page.getByRole('button', { name: /Execute query/ }).click(),
    ])
    expect(request.headers().authorization).toBe(`Bearer ${secret}`)
    expect(request.headers().cookie).toBeUndefined()
    const sent = JSON.parse(request.postData() ?? '{}') as { query: string }
    expect(sent.query.replace(/\s+/g, ' ').trim()).toBe(query)
    await page.locator('.graphiql-response').getByText('"Olive & Oak"').waitFor()
    await page.getByText(/Last request: HTTP 200 · cost \d+ points?/).waitFor()
    expect(await page.locator('p.cost').innerText()).toMatch(/the bucket holds 10,000 and restores 500\/s\./)
    expect(await shipsReact(page)).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: '/tmp/dev-explorer.png' })

    // Back on the keys page: no secret, and today's use arrives (flushed every few seconds).
    await Promise.all([page.waitForURL(`${webUrl}/developers`), page.getByRole('link', { name: 'API keys' }).click()])
    await page.reload()
    expect(await page.content()).not.toContain(secret)
    const requests = () => keyCard(page, name).locator('figure.usage').getAttribute('data-requests')
    const deadline = Date.now() + 15_000
    while (Number(await requests()) < 1 && Date.now() < deadline) {
      await page.waitForTimeout(1000)
      await page.reload()
    }
    expect(Number(await requests())).toBeGreaterThanOrEqual(1)
    const today = new Date().toISOString().slice(0, 10)
    const todayRow = keyCard(page, name).locator(`tr[data-day="${today}"] td`).first()
    expect(Number(await todayRow.textContent())).toBeGreaterThanOrEqual(1)
    await keyCard(page, name)
      .getByText(/Last 14 days [1-9][\d,]* requests? · [\d,]+ points?/)
      .waitFor()
    expect(
      await keyCard(page, name)
        .getByRole('img', { name: /Requests per day with/ })
        .count(),
    ).toBe(1)
    // The first use is recorded when the key is checked (later ones at most once a minute).
    expect(await keyCard(page, name).innerText()).toContain('from 127.0.0.1')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: '/tmp/dev-keys.png', fullPage: true })
    await page.setViewportSize(PHONE)
    expect(await overflowsHorizontally(page)).toBe(false)
    await page.screenshot({ path: '/tmp/dev-keys-phone.png', fullPage: true })
    await page.setViewportSize(DESKTOP)

    // Revoking asks first, then the key is refused from then on.
    await keyCard(page, name).getByText('Revoke…').click()
    await Promise.all([
      page.waitForURL(/revoked=/),
      keyCard(page, name)
        .getByRole('button', { name: `Yes, revoke ${name}` })
        .click(),
    ])
    await page.getByText(`“${name}” was revoked`).waitFor()
    await keyCard(page, name).getByText('Revoked', { exact: true }).waitFor()
    await expect
      .poll(
        async () =>
          (await postToExplorer(webUrl, { authorization: `Bearer ${secret}` }, JSON.stringify({ query }))).body
            .errors?.[0]?.extensions?.code,
        { timeout: 5_000 },
      )
      .toBe('UNAUTHENTICATED')

    // The docs: scopes from the gateway, the reference from the schema.
    await page.goto(`${webUrl}/developers/docs`)
    await page.getByRole('heading', { level: 1, name: 'API docs' }).waitFor()
    await page.getByRole('rowheader', { name: 'read:suppliers' }).first().waitFor()
    await page.getByText('apiKeys(supplierId: ID): [ApiKey!]!').waitFor()
    await page.getByText('INSUFFICIENT_SCOPE', { exact: true }).first().waitFor()
    expect(await shipsReact(page)).toBe(false)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: '/tmp/dev-docs.png', fullPage: true })
    await page.setViewportSize(PHONE)
    await page.screenshot({ path: '/tmp/dev-docs-phone.png' })
    expect(await overflowsHorizontally(page)).toBe(false)
    await page.goto(`${webUrl}/developers/explorer`)
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 })
    await page.screenshot({ path: '/tmp/dev-explorer-phone.png' })
    expect(await overflowsHorizontally(page)).toBe(false)

    expect(foreign).toEqual([])
    expect(ana.problems.filter((p) => !p.includes('setup-workers'))).toEqual([])
  })

  it('adds a webhook endpoint, shows its signing secret once, lists it and disables it', async () => {
    const { webUrl } = suite.stack
    const ana = await suite.person(OWNER)
    const { page } = ana
    const hook = 'https://93.184.215.14/hooks'
    const endpointCard = () =>
      page.locator('li.endpoint').filter({ has: page.getByRole('heading', { level: 3, name: hook, exact: true }) })

    await page.goto(`${webUrl}/developers`)
    await Promise.all([
      page.waitForURL(`${webUrl}/developers/webhooks`),
      page.getByRole('link', { name: 'Webhooks', exact: true }).click(),
    ])
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor()
    await page.getByText('No endpoints yet').waitFor()

    // A private address: the gateway's own words, on the field, and what was typed is kept.
    await page.getByLabel('Endpoint URL').fill('https://127.0.0.1/x')
    await page.getByRole('checkbox', { name: /review\.created/ }).check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page
      .locator('#url-error')
      .getByText(/must not point at private, loopback or link-local addresses/)
      .waitFor()
    expect(await page.getByLabel('Endpoint URL').getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByLabel('Endpoint URL').inputValue()).toBe('https://127.0.0.1/x')
    expect(await page.getByRole('checkbox', { name: /review\.created/ }).isChecked()).toBe(true)
    expect(await endpointCard().count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])

    // A public address: made, its secret shown this once, and listed.
    await page.getByLabel('Endpoint URL').fill(hook)
    await page.getByRole('checkbox', { name: /question\.created/ }).check()
    await page.getByRole('checkbox', { name: /message\.created/ }).check()
    await page.getByLabel(/Description/).fill('Helpdesk sync')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const secretField = page.getByLabel(`The signing secret of ${hook}`)
    await secretField.waitFor()
    const secret = await secretField.inputValue()
    expect(secret).toMatch(/^whsec_[\w-]{20,}$/)
    await page.getByText('This is the only time we show it.').waitFor()
    await endpointCard().getByText('Enabled', { exact: true }).waitFor()
    const cardText = await endpointCard().innerText()
    expect(cardText).toContain('review.created')
    expect(cardText).toContain('question.created')
    expect(cardText).toContain('Helpdesk sync')
    expect(cardText).toContain('No deliveries yet')
    expect(cardText).not.toContain(secret)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: '/tmp/dev-webhooks-new-secret.png', fullPage: true })

    // Loaded again, the endpoint is there but its secret isn't.
    await page.reload()
    await endpointCard().waitFor()
    expect(await page.content()).not.toContain(secret)

    // A reply in the team inbox is an event: its delivery is listed (nothing answers at that address).
    await page.goto(`${webUrl}/suppliers/olive-oak/inbox`)
    await page.locator('a[href^="/conversations/"]').first().click()
    await waitUntilLive(page)
    await page.getByLabel(/Message to/).fill('Your order ships tomorrow.')
    await page.getByLabel(/Message to/).press('Enter')
    await page.getByText('Your order ships tomorrow.').first().waitFor()
    await page.goto(`${webUrl}/developers/webhooks`)
    await expect
      .poll(
        async () => {
          await page.reload()
          return endpointCard().locator('li.delivery').count()
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBeGreaterThan(0)
    const delivery = endpointCard().locator('li.delivery').first()
    expect(await delivery.innerText()).toContain('message.created')
    await delivery.getByRole('button', { name: 'Replay message.created' }).click()
    await endpointCard().getByText('The message.created event is being sent again.').waitFor()
    await expect.poll(() => endpointCard().locator('li.delivery').count(), { timeout: 10_000 }).toBeGreaterThan(1)
    const withLog = endpointCard().locator('details.log').first()
    if ((await withLog.count()) > 0) await withLog.locator('summary').click()
    await page.screenshot({ path: '/tmp/dev-webhooks-deliveries.png', fullPage: true })

    // Disabled: said on the endpoint, with the reason.
    await endpointCard()
      .getByRole('button', { name: `Disable ${hook}` })
      .click()
    await endpointCard().getByText('Disabled', { exact: true }).waitFor()
    await endpointCard()
      .getByText(/Disabled by its owner\./)
      .waitFor()
    await endpointCard()
      .getByRole('button', { name: `Enable ${hook}` })
      .waitFor()
    await page.reload()
    await endpointCard().getByText('Disabled', { exact: true }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: '/tmp/dev-webhooks.png', fullPage: true })
    await page.setViewportSize(PHONE)
    expect(await overflowsHorizontally(page)).toBe(false)
    await page.screenshot({ path: '/tmp/dev-webhooks-phone.png', fullPage: true })
    await page.setViewportSize(DESKTOP)

    // The docs explain the signature.
    await page.goto(`${webUrl}/developers/docs#webhooks`)
    await page.getByRole('heading', { level: 2, name: 'Webhooks' }).waitFor()
    await page.getByText('export function verifyRapportSignature(').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    expect(ana.problems.filter((p) => !p.includes('setup-workers'))).toEqual([])
  })

  it('tells people who own no supplier who makes keys, and hides other suppliers’ keys', async () => {
    const { webUrl } = suite.stack
    const tiago = await suite.person(AGENT)
    await tiago.page.goto(`${webUrl}/developers`)
    await tiago.page.getByText('API keys are made by a supplier’s owners').waitFor()
    expect(await tiago.page.getByRole('button', { name: 'Create key' }).count()).toBe(0)
    expect(await seriousViolations(tiago.page)).toEqual([])
    const response = await tiago.page.goto(`${webUrl}/developers?supplier=olive-oak`)
    expect(response?.status()).toBe(404)

    // Signed out: sign in first, then back here.
    const visitor = await suite.visitor()
    await visitor.page.goto(`${webUrl}/developers`)
    expect(new URL(visitor.page.url()).pathname).toBe('/sign-in')
    expect(new URL(visitor.page.url()).searchParams.get('next')).toBe('/developers')
  })

  it('lets an admin manage platform partners’ keys and webhooks, and no one else', async () => {
    const { webUrl } = suite.stack
    const alex = await suite.person(ADMIN)
    const { page } = alex

    // An admin who owns no supplier lands on the platform partners' keys.
    await page.goto(`${webUrl}/developers`)
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor()
    await page.getByText(/Keys for platform partners/).waitFor()
    expect(await page.getByText('API keys are made by a supplier’s owners').count()).toBe(0)

    // Platform keys can't hold the scopes that act for one supplier: the form doesn't offer them.
    expect(await page.getByRole('checkbox', { name: /read:conversations/ }).count()).toBe(0)
    expect(await page.getByRole('checkbox', { name: /write:messages/ }).count()).toBe(0)

    // The partner company is required: said on the field, and what was typed is kept.
    const name = `Ratings feed ${Date.now()}`
    await page.locator('#create form').evaluate((f) => f.setAttribute('novalidate', ''))
    await page.getByLabel('Name', { exact: true }).fill(name)
    await page.getByRole('checkbox', { name: /read:suppliers/ }).check()
    await page.getByRole('button', { name: 'Create key' }).click()
    await page
      .locator('#partnerName-error')
      .getByText(/Name the partner company/)
      .waitFor()
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(name)

    // Named: the secret once, and the key listed under its partner company.
    await page.getByLabel('Partner company').fill('Acme Analytics')
    await page.getByRole('button', { name: 'Create key' }).click()
    const secretField = page.getByLabel(`The secret of ${name}`)
    await secretField.waitFor()
    const secret = await secretField.inputValue()
    expect(secret).toMatch(/^rpk_live_[0-9A-Za-z]{48}$/)
    await page.getByText('This is the only time we show it.').waitFor()
    const acme = page.getByRole('region', { name: 'Acme Analytics', exact: true })
    const card = acme.locator('li.key').filter({ has: page.getByRole('heading', { level: 4, name, exact: true }) })
    await card.getByText('Active', { exact: true }).waitFor()
    expect(await card.innerText()).toContain('read:suppliers')
    await card.locator('figure.usage').waitFor()
    expect(await page.locator('#partner-names option[value="Acme Analytics"]').count()).toBe(1)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: '/tmp/admin-portal.png', fullPage: true })

    // Loaded again: listed, the secret gone; revoking keeps the platform view.
    await page.reload()
    await card.waitFor()
    expect(await page.content()).not.toContain(secret)
    await card.getByText('Revoke…').click()
    await Promise.all([
      page.waitForURL(/\?platform=1&revoked=/),
      card.getByRole('button', { name: `Yes, revoke ${name}` }).click(),
    ])
    await card.getByText('Revoked', { exact: true }).waitFor()

    // Webhooks: a platform partner's endpoint, public events only.
    await page.goto(`${webUrl}/developers/webhooks?platform=1`)
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor()
    await page.getByLabel('Partner company').waitFor()
    expect(await page.getByRole('checkbox', { name: /message\.created/ }).count()).toBe(0)
    const hook = 'https://93.184.215.14/platform-hooks'
    await page.getByLabel('Partner company').fill('Acme Analytics')
    await page.getByLabel('Endpoint URL').fill(hook)
    await page.getByRole('checkbox', { name: /review\.created/ }).check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.getByLabel(`The signing secret of ${hook}`).waitFor()
    const endpoint = page
      .locator('li.endpoint')
      .filter({ has: page.getByRole('heading', { level: 3, name: hook, exact: true }) })
    expect(await endpoint.innerText()).toContain('Acme Analytics')
    expect(await seriousViolations(page)).toEqual([])
    expect(alex.problems.filter((p) => !p.includes('setup-workers'))).toEqual([])

    // Anyone else: the platform's partners aren't there (as an unknown supplier).
    const ana = await suite.person(OWNER)
    expect((await ana.page.goto(`${webUrl}/developers?platform=1`))?.status()).toBe(404)
    expect((await ana.page.goto(`${webUrl}/developers/webhooks?platform=1`))?.status()).toBe(404)
    await ana.page.goto(`${webUrl}/developers`)
    expect(await ana.page.getByRole('link', { name: 'Platform partners' }).count()).toBe(0)
  })

  it('works without JavaScript: create and rotate, each secret on the answer page', async () => {
    const { webUrl } = suite.stack
    const ana = await suite.person(OWNER, { javaScriptEnabled: false })
    await ana.page.goto(`${webUrl}/developers`)
    // Nothing chosen: the form says what is missing and keeps what was typed.
    await ana.page.locator('#create form').evaluate((f) => f.setAttribute('novalidate', ''))
    await ana.page.getByLabel('Name').fill('No-JS key')
    await Promise.all([ana.page.waitForLoadState(), ana.page.getByRole('button', { name: 'Create key' }).click()])
    await ana.page.getByRole('link', { name: 'Choose at least one scope: what the key may do.' }).waitFor()
    expect(await ana.page.getByLabel('Name').inputValue()).toBe('No-JS key')
    await ana.page.getByRole('checkbox', { name: /read:metrics/ }).check()
    await Promise.all([ana.page.waitForLoadState(), ana.page.getByRole('button', { name: 'Create key' }).click()])
    const first = await ana.page.getByLabel('The secret of No-JS key').inputValue()
    expect(first).toMatch(/^rpk_live_/)

    // Rotating (the <details> opens without JavaScript too) shows the replacement's secret once.
    const card = keyCard(ana.page, 'No-JS key')
    await card.getByText('Rotate…').click()
    expect(await card.getByLabel('Keep the old key working for').inputValue()).toBe('24')
    await Promise.all([ana.page.waitForLoadState(), card.getByRole('button', { name: 'Rotate No-JS key' }).click()])
    await ana.page.getByRole('heading', { name: 'Your replacement key: copy it now' }).waitFor()
    const second = await ana.page.getByLabel('The secret of No-JS key').inputValue()
    expect(second).toMatch(/^rpk_live_/)
    expect(second).not.toBe(first)
    await ana.page.getByText(/The old key keeps working until/).waitFor()
    expect(await keyCard(ana.page, 'No-JS key').count()).toBe(2)
  })

  it('forwards only keys, and refuses large bodies, with GraphQL-shaped JSON errors', async () => {
    const { webUrl } = suite.stack
    const query = JSON.stringify({ query: '{ apiScopes { name } }' })
    const none = await postToExplorer(webUrl, {}, query)
    expect(none.status).toBe(401)
    expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect(none.body.errors?.[0]?.message).toMatch(/Bearer rpk_live_/)
    const big = await postToExplorer(
      webUrl,
      { authorization: 'Bearer rpk_live_x' },
      JSON.stringify({ query: `{ apiScopes { name } } #${'x'.repeat(1024 * 1024)}` }),
    )
    expect(big.status).toBe(413)
    expect(big.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE')
    const unknownKey = await postToExplorer(webUrl, { authorization: `Bearer rpk_live_${'A'.repeat(48)}` }, query)
    expect(unknownKey.status).toBe(401)
    expect(unknownKey.body.errors?.[0]?.message).toMatch(/not valid/)
  })
})
