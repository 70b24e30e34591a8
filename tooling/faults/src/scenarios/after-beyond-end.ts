// 4. afterSequence past the conversation's last sequence (a client holding state from a
// restored backup, or a bug) must be refused with BAD_USER_INPUT. Accepted silently, the
// stream drops every message up to that number as "already delivered".
import { delivered, scoped, send, type Result, type Scenario } from '../scenario.ts'
import type { Stack } from '../stack.ts'
import { waitUntil } from '../util.ts'

export const afterBeyondEnd: Scenario = {
  name: '4 afterSequence beyond end',
  run: (stack: Stack) =>
    scoped(async (scope): Promise<Result> => {
      const [a] = stack.gateways
      const { pairs, agents } = await stack.fixture(1)
      const pair = pairs[0]!
      const agent = scope.client(a.wsUrl, agents[0]!.token)
      const stream = scope.conversation(agent, pair.conversationId, 999)
      const start = Date.now()
      await waitUntil(() => stream.outcomes.length > 0, 10_000)
      const first = stream.outcomes[0]
      stream.stop()
      const failures: string[] = []
      const notes: string[] = []
      if (!first) failures.push('neither Subscribed nor an error within 10 s')
      else if (first.kind === 'Subscribed') {
        failures.push(
          'afterSequence 999 on a conversation at 0 was answered Subscribed; expected an error with code BAD_USER_INPUT',
        )
        // What that costs a client: a message sent now is dropped as "already delivered".
        const probe = scope.conversation(agent, pair.conversationId, 999)
        await waitUntil(() => probe.count('Subscribed') > 0, 10_000)
        const ack = await send(a.url, pair, 'beyond-end probe')
        if (!(await delivered(stack, pair, [ack], [probe], 5000)))
          notes.push('a stream opened with afterSequence 999 then never delivered message 1')
      } else if (!first.detail?.includes('BAD_USER_INPUT'))
        failures.push(`expected BAD_USER_INPUT, got ${first.kind}: ${first.detail ?? ''}`)
      return {
        counts: { messages: 0, lost: 0, duplicated: 0, stalled: 0 },
        recoveryMs: first ? first.at - start : null,
        failures,
        notes,
      }
    }),
}
