// A TCP proxy in front of PostgreSQL, so a scenario can cut one gateway off from the database
// without touching the shared server: reset() drops every connection (a restart or a failover),
// blackhole() stops forwarding while keeping connections open (a partition: queries hang),
// refuse() drops everything and closes new connections at once (the server is down), and
// restore() heals. Bytes held during a blackhole are delivered on restore, as TCP would.
import { connect, createServer, type Server, type Socket } from 'node:net'
import { freePort } from '@rapport/scripts/processes'

type Mode = 'open' | 'blackhole' | 'refuse'
type Pair = { client: Socket; upstream: Socket | null }

export class TcpProxy {
  private mode: Mode = 'open'
  private readonly pairs = new Set<Pair>()
  private server: Server | null = null

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(await freePort(), target)
    const server = createServer((socket) => proxy.accept(socket))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(proxy.port, '127.0.0.1', resolve)
    })
    proxy.server = server
    return proxy
  }

  /** The same URL with this proxy's address in place of the server's. */
  rewrite(url: string): string {
    const u = new URL(url)
    u.hostname = '127.0.0.1'
    u.port = String(this.port)
    return u.toString()
  }

  get connections() {
    return this.pairs.size
  }

  reset() {
    for (const pair of [...this.pairs]) this.drop(pair)
  }

  blackhole() {
    this.mode = 'blackhole'
    for (const { client, upstream } of this.pairs) {
      client.pause()
      upstream?.pause()
    }
  }

  refuse() {
    this.mode = 'refuse'
    this.reset()
  }

  restore() {
    this.mode = 'open'
    for (const pair of this.pairs) {
      if (!pair.upstream) this.open(pair)
      pair.client.resume()
      pair.upstream?.resume()
    }
  }

  async close() {
    this.reset()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private accept(client: Socket) {
    if (this.mode === 'refuse') return void client.destroy()
    const pair: Pair = { client, upstream: null }
    this.pairs.add(pair)
    client.on('error', () => this.drop(pair))
    client.on('close', () => this.drop(pair))
    // Held, not refused: the gateway's connect waits as it would on a dead route.
    if (this.mode === 'blackhole') client.pause()
    else this.open(pair)
  }

  private open(pair: Pair) {
    const upstream = connect(this.target.port, this.target.host)
    pair.upstream = upstream
    upstream.on('error', () => this.drop(pair))
    upstream.on('close', () => this.drop(pair))
    this.forward(pair.client, upstream)
    this.forward(upstream, pair.client)
  }

  /** By hand rather than pipe(): pipe resumes a source on drain, which would leak through a blackhole. */
  private forward(from: Socket, to: Socket) {
    from.on('data', (chunk: Buffer) => {
      if (!to.write(chunk)) from.pause()
    })
    to.on('drain', () => {
      if (this.mode === 'open') from.resume()
    })
  }

  private drop(pair: Pair) {
    if (!this.pairs.delete(pair)) return
    pair.client.destroy()
    pair.upstream?.destroy()
  }
}
