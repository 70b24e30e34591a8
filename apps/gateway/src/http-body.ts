// Small pieces of plain node:http the gateway's endpoints share: bounded body reads, JSON
// answers, and the client's address.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

export function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return readBytes(req, limit).then((bytes) => (bytes === null ? null : bytes.toString('utf8')))
}

/** The body, or null (and the rest drained) when it is larger than `limit` bytes. */
export function readBytes(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume()
      return resolve(null)
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.end(JSON.stringify(value))
}

export function sendGraphQLError(res: ServerResponse, status: number, message: string, code: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] })
}

export function headerValue(req: IncomingMessage, name: string, pattern = /^[\w.:-]{1,128}$/): string | undefined {
  const v = req.headers[name]
  const s = Array.isArray(v) ? v[0] : v
  return s && pattern.test(s) ? s : undefined
}

export type ClientIpOptions = {
  /** Trust X-Forwarded-For (behind a load balancer) for the client address. */
  trustProxy?: boolean
  /** The web app's proxy secret (WEB_PROXY_SECRET): requests carrying it name the visitor's address. */
  webProxySecret?: string
}

/** Whether the request comes from the web app's server: it carries the shared WEB_PROXY_SECRET. */
export function fromWebApp(req: IncomingMessage, opts: ClientIpOptions): boolean {
  const secret = headerValue(req, 'x-rapport-proxy-secret', /^[\x21-\x7e]{16,256}$/)
  return !!(opts.webProxySecret && secret && sameSecret(secret, opts.webProxySecret))
}

export function clientIp(req: IncomingMessage, opts: ClientIpOptions): string {
  // The web app's server speaks for its visitors; only a request with the shared secret may.
  if (fromWebApp(req, opts)) {
    const visitor = headerValue(req, 'x-rapport-client-ip', /^[\w.:-]{1,64}$/)
    if (visitor) return visitor
  }
  if (opts.trustProxy) {
    const forwarded = headerValue(req, 'x-forwarded-for', /^[\w.:, -]{1,512}$/)
    const first = forwarded?.split(',')[0]?.trim()
    if (first) return first
  }
  return req.socket.remoteAddress ?? 'unknown'
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
