import { defineConfig } from 'vitest/config'

// Real databases, not mocks: opening PGlite and running the schema engine take seconds.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 120_000 },
})
