// The "open now" badge honours closures (holiday closure days), as response times do: one
// opening-hours implementation for the badge and the metrics.
import { beforeAll, describe, expect, it } from 'vitest'
import { gateway, tokenFor } from './support/browser'
import { browserSuite } from './support/suite'

const OWNER = 'ana@olive-oak.example'
const suite = browserSuite()
let supplierId: string
let token: string

beforeAll(async () => {
  supplierId = (
    await gateway<{ supplier: { id: string } }>(suite.stack.gatewayUrl, '{ supplier(slug: "olive-oak") { id } }')
  ).supplier.id
  token = await tokenFor(suite.stack.gatewayUrl, OWNER)
})

/** Open round the clock, every day, with these closure days. */
async function openAllHours(closures: string[]) {
  const data = await gateway<{ updateSupplierSettings: { __typename: string } }>(
    suite.stack.gatewayUrl,
    'mutation($input: UpdateSupplierSettingsInput!) { updateSupplierSettings(input: $input) { __typename } }',
    {
      input: {
        supplierId,
        serviceHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '00:00', closesAt: '24:00' })),
        closures,
      },
    },
    token,
  )
  expect(data.updateSupplierSettings.__typename).toBe('Supplier')
}

/** Today and tomorrow in Lisbon (Olive & Oak's zone), so a run at midnight still falls inside. */
function lisbonDays(): string[] {
  const day = (offset: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Lisbon' }).format(new Date(Date.now() + offset * 86_400_000))
  return [day(0), day(1)]
}

describe('the open-now badge', () => {
  it('says open round the clock, and closed on a closure day, on the server and in the browser', async () => {
    for (const javaScriptEnabled of [false, true]) {
      await openAllHours([])
      const { page } = await suite.visitor({ javaScriptEnabled })
      await page.goto(`${suite.stack.webUrl}/suppliers/olive-oak`)
      expect(await page.locator('.open-now').first().innerText()).toMatch(/^Open now/)

      await openAllHours(lisbonDays())
      await page.reload()
      if (javaScriptEnabled) await page.waitForTimeout(300)
      expect(await page.locator('.open-now').first().innerText()).toMatch(/^Closed/)
    }
  })
})
