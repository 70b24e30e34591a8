// 5. A gateway is SIGKILLed: it cannot say goodbye for its sockets' users, so presence must
// expire on its own. The supplier's agent was connected only there; within 60 s the buyer
// (asking the other gateway) must see the supplier offline. Runs on a gateway of its own,
// alongside other scenarios, since it mostly waits.
import { scoped, type Result, type Scenario } from '../scenario.ts'
import { post } from '../http.ts'
import type { Pair, Stack } from '../stack.ts'
import { sleep, waitUntil } from '../util.ts'

const LIMIT_MS = 60_000
const QUERY = 'query($id: ID!) { conversation(id: $id) { counterpartPresence { online } } }'

async function online(url: string, pair: Pair): Promise<boolean | null> {
  try {
    const answer = await post(url, pair.buyer.token, QUERY, { id: pair.conversationId })
    const c = answer.body?.data?.conversation as { counterpartPresence: { online: boolean } } | null | undefined
    return c?.counterpartPresence.online ?? null
  } catch {
    return null
  }
}

export const presenceAfterKill: Scenario = {
  name: '5 presence after SIGKILL',
  background: { joinBefore: '6 outage errors' },
  run: (stack: Stack) =>
    scoped(async (scope): Promise<Result> => {
      const b = stack.gateways[1]
      const spare = await stack.spareGateway('gateway-c')
      try {
        const { pairs, agents } = await stack.fixture(1)
        const pair = pairs[0]!
        const agent = scope.client(spare.gateway.wsUrl, agents[0]!.token)
        const inbox = scope.inbox(agent)
        if (!(await waitUntil(() => inbox.count('Subscribed') > 0, 15_000))) throw new Error('agent never connected')
        const failures: string[] = []
        if (!(await waitUntil(async () => (await online(b.url, pair)) === true, 5000)))
          failures.push('the connected agent never showed online')
        await spare.gateway.stop('SIGKILL')
        const killedAt = Date.now()
        // The client would reconnect to a restarted gateway-c; it must stay gone for the test.
        inbox.stop()
        // Its pending connect to the dead gateway rejects dispose(); nothing to clean up then.
        await agent.dispose().catch(() => {})
        let offlineAt: number | null = null
        while (Date.now() - killedAt < LIMIT_MS + 5000) {
          if ((await online(b.url, pair)) === false) {
            offlineAt = Date.now()
            break
          }
          await sleep(2000)
        }
        if (offlineAt === null)
          failures.push(
            `the agent still showed online ${Math.round((Date.now() - killedAt) / 1000)} s after its gateway was SIGKILLed`,
          )
        else if (offlineAt - killedAt > LIMIT_MS)
          failures.push(`offline only after ${Math.round((offlineAt - killedAt) / 1000)} s`)
        const zero = { messages: 0, lost: 0, duplicated: 0, stalled: 0 }
        return { counts: zero, recoveryMs: offlineAt === null ? null : offlineAt - killedAt, failures, notes: [] }
      } finally {
        await spare.close()
      }
    }),
}
