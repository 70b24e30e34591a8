// 2. A client's socket drops while its gateway cannot reach PostgreSQL, so it reconnects into
// the outage (connection init and the subscription's first reads fail). Messages are sent
// through the other, healthy gateway meanwhile. After the database is back the client must be
// live again with everything sent meanwhile; the closes it saw must be retryable (1013), never
// 4500, which graphql-ws gives up on.
import {
  closeNotes,
  delivered,
  measure,
  scoped,
  send,
  streamErrors,
  streamFailures,
  type Result,
  type Scenario,
} from '../scenario.ts'
import type { Stack } from '../stack.ts'
import { sleep, waitUntil } from '../util.ts'

/** Longer than the gateway's 5 s session cache, so the second reconnect's init needs the database. */
const OUTAGE_MS = 12_000

export const dbReconnect: Scenario = {
  name: '2 reconnect during DB outage',
  run: (stack: Stack) =>
    scoped(async (scope): Promise<Result> => {
      const [a, b] = stack.gateways
      const { pairs, agents } = await stack.fixture(1)
      const pair = pairs[0]!
      const agent = scope.client(a.wsUrl, agents[0]!.token)
      const stream = scope.conversation(agent, pair.conversationId, 0)
      if (!(await waitUntil(() => stream.count('Subscribed') > 0, 15_000)))
        throw new Error('subscriber never went live')
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

      const failures = streamFailures([stream])
      if (agent.closeCodes.includes(4500))
        failures.push('a socket closed with 4500 during the outage (graphql-ws does not retry it); expected 1013')
      const { counts, recoveryMs } = await measure(stack, pair, acks, [stream], [{ start, end }], end)
      return { counts, recoveryMs, failures, notes: [...streamErrors([stream]), ...closeNotes([agent])] }
    }),
}
