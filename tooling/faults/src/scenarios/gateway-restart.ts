// 7. The recipe's stock client across a gateway restart: SIGTERM, a few seconds refused
// (ECONNREFUSED on every retry), then the gateway is back on the same port. Messages keep
// coming through the other gateway the whole time; the client must resume from its last
// sequence and end up with each exactly once.
import type { Ack } from '../http.ts'
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

export const gatewayRestart: Scenario = {
  name: '7 recipe client across restart',
  run: (stack: Stack) =>
    scoped(async (scope): Promise<Result> => {
      const [a, b] = stack.gateways
      const { pairs, agents } = await stack.fixture(1)
      const pair = pairs[0]!
      const agent = scope.client(a.wsUrl, agents[0]!.token)
      const stream = scope.conversation(agent, pair.conversationId, 0)
      if (!(await waitUntil(() => stream.count('Subscribed') > 0, 15_000)))
        throw new Error('subscriber never went live')

      // A steady sender through the other gateway, one a second (the send budget allows 10 in 10 s).
      const acks: Ack[] = []
      let sending = true
      const sender = (async () => {
        for (let i = 0; sending; i++) {
          acks.push(await send(b.url, pair, `restart ${i}`))
          await sleep(1000)
        }
      })()
      await sleep(2000)
      const start = Date.now()
      await a.stop('SIGTERM')
      await sleep(3000)
      await a.start()
      const end = Date.now()
      await sleep(4000)
      sending = false
      await sender
      await delivered(stack, pair, acks, [stream], 20_000)
      const { counts, recoveryMs } = await measure(stack, pair, acks, [stream], [{ start, end }], end)
      return {
        counts,
        recoveryMs,
        failures: streamFailures([stream]),
        notes: [...streamErrors([stream]), ...closeNotes([agent])],
      }
    }),
}
