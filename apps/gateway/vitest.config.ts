import { createRequire } from 'node:module'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)

export default defineConfig({
  resolve: {
    // graphql ships CJS (main) and ESM (module). Node loads the CJS build for the
    // dependencies vitest leaves to Node (Pothos, Apollo); vite would give our own files the
    // ESM one — two "graphql" instances. Point vite at the same CJS file Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two files at a time, even on two cores: each file mostly waits on PostgreSQL, Redis and the
    // gateway processes it starts (its own database and key prefix), so a second file fills the
    // waits. Vitest's default here (cores − 1) ran them one by one: about 850 s against 450 s.
    maxWorkers: 2,
    minWorkers: 1,
  },
})
