// 1. Redis drops every subscriber connection (CLIENT KILL TYPE pubsub) and a message is sent at
// once through the other gateway. The subscriber's gateway resubscribes within milliseconds,
// but a message published in that gap never reaches it over pub/sub: the gateway must re-read
// the database after reconnecting, and tell inbox listeners to resync.
import { agentFollowing, delivered, outcome, scoped, send, type Result, type Scenario } from '../scenario.ts'
import type { Stack } from '../stack.ts'
import { waitUntil } from '../util.ts'

export const pubsubBlip: Scenario = {
  name: '1 pub/sub blip',
  run: (stack: Stack) =>
    scoped(async (scope): Promise<Result> => {
      const { b, pair, agent, stream, inbox } = await agentFollowing(stack, scope, { inbox: true })
      const warm = await send(b.url, pair, 'blip warm-up')
      await delivered(stack, pair, [warm], [stream], 5000)

      const killedAt = Date.now()
      // At the same moment: the publish then lands while the gateways are still resubscribing.
      const [killed, ack] = await Promise.all([
        stack.redis.killPubSubClients(),
        send(b.url, pair, 'blip sent during the resubscribe'),
      ])
      const acks = [warm, ack]
      const failures: string[] = []
      const notes = [`CLIENT KILL TYPE pubsub dropped ${killed} connection(s)`]
      if (!(await delivered(stack, pair, [ack], [stream], 5000))) {
        // Another message shows whether the first was only late (a gap filled) or gone.
        acks.push(await send(b.url, pair, 'blip probe'))
        await delivered(stack, pair, acks, [stream], 5000)
        notes.push('the message sent during the resubscribe was not delivered within 5 s; a probe message followed')
      }
      if (!(await waitUntil(() => inbox!.kinds.some((k) => k.kind === 'RESYNC' && k.at >= killedAt), 1000)))
        failures.push('inboxEvents sent no RESYNC after the subscriber connection came back')
      return outcome(
        stack,
        { pair, acks, stream, clients: [agent] },
        { start: killedAt, end: killedAt },
        { failures, notes, errorsOf: [inbox!] },
      )
    }),
}
