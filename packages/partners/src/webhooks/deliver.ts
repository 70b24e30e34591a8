import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { checkEndpointUrl, pinnedLookup, type HostLookup } from './address-guard.ts'

// node:http rather than fetch: fetch cannot be given a pinned `lookup` (see address-guard.ts), and a
// hard deadline is simplest when we own the request and can destroy it.

export const WEBHOOK_USER_AGENT = 'Rapport-Webhooks/1'
export const RESPONSE_EXCERPT_CHARS = 1_000
// Enough to keep a useful excerpt for the delivery log, small enough that a receiver streaming
// gigabytes back cannot make us buffer them.
export const MAX_RESPONSE_BYTES = 64 * 1024

export type DeliverOnceInput = {
  url: string
  body: string
  /** Extra headers, typically the signature; content-type, user-agent and content-length are ours. */
  headers: Record<string, string>
  timeoutMs: number
  /** Addresses already approved by checkEndpointUrl; without them the URL is checked (and resolved) here. */
  addresses?: readonly string[]
  allowPrivate: boolean
}

export type DeliveryResult = {
  ok: boolean
  statusCode: number | null
  latencyMs: number
  responseExcerpt: string
  error: string | null
}

function excerpt(chunks: Buffer[]): string {
  // Non-fatal decoding: a receiver answering in Latin-1 or cut mid-character still gets an excerpt.
  const text = new TextDecoder('utf-8').decode(Buffer.concat(chunks))
  // Cut on code points, not UTF-16 units, so an emoji is never split into a lone surrogate.
  return Array.from(text.slice(0, RESPONSE_EXCERPT_CHARS * 2))
    .slice(0, RESPONSE_EXCERPT_CHARS)
    .join('')
}

function describeError(error: unknown): string {
  // With several addresses Node races them and reports an AggregateError whose own message is empty.
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeError))].join('; ')
  }
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name
  return String(error)
}

export async function deliverOnce(input: DeliverOnceInput): Promise<DeliveryResult> {
  const { url, body, timeoutMs, allowPrivate } = input
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('deliverOnce: timeoutMs must be positive')
  // A monotonic clock, not the injected Clock: this is a duration, and wall-clock jumps must not
  // turn into negative or huge latencies.
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const failure = (error: string): DeliveryResult => ({
    ok: false,
    statusCode: null,
    latencyMs: elapsed(),
    responseExcerpt: '',
    error,
  })
  const timedOut = `timed out after ${timeoutMs} ms`

  // Pinned addresses are re-checked too (without DNS): it is cheap, and it keeps a caller from
  // bypassing the guard by passing addresses it never checked.
  const given = input.addresses
  const lookup: HostLookup | undefined =
    given && (async () => given.map((address) => ({ address, family: isIP(address) })))
  // The deadline covers name resolution as well: getaddrinfo has no timeout of its own.
  let deadline: NodeJS.Timeout | undefined
  const check = await Promise.race([
    checkEndpointUrl(url, { allowPrivate, lookup }),
    new Promise<null>((resolve) => (deadline = setTimeout(() => resolve(null), timeoutMs))),
  ])
  clearTimeout(deadline)
  if (check === null) return failure(timedOut)
  if (!check.ok) return failure(check.reason)

  const target = new URL(url)
  const transport = target.protocol === 'https:' ? https : http
  return new Promise<DeliveryResult>((resolve) => {
    let settled = false
    let statusCode: number | null = null
    const chunks: Buffer[] = []
    let received = 0

    const finish = (error: string | null) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      // Once a status line has arrived the receiver has decided: a 2xx counts even if its body was
      // then cut short by the deadline or the size cap, so an accepted event is not delivered twice.
      // Redirects are not followed (3xx is a failure): following one would skip the address check.
      if (statusCode !== null) {
        const ok = statusCode >= 200 && statusCode < 300
        resolve({ ok, statusCode, latencyMs: elapsed(), responseExcerpt: excerpt(chunks), error: null })
      } else {
        resolve(failure(error ?? 'no response'))
      }
    }

    const request = transport.request({
      protocol: target.protocol,
      hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: target.port || undefined,
      path: `${target.pathname}${target.search}`,
      method: 'POST',
      headers: {
        ...input.headers,
        'content-type': 'application/json',
        'user-agent': WEBHOOK_USER_AGENT,
        'content-length': String(Buffer.byteLength(body)),
      },
      lookup: pinnedLookup(check.addresses),
      // No shared agent: a pooled keep-alive socket would skip our lookup, and deliveries to
      // thousands of partner hosts gain little from reuse.
      agent: false,
    })

    // `finish` uses this timer; it only ever runs from events, after this synchronous block is done.
    const timer = setTimeout(
      () => {
        finish(timedOut)
        request.destroy(new Error(timedOut))
      },
      Math.max(1, timeoutMs - elapsed()),
    )

    request.on('error', (error) => finish(describeError(error)))
    request.on('response', (response) => {
      statusCode = response.statusCode ?? null
      // Always listened to: destroying the request below makes the response emit 'error', and an
      // unhandled 'error' event would crash the process.
      response.on('error', () => finish(null))
      response.on('data', (chunk: Buffer) => {
        const room = MAX_RESPONSE_BYTES - received
        if (room > 0) {
          chunks.push(chunk.subarray(0, room))
          received += Math.min(room, chunk.length)
        }
        if (received >= MAX_RESPONSE_BYTES) {
          finish(null)
          request.destroy()
        }
      })
      response.on('end', () => finish(null))
      // 'close' without 'end' means the receiver hung up mid-body: keep what arrived.
      response.on('close', () => finish(null))
    })
    request.end(body)
  })
}
