import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SIGNATURE_TOLERANCE_SECONDS, signPayload, signPayloadWithSecrets, verifySignature } from './signature.ts'
import { verifyRapportSignature } from './verify-example.ts'

const at = new Date('2026-12-06T12:00:00.000Z')
const t = at.getTime() / 1000
const body = '{"id":"dlv_1","type":"review.created","created_at":"2026-12-06T12:00:00.000Z","data":{"stars":5}}'
const secret = 'whsec_old'
const newSecret = 'whsec_new'

describe('signPayload', () => {
  it('produces t=<seconds>,v1=<hex HMAC of "t.body">', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
    expect(signPayload(secret, body, at)).toBe(`t=${t},v1=${expected}`)
  })

  it('signs with every secret during a rotation', () => {
    const header = signPayloadWithSecrets([secret, newSecret], body, at)
    expect(header.split(',')).toEqual([
      `t=${t}`,
      signPayload(secret, body, at).split(',')[1],
      signPayload(newSecret, body, at).split(',')[1],
    ])
  })
})

describe('verifySignature', () => {
  const header = signPayload(secret, body, at)

  it('accepts a fresh, correct signature', () => {
    expect(verifySignature({ header, body, secrets: [secret], now: at })).toEqual({ ok: true })
  })

  it('accepts either secret during a rotation overlap, and a header signed with both', () => {
    const both = signPayloadWithSecrets([secret, newSecret], body, at)
    expect(verifySignature({ header, body, secrets: [newSecret, secret], now: at }).ok).toBe(true)
    expect(verifySignature({ header: both, body, secrets: [newSecret], now: at }).ok).toBe(true)
    expect(verifySignature({ header: both, body, secrets: [secret], now: at }).ok).toBe(true)
  })

  it('refuses a tampered body, a wrong secret and a missing or malformed header', () => {
    expect(verifySignature({ header, body: body.replace('5', '1'), secrets: [secret], now: at })).toMatchObject({
      ok: false,
      reason: 'No signature matches the payload.',
    })
    expect(verifySignature({ header, body, secrets: ['whsec_other'], now: at }).ok).toBe(false)
    expect(verifySignature({ header: undefined, body, secrets: [secret], now: at }).ok).toBe(false)
    expect(verifySignature({ header: `t=${t}`, body, secrets: [secret], now: at }).ok).toBe(false)
    expect(verifySignature({ header: 'v1=abc', body, secrets: [secret], now: at }).ok).toBe(false)
    expect(verifySignature({ header: `t=${t},v1=zz`, body, secrets: [secret], now: at }).ok).toBe(false)
    expect(verifySignature({ header, body, secrets: [], now: at }).ok).toBe(false)
  })

  it('refuses a timestamp outside the tolerance, in the past and in the future', () => {
    const sec = (s: number) => new Date(at.getTime() + s * 1000)
    const tol = SIGNATURE_TOLERANCE_SECONDS
    expect(verifySignature({ header, body, secrets: [secret], now: sec(tol) }).ok).toBe(true)
    expect(verifySignature({ header, body, secrets: [secret], now: sec(-tol) }).ok).toBe(true)
    const late = verifySignature({ header, body, secrets: [secret], now: sec(tol + 1) })
    expect(late).toEqual({ ok: false, reason: `Timestamp is ${tol + 1} s away from now (tolerance ${tol} s).` })
    expect(verifySignature({ header, body, secrets: [secret], now: sec(-tol - 1) }).ok).toBe(false)
    expect(verifySignature({ header, body, secrets: [secret], now: sec(10), toleranceSeconds: 5 }).ok).toBe(false)
  })

  it('refuses a signature moved onto another timestamp', () => {
    const moved = header.replace(`t=${t}`, `t=${t + 60}`)
    expect(verifySignature({ header: moved, body, secrets: [secret], now: at }).ok).toBe(false)
  })
})

describe('the partner verification example', () => {
  it('verifies what signPayload produces, and nothing tampered, foreign or old', () => {
    const header = signPayload(secret, body, at)
    expect(verifyRapportSignature(header, body, secret, t)).toBe(true)
    expect(verifyRapportSignature(signPayloadWithSecrets([newSecret, secret], body, at), body, secret, t)).toBe(true)
    expect(verifyRapportSignature(header, `${body} `, secret, t)).toBe(false)
    expect(verifyRapportSignature(header, body, 'whsec_wrong', t)).toBe(false)
    expect(verifyRapportSignature(header, body, secret, t + 301)).toBe(false)
    expect(verifyRapportSignature(header, body, secret, t - 301)).toBe(false)
    expect(verifyRapportSignature('garbage', body, secret, t)).toBe(false)
  })

  it('uses the current time by default', () => {
    const header = signPayload(secret, body, new Date())
    expect(verifyRapportSignature(header, body, secret)).toBe(true)
    expect(verifyRapportSignature(signPayload(secret, body, new Date(Date.now() - 600_000)), body, secret)).toBe(false)
  })
})
