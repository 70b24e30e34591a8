// 9. reviewEvents, the supplier team's feed of DomainEvent outbox rows, under the faults the
// conversation scenarios put messages through, on a short clock. The agent follows it on gateway
// A with the recipe client; a buyer asks product questions (each a QUESTION_ASKED event) through
// gateway B. Three faults in turn:
//  - pub/sub blip: every subscriber connection killed as a question is asked; it must arrive
//    without a later event (A re-reads from its last delivered id once resubscribed);
//  - the agent stops and subscribes again from its last cursor after two questions: exactly
//    those two, once each;
//  - gateway A refused by PostgreSQL for a few seconds while questions are asked: the feed must
//    end with a 1013 close (graphql-ws retries it), never a complete or 4500, and resume.
import type { ReviewEventStream } from '../client.ts'
import { post } from '../http.ts'
import { closeNotes, scoped, streamErrors, type Result, type Scenario } from '../scenario.ts'
import type { Stack } from '../stack.ts'
import { deadline, type Window } from '../tally.ts'
import { globalId, sleep, waitUntil } from '../util.ts'

const OUTAGE_MS = 3000
const ASK = `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { __typename } }`

type Asked = { body: string; at: number }

/** One question through the healthy gateway; acknowledged when it answers ProductQuestion. */
async function ask(url: string, token: string, productId: string, body: string): Promise<Asked> {
  const answer = await post(url, token, ASK, { input: { productId, body } })
  const result = answer.body?.data?.askQuestion as { __typename: string } | undefined
  if (result?.__typename !== 'ProductQuestion')
    throw new Error(`"${body}" was not asked: HTTP ${answer.status} ${answer.text.slice(0, 200)}`)
  return { body, at: Date.now() }
}

/** lost / duplicated / stalled for each acknowledged question, as tally() counts messages. */
function countEvents(asked: readonly Asked[], stream: ReviewEventStream, windows: readonly Window[]) {
  const counts = { messages: asked.length, lost: 0, duplicated: 0, stalled: 0 }
  for (const a of asked) {
    const got = stream.deliveries.get(a.body) ?? []
    if (!got.length) counts.lost++
    else if (got[0]!.at > deadline(a.at, windows)) counts.stalled++
    counts.duplicated += Math.max(0, got.length - 1)
  }
  return counts
}

export const reviewEventsFaults: Scenario = {
  name: '9 reviewEvents faults',
  run: (stack: Stack) =>
    scoped(async (scope): Promise<Result> => {
      const [a, b] = stack.gateways
      const { supplierId, agents, pairs } = await stack.fixture(1)
      const product = await stack.db.prisma.product.create({
        data: {
          supplierId,
          slug: `faults-jar-${supplierId.slice(0, 8)}`,
          name: 'Jar',
          description: '.',
          priceCents: 100,
        },
      })
      const productId = globalId('Product', product.id)
      const buyer = pairs[0]!.buyer.token
      const agent = scope.client(a.wsUrl, agents[0]!.token)
      const stream = scope.reviewEvents(agent, globalId('Supplier', supplierId), null)
      if (!(await waitUntil(() => stream.count('Subscribed') > 0, 15_000)))
        throw new Error('subscriber never went live')
      const failures: string[] = []
      const notes: string[] = []
      const windows: Window[] = []
      const asked = [await ask(b.url, buyer, productId, 'warm-up')]
      const arrived = (bodies: readonly Asked[], ms: number) =>
        waitUntil(() => bodies.every((q) => stream.has(q.body)), ms)
      await arrived(asked, 5000)

      // Pub/sub blip: the question's announcement lands while the gateways resubscribe.
      const killedAt = Date.now()
      const [killed, during] = await Promise.all([
        stack.redis.killPubSubClients(),
        ask(b.url, buyer, productId, 'during the blip'),
      ])
      asked.push(during)
      windows.push({ start: killedAt, end: killedAt })
      notes.push(`CLIENT KILL TYPE pubsub dropped ${killed} connection(s)`)
      if (!(await arrived([during], 5000)))
        failures.push('the question asked during the blip did not arrive within 5 s (no later event was sent)')

      // Away and back with the last cursor.
      const pausedAt = Date.now()
      stream.stop()
      for (const n of [1, 2]) asked.push(await ask(b.url, buyer, productId, `while away ${n}`))
      stream.restart()
      windows.push({ start: pausedAt, end: Date.now() })
      await arrived(asked, 5000)

      // Gateway A refused by PostgreSQL; questions keep coming through B.
      const start = Date.now()
      const closesBefore = agent.closeCodes.length
      stack.proxies[0].refuse()
      asked.push(await ask(b.url, buyer, productId, 'during the outage 1'))
      await sleep(OUTAGE_MS / 2)
      asked.push(await ask(b.url, buyer, productId, 'during the outage 2'))
      await sleep(Math.max(0, start + OUTAGE_MS - Date.now()))
      stack.proxies[0].restore()
      const end = Date.now()
      windows.push({ start, end })
      const after = await ask(b.url, buyer, productId, 'after the outage')
      asked.push(after)
      await arrived(asked, 20_000)

      const closes = agent.closeCodes.slice(closesBefore)
      if (!closes.includes(1013))
        failures.push(
          `no 1013 close during the outage (closes: ${closes.join(', ') || 'none'}); a stock graphql-ws client retries only a closed socket`,
        )
      if (closes.includes(4500))
        failures.push('a socket closed with 4500 during the outage (graphql-ws does not retry it)')
      const completes = stream.count('complete')
      if (completes) failures.push(`${completes} silent complete(s) on the reviewEvents stream`)
      const recovered = asked
        .filter((q) => q.at <= end)
        .concat(after)
        .map((q) => stream.deliveries.get(q.body)?.[0]?.at)
      return {
        counts: countEvents(asked, stream, windows),
        recoveryMs: recovered.every((t) => t !== undefined) ? Math.max(end, ...(recovered as number[])) - end : null,
        failures,
        notes: [...notes, ...streamErrors([stream]), ...closeNotes([agent])],
      }
    }),
}
