/*
 * The browser's one graphql-ws connection to the gateway, for live updates only. It authenticates
 * with the HttpOnly session cookie on the WebSocket upgrade (same host name as the page), stays
 * connected (lazy: false) and retries forever. A closed connection is reported as "reconnecting"
 * so pages can say so; subscribers resume from what they have when it is back (see onConnected).
 */
import { createClient, type Client } from 'graphql-ws'

/* eslint-disable svelte/prefer-svelte-reactivity -- the Sets below are listener registries, not UI state */

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'ended'

type Sink<T> = { next: (data: T) => void; error?: (message: string) => void }

/** Back-off between attempts: 0.5 s, 1 s, 2 s … at most 10 s, with jitter; cut short by `online`. */
export function retryDelayMs(retries: number, random = Math.random()): number {
  return Math.min(500 * 2 ** retries, 10_000) + Math.floor(random * 400)
}

export class LiveClient {
  status = $state<LiveStatus>('connecting')
  /** Why the connection ended for good (the session ended), for the page to say. */
  endedReason = $state<string | null>(null)

  readonly #client: Client
  readonly #onConnected = new Set<() => void>()
  readonly #onClosed = new Set<() => void>()
  readonly #wakers = new Set<() => void>()
  #pongTimer: ReturnType<typeof setTimeout> | undefined
  #disposed = false

  constructor(url: string) {
    this.#client = createClient({
      url,
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      // A ping every 12 s; no pong within 5 s means the socket is dead even if it looks open
      // (laptop lid, lost Wi-Fi): drop it and reconnect.
      keepAlive: 12_000,
      retryWait: (retries) => this.#wait(retries),
      onNonLazyError: () => {},
      on: {
        connected: () => {
          if (this.#disposed) return
          this.status = 'live'
          for (const fn of this.#onConnected) fn()
        },
        closed: (event) => {
          clearTimeout(this.#pongTimer)
          if (this.#disposed || this.status === 'ended') return
          const code = (event as { code?: number } | undefined)?.code
          if (code === 4403) {
            // The gateway refused the session (signed out elsewhere, expired): retrying won't help.
            this.status = 'ended'
            this.endedReason = 'Your session has ended. Sign in again to keep getting live updates.'
            this.#client.dispose()
          } else {
            this.status = this.status === 'connecting' ? 'connecting' : 'reconnecting'
          }
          for (const fn of this.#onClosed) fn()
        },
        ping: (received) => {
          if (received) return
          clearTimeout(this.#pongTimer)
          this.#pongTimer = setTimeout(() => this.#client.terminate(), 5_000)
        },
        pong: (received) => {
          if (received) clearTimeout(this.#pongTimer)
        },
      },
    })
    window.addEventListener('offline', this.#offline)
    window.addEventListener('online', this.#online)
  }

  #offline = () => {
    // The socket may linger half-open; don't wait for the keep-alive to notice.
    if (this.status === 'live') this.#client.terminate()
    this.status = this.status === 'ended' ? 'ended' : 'reconnecting'
  }

  #online = () => {
    for (const wake of [...this.#wakers]) wake()
  }

  #wait(retries: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#wakers.delete(done)
        resolve()
      }
      const timer = setTimeout(done, navigator.onLine ? retryDelayMs(retries) : 30_000)
      this.#wakers.add(done)
    })
  }

  /** Runs `fn` on every (re)connection — the place to (re)subscribe from the last thing seen. */
  onConnected(fn: () => void): () => void {
    this.#onConnected.add(fn)
    if (this.status === 'live') fn()
    return () => this.#onConnected.delete(fn)
  }

  onClosed(fn: () => void): () => void {
    this.#onClosed.add(fn)
    return () => this.#onClosed.delete(fn)
  }

  /**
   * Starts one subscription; the returned function stops it. `variables` is read at every
   * (re)start, so a stream resumes from what the page has by then. A stream that ends without
   * being asked to — the gateway completed it or sent an error — is started again after a
   * back-off: a page never sits silently without live updates while its socket is open.
   */
  subscribe<T>(query: string, variables: () => Record<string, unknown>, sink: Sink<T>): () => void {
    let stopped = false
    let retries = 0
    let stop: () => void = () => {}
    let timer: ReturnType<typeof setTimeout> | undefined
    const again = () => {
      if (stopped || this.#disposed) return
      clearTimeout(timer)
      timer = setTimeout(start, retryDelayMs(retries++))
    }
    const start = () => {
      if (stopped || this.#disposed) return
      stop = this.#client.subscribe<T>(
        { query, variables: variables() },
        {
          next: (result) => {
            if (result.errors?.length) sink.error?.(result.errors[0]?.message ?? 'Live updates failed.')
            else if (result.data) {
              retries = 0
              sink.next(result.data as T)
            }
          },
          error: (error) => {
            // A closed socket also ends up here; reconnecting resubscribes, so only report real errors.
            if (Array.isArray(error)) {
              sink.error?.((error[0] as { message?: string } | undefined)?.message ?? 'Live updates failed.')
              again()
            }
          },
          complete: again,
        },
      )
    }
    start()
    return () => {
      stopped = true
      clearTimeout(timer)
      stop()
    }
  }

  dispose(): void {
    this.#disposed = true
    clearTimeout(this.#pongTimer)
    window.removeEventListener('offline', this.#offline)
    window.removeEventListener('online', this.#online)
    for (const wake of [...this.#wakers]) wake()
    this.#onConnected.clear()
    this.#onClosed.clear()
    void this.#client.dispose()
  }
}
