// 6. HTTP while the database (refused, then unreachable) or Redis is down: every error must say
// SERVICE_UNAVAILABLE with retryAfterSeconds, over HTTP 503, so clients back off and retry;
// and no error may leak internals (ORM names, file paths, stack lines).
import { post, type HttpAnswer } from '../http.ts'
import type { Result, Scenario } from '../scenario.ts'
import type { Pair, Stack } from '../stack.ts'

// Also the server's own phrases (Apollo's context phase, node-postgres' connection errors).
const INTERNALS =
  /prisma|invocation|Context creation failed|Connection terminated|ECONN[A-Z]+|node_modules|\/(?:src|work|home|usr|app)\/|\.[cm]?[jt]s:\d+|^\s*at \S+ \(|\n\s+at /i

/** What a client does most: who am I (a session lookup), and send. */
function requests(pair: Pair) {
  return [
    { label: 'viewer', query: '{ viewer { user { displayName } } }', variables: {} },
    {
      label: 'sendMessage',
      query: 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }',
      variables: {
        input: {
          conversationId: pair.conversationId,
          clientMessageId: `outage-${Date.now()}`,
          body: 'during an outage',
        },
      },
    },
  ]
}

/** Everything wrong with one answer, against the expectation. */
export function judge(what: string, answer: HttpAnswer): string[] {
  const problems: string[] = []
  const errors = answer.body?.errors ?? []
  // An answer that did not need the broken service is right to succeed.
  if (answer.status === 200 && !errors.length && answer.body?.data) return []
  if (answer.status !== 503) problems.push(`${what}: HTTP ${answer.status}, expected 503`)
  if (!errors.length) problems.push(`${what}: no errors in the answer (${answer.text.slice(0, 120)})`)
  for (const e of errors) {
    if (e.extensions?.code !== 'SERVICE_UNAVAILABLE')
      problems.push(`${what}: code ${String(e.extensions?.code)}, expected SERVICE_UNAVAILABLE`)
    if (typeof e.extensions?.retryAfterSeconds !== 'number') problems.push(`${what}: no extensions.retryAfterSeconds`)
  }
  if (INTERNALS.test(answer.text))
    problems.push(`${what}: internals in the answer: ${answer.text.match(INTERNALS)![0]}…`)
  return problems
}

/** Asks gateway A, with a session it never saw (so no cache answers for the database). */
async function probe(stack: Stack, pair: Pair, outage: string): Promise<{ problems: string[]; notes: string[] }> {
  const token = await stack.session(pair.buyer.userId)
  const problems: string[] = []
  const notes: string[] = []
  for (const r of requests(pair)) {
    const started = Date.now()
    try {
      const answer = await post(stack.gateways[0].url, token, r.query, r.variables, 20_000)
      problems.push(...judge(`${outage}, ${r.label}`, answer))
      notes.push(
        `${outage}, ${r.label}: HTTP ${answer.status} in ${Date.now() - started} ms: ${answer.text.slice(0, 140)}`,
      )
    } catch (e) {
      problems.push(`${outage}, ${r.label}: no answer (${(e as Error).message})`)
    }
  }
  return { problems, notes }
}

export const outageErrors: Scenario = {
  name: '6 outage errors',
  async run(stack: Stack): Promise<Result> {
    const { pairs } = await stack.fixture(1)
    const pair = pairs[0]!
    const proxy = stack.proxies[0]
    const failures: string[] = []
    const notes: string[] = []
    const outages: [string, () => void | Promise<void>, () => void | Promise<void>][] = [
      ['DB refused', () => proxy.refuse(), () => proxy.restore()],
      [
        'DB unreachable',
        () => {
          proxy.reset()
          proxy.blackhole()
        },
        () => proxy.restore(),
      ],
      ['Redis down', () => stack.redis.kill(), () => stack.redis.start()],
    ]
    for (const [name, breakIt, heal] of outages) {
      await breakIt()
      try {
        const r = await probe(stack, pair, name)
        failures.push(...r.problems)
        notes.push(...r.notes)
      } finally {
        await heal()
      }
    }
    return { counts: { messages: 0, lost: 0, duplicated: 0, stalled: 0 }, recoveryMs: null, failures, notes }
  },
}
