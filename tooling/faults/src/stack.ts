// Everything a run owns: a fresh database (dropped at the end), its own redis-server, one
// PostgreSQL proxy per gateway (so one gateway can be cut off alone) and two gateways. The
// suite's own bookkeeping (fixtures, the final comparison) talks to the database directly.
import { randomBytes } from 'node:crypto'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import { GatewayProcess } from './servers/gateway.ts'
import { TcpProxy } from './servers/proxy.ts'
import { RedisServer } from './servers/redis.ts'
import { globalId } from './util.ts'

export type Party = { userId: string; token: string }
export type Pair = { buyer: Party; conversationId: string; rawId: string }
export type Fixture = { supplierId: string; agents: Party[]; pairs: Pair[] }

export class Stack {
  readonly gateways: [GatewayProcess, GatewayProcess]
  readonly proxies: [TcpProxy, TcpProxy]
  private fixtures = 0

  private constructor(
    readonly db: TestDb,
    readonly redis: RedisServer,
    proxies: [TcpProxy, TcpProxy],
    gateways: [GatewayProcess, GatewayProcess],
    private readonly prefix: string,
  ) {
    this.proxies = proxies
    this.gateways = gateways
  }

  /** Starts the pieces in order; whatever started is stopped again if a later piece fails. */
  static async start(): Promise<Stack> {
    const started: (() => Promise<void>)[] = []
    try {
      const db = await createTestDb('postgres')
      started.push(() => db.drop())
      const redis = await RedisServer.start()
      started.push(() => redis.kill())
      const target = new URL(db.url!)
      const proxies = await Promise.all(
        [0, 1].map(() => TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) })),
      )
      started.push(async () => void (await Promise.all(proxies.map((p) => p.close()))))
      const prefix = `rapport-faults-${randomBytes(4).toString('hex')}:`
      const env = (i: number) => ({
        DATABASE_URL: proxies[i]!.rewrite(db.url!),
        REDIS_URL: redis.url,
        REDIS_PREFIX: prefix,
      })
      // One after the other: two cold tsx starts at once on two cores take longer than in turn.
      const a = await GatewayProcess.start('gateway-a', env(0))
      started.push(() => a.stop('SIGKILL'))
      const b = await GatewayProcess.start('gateway-b', env(1))
      return new Stack(db, redis, proxies as [TcpProxy, TcpProxy], [a, b], prefix)
    } catch (e) {
      for (const stop of started.reverse()) await stop().catch(() => {})
      throw e
    }
  }

  /** A third gateway with a proxy of its own, for a scenario that kills it; close() removes both. */
  async spareGateway(name: string): Promise<{ gateway: GatewayProcess; close(): Promise<void> }> {
    const target = new URL(this.db.url!)
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) })
    try {
      const gateway = await GatewayProcess.start(name, {
        DATABASE_URL: proxy.rewrite(this.db.url!),
        REDIS_URL: this.redis.url,
        REDIS_PREFIX: this.prefix,
      })
      return { gateway, close: async () => void (await gateway.stop('SIGKILL'), await proxy.close()) }
    } catch (e) {
      await proxy.close()
      throw e
    }
  }

  /** Heals whatever a scenario left broken, so the next one starts from a working stack. */
  async heal(): Promise<void> {
    for (const p of this.proxies) p.restore()
    if (!(await this.redisUp())) await this.redis.start()
    for (const g of this.gateways) if (!g.running) await g.start()
  }

  async close(): Promise<void> {
    await Promise.all(this.gateways.map((g) => g.stop('SIGTERM').catch(() => {})))
    await Promise.all(this.proxies.map((p) => p.close().catch(() => {})))
    await this.redis.kill().catch(() => {})
    await this.db.drop()
  }

  /** A supplier with `agents` team members and `buyers` buyers, each in one conversation with it. */
  async fixture(buyers: number, agents = 1): Promise<Fixture> {
    const prisma = this.db.prisma
    const n = ++this.fixtures
    const supplier = await prisma.supplier.create({
      data: { slug: `faults-${n}`, name: `Supplier ${n}`, timeZone: 'UTC' },
    })
    const party = async (email: string): Promise<Party> => {
      const user = await prisma.user.create({ data: { email, displayName: email.split('@')[0]!, passwordHash: 'x' } })
      return { userId: user.id, token: (await createSession({ db: prisma, clock: systemClock }, user.id)).token }
    }
    const team: Party[] = []
    for (let i = 0; i < agents; i++) {
      const agent = await party(`agent${i}@s${n}.example`)
      await prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: agent.userId, role: 'AGENT' } })
      team.push(agent)
    }
    const pairs: Pair[] = []
    for (let i = 0; i < buyers; i++) {
      const buyer = await party(`buyer${i}@s${n}.example`)
      const row = await prisma.buyer.create({ data: { userId: buyer.userId, displayName: `Buyer ${i}` } })
      const conversation = await prisma.conversation.create({ data: { buyerId: row.id, supplierId: supplier.id } })
      pairs.push({ buyer, rawId: conversation.id, conversationId: globalId('Conversation', conversation.id) })
    }
    return { supplierId: supplier.id, agents: team, pairs }
  }

  /** Every message of a conversation as the database has it: the ground truth for the counts. */
  async messages(rawConversationId: string): Promise<{ sequence: number; body: string }[]> {
    return this.db.prisma.message.findMany({
      where: { conversationId: rawConversationId },
      select: { sequence: true, body: true },
      orderBy: { sequence: 'asc' },
    })
  }

  async session(userId: string): Promise<string> {
    return (await createSession({ db: this.db.prisma, clock: systemClock }, userId)).token
  }

  private async redisUp(): Promise<boolean> {
    try {
      return (await this.redis.command('PING')) === 'PONG'
    } catch {
      return false
    }
  }
}
