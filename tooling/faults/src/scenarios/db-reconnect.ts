// 2. A client's socket drops while its gateway cannot reach PostgreSQL, so it reconnects into
// the outage (connection init and the subscription's first reads fail). Messages are sent
// through the other, healthy gateway meanwhile. After the database is back the client must be
// live again with everything sent meanwhile; the closes it saw must be retryable (1013), never
// 4500, which graphql-ws gives up on.
import { agentFollowing, delivered, outcome, scoped, send, type Result, type Scenario } from '../scenario.ts'
import type { Stack } from '../stack.ts'
import { sleep } from '../util.ts'

/** Longer than the gateway's 5 s session cache, so the second reconnect's init needs the database. */
const OUTAGE_MS = 12_000

export const dbReconnect: Scenario = {
  name: '2 reconnect during DB outage',
  run: (stack: Stack) =>
    scoped(async (scope): Promise<Result> => {
      const { b, pair, agent, stream } = await agentFollowing(stack, scope)
      const acks = [await send(b.url, pair, 'db-reconnect warm-up')]
      await delivered(stack, pair, acks, [stream], 5000)

      const start = Date.now()
      const proxy = stack.proxies[0]
      proxy.blackhole()
      proxy.reset()
      agent.dropSocket()
      for (let i = 0; i < 6; i++) {
        acks.push(await send(b.url, pair, `db-reconnect during outage ${i}`))
        await sleep(1000)
      }
      agent.dropSocket()
      await sleep(Math.max(0, start + OUTAGE_MS - Date.now()))
      proxy.restore()
      const end = Date.now()
      acks.push(await send(b.url, pair, 'db-reconnect after restore'))
      await delivered(stack, pair, acks, [stream], 20_000)

      const failures = agent.closeCodes.includes(4500)
        ? ['a socket closed with 4500 during the outage (graphql-ws does not retry it); expected 1013']
        : []
      return outcome(stack, { pair, acks, stream, clients: [agent] }, { start, end }, { failures })
    }),
}
