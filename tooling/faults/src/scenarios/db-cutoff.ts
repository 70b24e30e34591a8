// 3. One gateway loses PostgreSQL (its connections reset, new ones hang) while a stream on it
// runs; messages keep coming through the other gateway, and the buyer comes online there (so
// the stream's presence lookup needs the database). After restore everything must arrive, and
// the stream must never have ended with a plain `complete` the client cannot tell from "done".
import { agentFollowing, delivered, outcome, scoped, send, type Result, type Scenario } from '../scenario.ts'
import type { Stack } from '../stack.ts'
import { sleep } from '../util.ts'

const OUTAGE_MS = 10_000

export const dbCutoff: Scenario = {
  name: '3 one gateway cut off from DB',
  run: (stack: Stack) =>
    scoped(async (scope): Promise<Result> => {
      const { b, pair, agent, stream } = await agentFollowing(stack, scope)
      const acks = [await send(b.url, pair, 'cutoff warm-up')]
      await delivered(stack, pair, acks, [stream], 5000)

      const start = Date.now()
      const proxy = stack.proxies[0]
      proxy.reset()
      proxy.blackhole()
      // The buyer's socket on the healthy gateway: "came online" reaches the stream on the cut-off one.
      const buyer = scope.client(b.wsUrl, pair.buyer.token)
      for (let i = 0; i < 5; i++) {
        acks.push(await send(b.url, pair, `cutoff during outage ${i}`))
        await sleep(1000)
      }
      await sleep(Math.max(0, start + OUTAGE_MS - Date.now()))
      proxy.restore()
      const end = Date.now()
      acks.push(await send(b.url, pair, 'cutoff after restore'))
      await delivered(stack, pair, acks, [stream], 20_000)
      return outcome(stack, { pair, acks, stream, clients: [agent, buyer] }, { start, end })
    }),
}
