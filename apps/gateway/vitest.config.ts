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
  test: { testTimeout: 60_000, hookTimeout: 120_000 },
})
