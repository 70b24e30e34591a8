// A stand-in gateway for the state tests (tests/*.states.test.ts): the states the seeded stack
// can't produce on demand (empty lists, failures, odd cursors), answered by the test's own
// function, with every request it was asked kept for the test to read.
import { createServer } from 'node:http'
import { freePort } from './built-web'

export type GatewayBody = { query: string; variables: Record<string, unknown> }
export type GatewayRequest = GatewayBody & { contentType: string | undefined }

export type FakeGateway = {
  /** The GraphQL endpoint, for the web app's GATEWAY_URL. */
  url: string
  /** What the web app asked, oldest first (clear it between tests). */
  requests: GatewayRequest[]
  close(): Promise<void>
}

/** `keep` says which requests are recorded (e.g. not the limits the app asks for once). */
export async function startFakeGateway(respond: (body: GatewayBody) => unknown, keep: (body: GatewayBody) => boolean = () => true): Promise<FakeGateway> {
  const requests: GatewayRequest[] = []
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString()))
    req.on('end', () => {
      const body = JSON.parse(raw) as GatewayBody
      if (keep(body)) requests.push({ ...body, contentType: req.headers['content-type'] })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(respond(body)))
    })
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A page of the web app, its status and HTML. */
export async function getPage(base: string, path: string): Promise<{ status: number; html: string }> {
  const response = await fetch(new URL(path, base))
  return { status: response.status, html: await response.text() }
}
