import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { type AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { deliverOnce, MAX_RESPONSE_BYTES, RESPONSE_EXCERPT_CHARS, WEBHOOK_USER_AGENT } from './deliver.ts'
import { signPayload, SIGNATURE_HEADER, verifySignature } from './signature.ts'

type Received = { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function receiver(handle: (req: IncomingMessage, res: ServerResponse, received: Received) => void) {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const r = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      received.push(r)
      handle(req, res, r)
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { port, received, url: `http://127.0.0.1:${port}/hooks/rapport?x=1` }
}

const body = '{"id":"dlv_1","type":"message.created","created_at":"2026-12-06T12:00:00.000Z","data":{}}'
const base = { body, timeoutMs: 5_000, allowPrivate: true }

describe('deliverOnce', () => {
  it('POSTs the signed JSON body and reports a 2xx as ok with an excerpt', async () => {
    const { url, received } = await receiver((_req, res) => res.writeHead(200).end('thanks ✓'))
    const now = new Date()
    const signature = signPayload('whsec_test', body, now)
    const result = await deliverOnce({ ...base, url, headers: { [SIGNATURE_HEADER]: signature } })

    expect(result).toMatchObject({ ok: true, statusCode: 200, responseExcerpt: 'thanks ✓', error: null })
    expect(result.latencyMs).toBeGreaterThanOrEqual(0)
    const [request] = received
    expect(request).toMatchObject({ method: 'POST', url: '/hooks/rapport?x=1', body })
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.headers['user-agent']).toBe(WEBHOOK_USER_AGENT)
    const header = request?.headers[SIGNATURE_HEADER.toLowerCase()]
    expect(
      verifySignature({ header: String(header), body: request?.body ?? '', secrets: ['whsec_test'], now }),
    ).toEqual({
      ok: true,
    })
  })

  it('reports a 500 as not ok, with its status and body', async () => {
    const { url } = await receiver((_req, res) => res.writeHead(500).end('boom'))
    expect(await deliverOnce({ ...base, url, headers: {} })).toMatchObject({
      ok: false,
      statusCode: 500,
      responseExcerpt: 'boom',
      error: null,
    })
  })

  it('does not follow redirects', async () => {
    const { url } = await receiver((_req, res) => res.writeHead(307, { location: 'http://169.254.169.254/' }).end())
    expect(await deliverOnce({ ...base, url, headers: {} })).toMatchObject({ ok: false, statusCode: 307 })
  })

  it('gives up on a receiver that never answers', async () => {
    const { url } = await receiver(() => {})
    const result = await deliverOnce({ ...base, url, headers: {}, timeoutMs: 300 })
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'timed out after 300 ms' })
    expect(result.latencyMs).toBeGreaterThanOrEqual(290)
    expect(result.latencyMs).toBeLessThan(2_000)
  })

  it('reports a refused connection as an error', async () => {
    const { port } = await receiver(() => {})
    const closed = servers.pop()
    await new Promise((resolve) => closed?.close(resolve))
    const result = await deliverOnce({ ...base, url: `http://127.0.0.1:${port}/`, headers: {} })
    expect(result).toMatchObject({ ok: false, statusCode: null })
    expect(result.error).toMatch(/ECONNREFUSED/)
  })

  it('reads at most 64 KB of a huge response and keeps a 1,000-character excerpt', async () => {
    let sent = 0
    let hungUp!: () => void
    const receiverDone = new Promise<void>((resolve) => (hungUp = resolve))
    const { url } = await receiver((_req, res) => {
      res.writeHead(200)
      const chunk = Buffer.from('é'.repeat(8 * 1024)) // 16 KB
      // 16 MB in all, far more than the cap: the loop stops when the sender hangs up.
      const write = (left: number) => {
        if (left === 0 || res.destroyed) return res.end()
        sent += chunk.length
        res.write(chunk, (error) => (error ? undefined : write(left - 1)))
      }
      res.on('close', hungUp)
      write(1024)
    })
    const result = await deliverOnce({ ...base, url, headers: {} })
    expect(result).toMatchObject({ ok: true, statusCode: 200, error: null })
    expect(result.responseExcerpt).toBe('é'.repeat(RESPONSE_EXCERPT_CHARS))
    expect(MAX_RESPONSE_BYTES).toBe(65_536)
    await receiverDone
    // Socket buffers let the receiver get somewhat ahead of what was read, but nowhere near 16 MB.
    expect(sent).toBeLessThan(4 * 1024 * 1024)
  })

  it('connects to the pinned address, not to what the host name resolves to now', async () => {
    const { port, received } = await receiver((_req, res) => res.writeHead(204).end())
    const result = await deliverOnce({
      ...base,
      url: `http://rebinding.invalid:${port}/`,
      headers: {},
      addresses: ['127.0.0.1'],
    })
    expect(result).toMatchObject({ ok: true, statusCode: 204 })
    expect(received[0]?.headers.host).toBe(`rebinding.invalid:${port}`)
  })

  it('refuses private targets unless allowed, before sending anything', async () => {
    const { url, port, received } = await receiver((_req, res) => res.writeHead(200).end())
    expect(await deliverOnce({ ...base, url, headers: {}, allowPrivate: false })).toMatchObject({
      ok: false,
      statusCode: null,
      error: 'Webhook endpoints must use https.',
    })
    const pinned = await deliverOnce({
      ...base,
      url: `https://hooks.example:${port}/`,
      headers: {},
      addresses: ['127.0.0.1'],
      allowPrivate: false,
    })
    expect(pinned).toMatchObject({
      ok: false,
      error: 'Webhook endpoints must not point at private, loopback or link-local addresses (127.0.0.1).',
    })
    expect(received).toHaveLength(0)
  })

  it('resolves localhost itself when no addresses are given', async () => {
    const { port } = await receiver((_req, res) => res.writeHead(200).end('ok'))
    const result = await deliverOnce({ ...base, url: `http://localhost:${port}/`, headers: {} })
    expect(result).toMatchObject({ ok: true, statusCode: 200, responseExcerpt: 'ok' })
  })
})
