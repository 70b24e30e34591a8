// 10. Two gateways and two web processes behind a real balancer (nginx on loopback), as a
// deployment runs them. The agent follows the conversation and the buyer sends, both only
// through the balancer; each gateway in turn is SIGKILLed mid-conversation and started again.
// Nothing acknowledged may be lost or duplicated (clients reconnect through the balancer), and
// the web pages keep answering through it, rendered from the gateways behind it.
import { startChild, waitForHttp, WEB_BODY_SIZE_LIMIT, webEntry, freePort, type Child } from '@rapport/scripts/processes'
import { existsSync } from 'node:fs'
import type { Ack } from '../http.ts'
import { delivered, outcome, scoped, send, type Result, type Scenario } from '../scenario.ts'
import { NginxBalancer } from '../servers/nginx.ts'
import type { Stack } from '../stack.ts'
import { sleep, Tail, waitUntil } from '../util.ts'

/** The two web processes, told to reach the gateways through the balancer. */
async function startWebs(balancerPort: number, ports: number[], output: Tail): Promise<Child[]> {
  const origin = `http://127.0.0.1:${balancerPort}`
  const webs: Child[] = []
  for (const [i, port] of ports.entries()) {
    const web = startChild(
      `web-${i}`,
      [webEntry],
      { PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, GATEWAY_URL: `${origin}/graphql`, NODE_ENV: 'production', BODY_SIZE_LIMIT: WEB_BODY_SIZE_LIMIT },
      (name, line) => output.push(`[${name}] ${line}`),
    )
    webs.push(web)
  }
  return webs
}

/** Pages through the balancer: every one must answer 200 with the supplier's name, rendered from a gateway. */
async function pagesAnswer(url: string, name: string, times: number): Promise<string[]> {
  const failures: string[] = []
  for (let i = 0; i < times; i++) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) })
      const html = await res.text()
      if (res.status !== 200 || !html.includes(name)) failures.push(`page ${url} answered ${res.status}${res.status === 200 ? ' without the supplier' : ''}`)
    } catch (e) {
      failures.push(`page ${url}: ${(e as Error).message}`)
    }
  }
  return failures
}

export const balancer: Scenario = {
  name: '10 through a balancer (nginx)',
  run: (stack: Stack) =>
    scoped(async (scope): Promise<Result> => {
      if (!NginxBalancer.available()) throw new Error('nginx is not installed (apt-get install -y nginx); .ci/run installs it')
      if (!existsSync(webEntry)) throw new Error(`${webEntry} is missing: run \`npm run build -w @rapport/web\` first`)
      const [a, b] = stack.gateways
      const webPorts = [await freePort(), await freePort()]
      // The balancer first (its readiness touches no upstream): the web pages render through it.
      const lb = await NginxBalancer.start({ gateways: [a.port, b.port], webs: webPorts })
      const output = new Tail(40)
      const webs = await startWebs(lb.port, webPorts, output)
      try {
        for (const [i, web] of webs.entries()) await waitForHttp(`http://127.0.0.1:${webPorts[i]}/`, web)
        const { pairs, agents, supplierId } = await stack.fixture(1)
        const pair = pairs[0]!
        const supplier = await stack.db.prisma.supplier.findUniqueOrThrow({ where: { id: supplierId } })
        const page = `${lb.url}/suppliers/${supplier.slug}`
        const failures = await pagesAnswer(page, supplier.name, 4)

        const agent = scope.client(`ws://127.0.0.1:${lb.port}/graphql`, agents[0]!.token)
        const stream = scope.conversation(agent, pair.conversationId, 0)
        if (!(await waitUntil(() => stream.count('Subscribed') > 0, 15_000))) throw new Error('the agent never went live through the balancer')

        // The buyer sends one a second (the send budget allows 10 in 10 s), through the balancer.
        const acks: Ack[] = []
        let sending = true
        const sender = (async () => {
          for (let i = 0; sending; i++) {
            acks.push(await send(`${lb.url}/graphql`, pair, `balanced ${i}`))
            await sleep(1000)
          }
        })()
        await sleep(2000)
        const start = Date.now()
        // Each gateway in turn: whichever held the agent's socket, one of the kills drops it.
        for (const g of [a, b]) {
          await g.stop('SIGKILL')
          await sleep(2500)
          await g.start()
          await sleep(1500)
        }
        const end = Date.now()
        await sleep(2000)
        sending = false
        await sender
        await delivered(stack, pair, acks, [stream], 20_000)
        failures.push(...(await pagesAnswer(page, supplier.name, 4)))
        const resubscribed = stream.count('Subscribed')
        if (failures.length) failures.push(`nginx: ${lb.errors()}`, `web: ${output.text().slice(-1500)}`)
        return outcome(stack, { pair, acks, stream, clients: [agent] }, { start, end }, {
          failures: [...failures, ...(resubscribed < 2 ? ['the agent’s socket never moved: no kill reached it'] : [])],
          notes: [`${acks.length} sends through the balancer; the agent subscribed ${resubscribed} times`],
        })
      } catch (e) {
        throw new Error(`${(e as Error).message}\n--- nginx ---\n${lb.errors()}\n--- web ---\n${output.text()}`)
      } finally {
        await Promise.all(webs.map((w) => w.stop()))
        await lb.stop()
      }
    }),
}
