// `startStack` from @rapport/scripts/stack (tooling/scripts/src/stack.ts), typed here by its contract.
//
// Why not a static import: svelte-check type-checks everything this app's tsconfig reaches, and a
// static import would pull in tooling/scripts and @rapport/db *sources*, which are written for
// their own tsconfig (Node-only libs, NodeNext). Under this app's DOM libs some of them don't
// compile (e.g. `new Blob([buffer])` in packages/db/src/testing.ts), so each workspace checks its
// own sources and the web app only depends on the contract below. Vitest resolves the module
// at run time exactly as a static import would.

export interface StackOptions {
  /** Seed the fresh database with the demo data. */
  seed?: boolean
  redisUrl?: string
  /** Gateway processes (default 1); more than one only on PostgreSQL with Redis. */
  gateways?: number
}

export interface Stack {
  /** The built web app, e.g. http://127.0.0.1:41234 */
  webUrl: string
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:41235/graphql */
  gatewayUrl: string
  /** Every gateway process (the web app talks to the first). */
  gatewayUrls: string[]
  /** Output of the gateway and web processes, for a failing test to print. */
  logs: string[]
  stop(): Promise<void>
}

const stackModule = '@rapport/scripts/stack'

/** A fresh migrated (and optionally seeded) database, the gateway and the built web app on free ports. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const { startStack: start } = (await import(/* @vite-ignore */ stackModule)) as {
    startStack: (options: StackOptions) => Promise<Stack>
  }
  return start(options)
}
