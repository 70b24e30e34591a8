// The graphql-ws side of the subscription benchmarks: clients that follow one conversation
// (conversationEvents) the way the web app does, live once Subscribed arrives.
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'

export type BenchEvent = { __typename: string; lastSequence?: number; message?: { sequence: number } }

/** A graphql-ws client signed in with `token`, connected at once, never retrying (a failure is a result). */
export function benchClient(wsUrl: string, token: string): Client {
  return createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authToken: token }, lazy: false, retryAttempts: 0 })
}

/**
 * Subscribes `client` to `query` (conversationEvents over `$id`, a Conversation's global id)
 * and resolves once the stream is live (`Subscribed`); every event goes to `onEvent`, the
 * Subscribed one included. Resolves to the function that unsubscribes.
 */
export function follow(client: Client, query: string, conversationGid: string, onEvent: (e: BenchEvent) => void = () => {}): Promise<() => void> {
  return new Promise((live, fail) => {
    const unsubscribe = client.subscribe<{ conversationEvents: BenchEvent }>(
      { query, variables: { id: conversationGid } },
      {
        next: ({ data }) => {
          const e = data?.conversationEvents
          if (!e) return
          onEvent(e)
          if (e.__typename === 'Subscribed') live(unsubscribe)
        },
        error: fail,
        complete: () => {},
      },
    )
  })
}

/** `count` clients, each following the conversation; resolves once all are live. */
export async function followers(wsUrl: string, token: string, query: string, conversationGid: string, count: number, onEvent?: (e: BenchEvent) => void): Promise<Client[]> {
  const clients: Client[] = []
  try {
    await Promise.all(
      Array.from({ length: count }, async () => {
        const client = benchClient(wsUrl, token)
        clients.push(client)
        await follow(client, query, conversationGid, onEvent)
      }),
    )
  } catch (e) {
    await Promise.all(clients.map((c) => c.dispose()))
    throw e
  }
  return clients
}
