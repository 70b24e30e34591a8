// The suite's own redis-server: no persistence, on a free port it keeps across restarts, so
// gateways reconnect to the same address after a scenario kills it.
import { spawn, type ChildProcess } from 'node:child_process'
import { Redis } from 'ioredis'
import { freePort } from '@rapport/scripts/processes'
import { sleep, Tail } from '../util.ts'

export class RedisServer {
  private child: ChildProcess | null = null
  private readonly output = new Tail()

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort())
    await server.start()
    return server
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child.stdout!.on('data', (d: Buffer) => this.output.push(d.toString()))
    child.stderr!.on('data', (d: Buffer) => this.output.push(d.toString()))
    this.child = child
    // Ready when it answers PING; a port still held by the previous process fails here, loudly.
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited: ${this.output.text()}`)
      if (await this.ping()) return
      await sleep(50)
    }
    throw new Error(`redis-server not ready on ${this.port}: ${this.output.text()}`)
  }

  /** SIGKILL: the abrupt end a crash or an OOM kill would be. Data goes (nothing is saved). */
  async kill(): Promise<void> {
    const child = this.child
    this.child = null
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }

  async restart(): Promise<void> {
    await this.kill()
    await this.start()
  }

  /** Runs one command on a short-lived connection of its own (not one the gateways hold). */
  async command(...args: string[]): Promise<unknown> {
    const redis = new Redis(this.port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    redis.on('error', () => {})
    try {
      await redis.connect()
      return await redis.call(args[0]!, ...args.slice(1))
    } finally {
      redis.disconnect()
    }
  }

  /** Drops every subscriber connection (each gateway's pub/sub listener), as a failover or a proxy would. */
  async killPubSubClients(): Promise<number> {
    return Number(await this.command('CLIENT', 'KILL', 'TYPE', 'pubsub'))
  }

  private async ping(): Promise<boolean> {
    try {
      return (await this.command('PING')) === 'PONG'
    } catch {
      return false
    }
  }
}
