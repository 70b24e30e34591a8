// "Your data" on the real stack (seeded database, gateway with its job workers, BUILT web app):
// a buyer asks for a copy of his data, watches it become ready without reloading, downloads the
// zip once (a second try is explained), then deletes his account and can't sign in again; the
// only owner of a supplier is told to invite another owner first.
// James's two tests run in file order: he downloads a copy first, then deletes the account.
import { stat } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { seriousViolations } from './support/axe'
import { DEMO_PASSWORD, DESKTOP, overflowsHorizontally, screenshot, screenshotBoth } from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'james.whitfield@example.com'
const LAST_OWNER = 'ana@olive-oak.example'
const PAGE = '/settings/data'

const suite = browserSuite()

async function openDataPage(page: Page) {
  await page.goto(`${suite.stack.webUrl}${PAGE}`)
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor()
}

const archives = (page: Page) => page.getByRole('list', { name: 'Your archives' }).getByRole('listitem')
const downloadLink = (page: Page) => page.getByRole('link', { name: /^Download \(zip, \d+(\.\d)? (KB|MB)\)$/ })
const accountNav = (page: Page) => page.getByRole('navigation', { name: 'Account' })

async function deleteAccount(page: Page, password: string, tick: boolean) {
  if (password) await page.getByLabel('Your password').fill(password)
  if (tick) await page.getByLabel('I understand this cannot be undone').check()
  await page.getByRole('button', { name: 'Delete my account' }).click()
}

describe('downloading your data', () => {
  it('prepares an archive, shows it ready without reloading, and downloads it once', async () => {
    const james = await suite.person(BUYER)
    const page = james.page

    // From the settings tabs.
    await page.goto(`${suite.stack.webUrl}/settings/privacy`)
    await Promise.all([
      page.waitForURL(/\/settings\/data$/),
      page.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: 'Your data' }).click(),
    ])
    await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Download your data' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Delete your account' }).waitFor()
    // What is in it and how long it can be downloaded, with the gateway's numbers.
    const explanation = await page.locator('.explain').innerText()
    expect(explanation).toContain('access log of who at Rapport opened your conversations and why')
    expect(explanation).toMatch(/download it once, within \d+ hours?\. You can ask for \d+ cop(y|ies) a day\./)
    // Nothing asked for yet.
    await page.getByText('You haven’t asked for a copy yet.').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshotBoth(page, 'data-empty')
    await page.setViewportSize(DESKTOP)

    // Asking: the page says so, and the archive is listed while it is prepared.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true))
    await page.getByRole('button', { name: 'Ask for a copy of my data' }).click()
    await page.waitForURL(/\/settings\/data\?requested$/)
    await page
      .getByRole('status')
      // The job may already have finished by the time the page loads.
      .filter({ hasText: /We’re preparing your archive\. We’ll email you when it’s ready \(usually within a minute\)\.|Your archive is ready: download it below\./ })
      .waitFor()
    await expect.poll(() => archives(page).count()).toBe(1)
    const first = await archives(page).first().getAttribute('data-status')
    expect(['PENDING', 'READY']).toContain(first)
    if (first === 'PENDING') {
      expect(await archives(page).first().innerText()).toContain('Being prepared…')
      expect(await page.locator('.poll').innerText()).toContain('This page updates by itself when it’s ready.')
    }

    // Ready, without a reload (the page asks again every few seconds while one is prepared).
    await downloadLink(page).waitFor({ timeout: 30_000 })
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true)
    expect(await archives(page).first().innerText()).toMatch(/Ready — download once until .+\d{2}:\d{2}/)
    expect(await archives(page).first().innerText()).toMatch(/Asked for .+ · \d+(\.\d)? (KB|MB)/)
    expect(await page.locator('.poll').innerText()).toBe('')
    // The notice follows: no longer "preparing" once it is ready.
    await page.getByRole('status').filter({ hasText: 'Your archive is ready: download it below.' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshotBoth(page, 'data-ready')
    await page.setViewportSize(DESKTOP)
    expect(await overflowsHorizontally(page)).toBe(false)

    // Downloading: a zip file, with something in it.
    const href = await downloadLink(page).getAttribute('href')
    expect(href).toMatch(/^\/settings\/data\/exports\/[0-9a-f-]{36}$/)
    const [download] = await Promise.all([page.waitForEvent('download'), downloadLink(page).click()])
    expect(download.suggestedFilename()).toMatch(/\.zip$/)
    const file = await download.path()
    expect((await stat(file)).size).toBeGreaterThan(0)

    // Once only: the list says it was downloaded, and the link no longer gives a file.
    await page.reload()
    await expect.poll(() => archives(page).first().innerText()).toMatch(/Downloaded on .+\d{2}:\d{2}/)
    expect(await downloadLink(page).count()).toBe(0)
    await page.goto(`${suite.stack.webUrl}${href}`)
    await page.waitForURL(/\/settings\/data\?problem=/)
    await page
      .getByRole('alert')
      .filter({ hasText: 'That archive was already downloaded or has expired; ask for a new one.' })
      .waitFor()
    const again = await page.request.get(`${suite.stack.webUrl}${href}`, { maxRedirects: 0 })
    expect(again.status()).toBe(303)
    expect(again.headers()['content-type'] ?? '').not.toContain('application/zip')

    expect(james.problems).toEqual([])
  })
})

