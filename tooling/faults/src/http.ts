// GraphQL over HTTP POST with a bearer token, and the sender's retry-until-acknowledged loop.
import { backoffMs, sleep } from './util.ts'

export type HttpAnswer = {
  status: number
  body: {
    data?: Record<string, unknown> | null
    errors?: { message: string; extensions?: Record<string, unknown> }[]
  } | null
  text: string
}

export async function post(
  url: string,
  token: string | null,
  query: string,
  variables?: Record<string, unknown>,
  timeoutMs = 15_000,
): Promise<HttpAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await res.text()
  let body: HttpAnswer['body'] = null
  try {
    body = JSON.parse(text) as HttpAnswer['body']
  } catch {
    // not JSON: kept as text for the report
  }
  return { status: res.status, body, text }
}

const SEND = `mutation($input: SendMessageInput!) {
  sendMessage(input: $input) { __typename ... on RateLimitedError { retryAfterSeconds } }
}`

export type Ack = { body: string; at: number; attempts: number; rateLimited: number }

/**
 * Sends one message until the gateway acknowledges it, with the same clientMessageId every
 * time (the gateway makes that idempotent). `pick` chooses the gateway per attempt, so a
 * sender can move to the other one while its gateway is down, as a load balancer would.
 */
export async function sendUntilAcked(
  pick: (attempt: number) => string,
  token: string,
  conversationId: string,
  clientMessageId: string,
  body: string,
  giveUpAt = Infinity,
): Promise<Ack | { failed: string }> {
  let rateLimited = 0
  let last = 'no attempt'
  for (let attempt = 0; Date.now() < giveUpAt; attempt++) {
    try {
      const answer = await post(pick(attempt), token, SEND, { input: { conversationId, clientMessageId, body } })
      const result = answer.body?.data?.sendMessage as { __typename: string; retryAfterSeconds?: number } | undefined
      if (result?.__typename === 'SendMessagePayload')
        return { body, at: Date.now(), attempts: attempt + 1, rateLimited }
      if (result?.__typename === 'RateLimitedError') {
        rateLimited++
        await sleep((result.retryAfterSeconds ?? 1) * 1000)
        continue
      }
      last = `HTTP ${answer.status}: ${answer.text.slice(0, 200)}`
    } catch (e) {
      // refused, reset or timed out: the gateway or its database is down; try again
      last = (e as Error).message
    }
    await sleep(backoffMs(Math.min(attempt, 4)))
  }
  return { failed: last }
}
