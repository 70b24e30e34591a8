// 7. The recipe's stock client across a gateway restart: SIGTERM, a few seconds refused
// (ECONNREFUSED on every retry), then the gateway is back on the same port. Messages keep
// coming through the other gateway the whole time; the client must resume from its last
// sequence and end up with each exactly once.
import type { Ack } from '../http.ts'
import { agentFollowing, delivered, outcome, scoped, send, type Result, type Scenario } from '../scenario.ts'
import type { Stack } from '../stack.ts'
import { sleep } from '../util.ts'

export const gatewayRestart: Scenario = {
  name: '7 recipe client across restart',
  run: (stack: Stack) =>
    scoped(async (scope): Promise<Result> => {
      const { a, b, pair, agent, stream } = await agentFollowing(stack, scope)

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
      return outcome(stack, { pair, acks, stream, clients: [agent] }, { start, end })
    }),
}