describe('deleting your account', () => {
  it('refuses without the box ticked or with a wrong password, then deletes and signs out', async () => {
    const james = await suite.person(BUYER)
    const page = james.page
    await openDataPage(page)
    await page
      .getByText('If you are the last owner of a supplier, invite another owner from its team page first.')
      .waitFor()
    expect(await page.getByLabel('Your password').getAttribute('autocomplete')).toBe('current-password')

    // Nothing ticked, nothing typed: both problems, in the summary and beside the fields.
    await deleteAccount(page, '', false)
    const summary = page.getByRole('alert').filter({ hasText: 'Your account was not deleted' })
    await summary.waitFor()
    expect(await summary.getByRole('link').count()).toBe(2)
    await page.locator('#password-error').waitFor()
    await page.locator('#confirm-error').waitFor()
    expect(await page.getByLabel('I understand this cannot be undone').getAttribute('aria-invalid')).toBe('true')
    expect(await seriousViolations(page)).toEqual([])
    await screenshotBoth(page, 'data-delete-errors')
    await page.setViewportSize(DESKTOP)

    // The box unticked but the password given: still refused, still signed in.
    await deleteAccount(page, DEMO_PASSWORD, false)
    await expect.poll(() => page.locator('#password-error').count()).toBe(0)
    await page.locator('#confirm-error').waitFor()
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor()
    await accountNav(page)
      .getByRole('link', { name: /^Your settings, signed in as / })
      .waitFor()

    // A wrong password: said beside the field.
    await deleteAccount(page, 'not-my-password', true)
    await expect.poll(() => page.locator('#password-error').textContent()).toContain('That password is not right.')
    expect(await page.getByLabel('Your password').getAttribute('aria-invalid')).toBe('true')
    expect(await seriousViolations(page)).toEqual([])

    // The right one, box ticked: home, told so, and signed out.
    await deleteAccount(page, DEMO_PASSWORD, true)
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.has('account-deleted'), { timeout: 15_000 })
    await page
      .getByRole('status')
      .filter({ hasText: 'Your account was deleted. Thank you for being part of Rapport.' })
      .waitFor()
    await accountNav(page).getByRole('link', { name: 'Sign in' }).waitFor()
    expect((await james.context.cookies()).some((c) => c.name === 'rapport_session')).toBe(false)
    await screenshot(page, 'data-account-deleted', { fullPage: false })

    // The account is gone: signing in again fails.
    await page.goto(`${suite.stack.webUrl}/sign-in`)
    await page.getByLabel('Email').fill(BUYER)
    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').waitFor()
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await accountNav(page).getByRole('link', { name: 'Sign in' }).waitFor()

    expect(james.problems).toEqual([])
  })

  it('tells a supplier’s last owner to invite another owner first, and keeps her signed in', async () => {
    const ana = await suite.person(LAST_OWNER)
    const page = ana.page
    await openDataPage(page)
    await deleteAccount(page, DEMO_PASSWORD, true)
    const alert = page.getByRole('alert').filter({ hasText: /You are the last owner of Olive & Oak/ })
    await alert.waitFor()
    const team = alert.getByRole('link', { name: 'Invite another owner to Olive & Oak' })
    expect(await team.getAttribute('href')).toBe('/suppliers/olive-oak/settings')
    expect(new URL(page.url()).pathname).toBe(PAGE)
    await screenshot(page, 'data-last-owner')

    // Still signed in, everywhere.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor()
    await accountNav(page)
      .getByRole('link', { name: /^Your settings, signed in as / })
      .waitFor()
    expect(await seriousViolations(page)).toEqual([])

    expect(ana.problems).toEqual([])
  })
})
