import { createHmac, timingSafeEqual } from 'node:crypto'

// Modelled on Stripe's `Stripe-Signature`: the timestamp is inside the signed string, so a captured
// request cannot be replayed later with a fresh timestamp, and the tolerance bounds how long a
// captured request stays useful at all.
export const SIGNATURE_HEADER = 'Rapport-Signature'
export const SIGNATURE_TOLERANCE_SECONDS = 300

// A SHA-256 HMAC is 32 bytes; anything else in a v1 slot cannot match and is not worth comparing.
const V1_HEX = /^[0-9a-f]{64}$/i
const UNIX_SECONDS = /^\d{1,12}$/

export type VerifyResult = { ok: true } | { ok: false; reason: string }

function unixSeconds(at: Date): number {
  const ms = at.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('signPayload: `at` is not a valid date')
  return Math.floor(ms / 1000)
}

function hmacHex(secret: string, timestamp: number | string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')
}

/** The header value for one secret: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
export function signPayload(secret: string, body: string, at: Date): string {
  return signPayloadWithSecrets([secret], body, at)
}

/**
 * During a secret rotation the sender signs with the old and the new secret at once (one `v1=` each),
 * so a receiver still holding either secret keeps verifying while the partner swaps it over.
 */
export function signPayloadWithSecrets(secrets: readonly string[], body: string, at: Date): string {
  if (secrets.length === 0) throw new Error('signPayload: at least one secret is required')
  // An empty key still yields an HMAC, but one anybody can compute: refuse rather than sign with it.
  if (secrets.some((s) => s.length === 0)) throw new Error('signPayload: secrets must not be empty')
  const t = unixSeconds(at)
  return [`t=${t}`, ...secrets.map((s) => `v1=${hmacHex(s, t, body)}`)].join(',')
}

function parseHeader(header: string): { t: string | null; v1: string[] } {
  let t: string | null = null
  const v1: string[] = []
  for (const part of header.split(',')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const key = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (key === 't' && t === null) t = value
    else if (key === 'v1') v1.push(value)
    // Other keys (a future v2, say) are ignored so that a new scheme can be added alongside v1.
  }
  return { t, v1 }
}

export function verifySignature(input: {
  header: string | null | undefined
  body: string
  secrets: readonly string[]
  now: Date
  toleranceSeconds?: number
}): VerifyResult {
  const { header, body, now, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS } = input
  if (!header) return { ok: false, reason: `Missing ${SIGNATURE_HEADER} header.` }
  const secrets = input.secrets.filter((s) => s.length > 0)
  if (secrets.length === 0) return { ok: false, reason: 'No signing secret configured.' }

  const { t, v1 } = parseHeader(header)
  if (t === null || !UNIX_SECONDS.test(t)) return { ok: false, reason: 'Signature header has no valid timestamp (t=).' }
  const candidates = v1.filter((v) => V1_HEX.test(v)).map((v) => Buffer.from(v, 'hex'))
  if (candidates.length === 0) return { ok: false, reason: 'Signature header has no v1 signature.' }

  // Every candidate is compared against every secret without stopping early, and each comparison is
  // constant-time, so timing says nothing about which byte (or which secret) was close.
  let matched = false
  for (const secret of secrets) {
    const expected = Buffer.from(hmacHex(secret, t, body), 'hex')
    for (const candidate of candidates) {
      if (timingSafeEqual(candidate, expected)) matched = true
    }
  }
  if (!matched) return { ok: false, reason: 'No signature matches the payload.' }

  // Checked after the HMAC so that this reason is only ever given for an authentic request:
  // it then really means "replayed or badly skewed clock", not "forged". Both directions count,
  // a timestamp far in the future is as suspicious as an old one.
  const skew = Math.abs(unixSeconds(now) - Number(t))
  if (skew > toleranceSeconds) {
    return { ok: false, reason: `Timestamp is ${skew} s away from now (tolerance ${toleranceSeconds} s).` }
  }
  return { ok: true }
}
