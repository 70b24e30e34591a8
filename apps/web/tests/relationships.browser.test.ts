// Follows, supplier updates and the bell, in two (three) browsers on the real stack: the
// supplier's agent posts an update; a follower's bell rises live and her feed shows it; a
// follower who muted the supplier is not notified; opening the notification reads it.
import { describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { overflowsHorizontally, screenshotBoth } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const MAYA = 'maya.lindqvist@example.com' // follows Olive & Oak in the demo
const SOFIA = 'sofia.rossi@example.com' // follows Olive & Oak too; mutes it below
const JAMES = 'james.whitfield@example.com' // does not follow Khaya Loom in the demo
const AGENT = 'tiago@olive-oak.example'

describe('following suppliers and their updates', () => {
  it('notifies unmuted followers live when the team posts an update; the muted follower only sees it in her feed', async () => {
    // Sofia mutes Olive & Oak from the supplier's page (a plain form: JavaScript off).
    const sofia = await suite.person(SOFIA, { javaScriptEnabled: false })
    await sofia.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak`)
    await Promise.all([sofia.page.waitForLoadState(), sofia.page.getByRole('button', { name: /^Mute/ }).click()])
    await sofia.page.getByText('Muted: updates stay in your feed, without notifications.').waitFor()
    const sofiaUnread = Number(await sofia.page.locator('a.bell').getAttribute('data-unread'))

    const maya = await suite.person(MAYA)
    await maya.page.goto(`${suite.stack.webUrl}/following`)
    await maya.page.getByRole('heading', { level: 1, name: 'Following' }).waitFor()
    await maya.page.getByRole('heading', { name: 'Every bottle now ships in a pulp sleeve' }).waitFor()
    expect(await seriousViolations(maya.page)).toEqual([])
    await screenshotBoth(maya.page, 'following')
    expect(await overflowsHorizontally(maya.page)).toBe(false)
    const bell = maya.page.locator('a.bell')
    const before = Number(await bell.getAttribute('data-unread'))

    const tiago = await suite.person(AGENT)
    await tiago.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/updates`)
    await tiago.page.getByRole('heading', { level: 1, name: 'Updates from Olive & Oak' }).waitFor()
    expect(await seriousViolations(tiago.page)).toEqual([])
    // Nothing written: the form says so and posts nothing (the browser's own check is bypassed).
    await tiago.page.locator('.compose form').evaluate((f) => f.setAttribute('novalidate', ''))
    await tiago.page.getByRole('button', { name: 'Post update' }).click()
    await tiago.page.getByText('Give the update a title.').waitFor()
    const title = `New-harvest oil is in (${Date.now()})`
    await tiago.page.getByLabel('Title').fill(title)
    await tiago.page.getByLabel('What’s new').fill('The first pressing of the year: green, peppery, and only 400 tins.')
    await screenshotBoth(tiago.page, 'supplier-updates-compose')
    await tiago.page.getByRole('button', { name: 'Post update' }).click()
    await tiago.page.getByText('Posted. Your followers are being notified.').waitFor()
    await tiago.page.getByRole('heading', { name: title }).waitFor()

    // Maya's bell rises without a reload, and the tab's title says so.
    await maya.page.waitForFunction((n) => Number(document.querySelector('a.bell')?.getAttribute('data-unread')) === n, before + 1)
    expect(await maya.page.title()).toMatch(new RegExp(`^\\(${before + 1}\\) Following`))
    await maya.page.reload()
    await maya.page.getByRole('heading', { name: title }).waitFor()

    // The notification, opened from /notifications, leads to the update and is read.
    await bell.click()
    await maya.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor()
    expect(await seriousViolations(maya.page)).toEqual([])
    await screenshotBoth(maya.page, 'notifications')
    await Promise.all([
      maya.page.waitForURL(/\/suppliers\/olive-oak\/updates/),
      maya.page.getByRole('button', { name: new RegExp(`Olive & Oak: ${title.replace(/[()]/g, '\\$&')}`) }).click(),
    ])
    await maya.page.waitForFunction((n) => Number(document.querySelector('a.bell')?.getAttribute('data-unread')) === n, before)

    // Sofia muted Olive & Oak: the update is in her feed, and her count did not move.
    await sofia.page.goto(`${suite.stack.webUrl}/following`)
    await sofia.page.getByRole('heading', { name: title }).waitFor()
    expect(Number(await sofia.page.locator('a.bell').getAttribute('data-unread'))).toBe(sofiaUnread)
    expect(maya.problems).toEqual([])
    expect(tiago.problems).toEqual([])
  })

  it('follows and unfollows from the supplier page, and keeps notification settings', async () => {
    const james = await suite.person(JAMES)
    await james.page.goto(`${suite.stack.webUrl}/suppliers/khaya-loom`)
    const count = async () => Number((await james.page.locator('.follow .count').innerText()).match(/\d+/)![0])
    const before = await count()
    await james.page.getByRole('button', { name: /^Follow/ }).click()
    await james.page.getByRole('button', { name: /^Following/ }).waitFor()
    expect(await count()).toBe(before + 1)
    await james.page.goto(`${suite.stack.webUrl}/following`)
    await james.page.getByRole('link', { name: 'Khaya Loom' }).first().waitFor()
    await james.page.getByRole('button', { name: 'Unfollow Khaya Loom' }).click()
    await james.page.getByRole('button', { name: 'Unfollow Khaya Loom' }).waitFor({ state: 'detached' })
    await james.page.goto(`${suite.stack.webUrl}/suppliers/khaya-loom`)
    expect(await count()).toBe(before)

    await james.page.goto(`${suite.stack.webUrl}/settings/notifications`)
    await james.page.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor()
    expect(await seriousViolations(james.page)).toEqual([])
    await screenshotBoth(james.page, 'notification-settings')
    const updatesByEmail = james.page.getByLabel('Updates from suppliers you follow: email')
    expect(await updatesByEmail.isChecked()).toBe(false)
    await updatesByEmail.check()
    await Promise.all([james.page.waitForURL(/saved/), james.page.getByRole('button', { name: 'Save settings' }).click()])
    expect(await james.page.getByLabel('Updates from suppliers you follow: email').isChecked()).toBe(true)
    expect(await james.page.getByLabel('Messages left unread: email').isChecked()).toBe(true)

    // Browser notifications for new messages: the browser's own permission, then this browser's choice.
    await james.context.grantPermissions(['notifications'])
    await james.page.getByRole('button', { name: 'Turn on' }).click()
    await james.page.getByText('On in this browser.').waitFor()
    await james.page.reload()
    await james.page.getByText('On in this browser.').waitFor()
    await james.page.getByRole('button', { name: 'Turn off' }).click()
    await james.page.getByText('Off in this browser.').waitFor()
    expect(james.problems).toEqual([])
  })
})
