// Error pages answer with their status for everyone: signed out, buyer, supplier agent and staff
// (whose pages also carry the streamed staff statistics panel).
import { beforeAll, describe, expect, it } from 'vitest'
import { tokenFor } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const ACCOUNTS = {
  buyer: 'maya.lindqvist@example.com',
  supplier: 'tiago@olive-oak.example',
  moderator: 'priscila@rapport.example',
  admin: 'alex@rapport.example',
} as const
const cookies: Record<string, string> = {}

beforeAll(async () => {
  for (const [who, email] of Object.entries(ACCOUNTS)) {
    cookies[who] = `rapport_session=${await tokenFor(suite.stack.gatewayUrl, email)}`
  }
})

async function statusOf(path: string, who?: keyof typeof ACCOUNTS): Promise<{ status: number; body: string }> {
  const response = await fetch(`${suite.stack.webUrl}${path}`, {
    redirect: 'manual',
    headers: who ? { cookie: cookies[who] ?? '' } : {},
  })
  return { status: response.status, body: await response.text() }
}

const NOT_FOUND = ['/no-such-page', '/suppliers/no-such-supplier', '/conversations/no-such-conversation']

describe('error pages', () => {
  for (const who of [undefined, 'buyer', 'supplier', 'moderator', 'admin'] as const) {
    it(`answer 404 for pages that don't exist, ${who ?? 'signed out'}`, async () => {
      for (const path of who === undefined ? NOT_FOUND.slice(0, 2) : NOT_FOUND) {
        const { status, body } = await statusOf(path, who)
        expect({ path, status }).toEqual({ path, status: 404 })
        expect(body).toContain('<html')
      }
    })
  }

  it('answer 403 to staff, who have no buyer inbox, and show the staff panel on the error page', async () => {
    for (const who of ['moderator', 'admin'] as const) {
      const { status, body } = await statusOf('/inbox', who)
      expect({ who, status }).toEqual({ who, status: 403 })
      expect(body).toContain('This inbox is for buyer accounts.')
      expect(body).toContain('Page statistics')
    }
  })
})
