import { sveltekit } from '@sveltejs/kit/vite'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [sveltekit()],
  // The API explorer's Monaco workers (GraphiQL 5): the GraphQL worker splits into chunks, which
  // only module workers can load (Vite's default, IIFE, refuses code-splitting builds).
  worker: { format: 'es' },
  build: {
    rollupOptions: {
      onwarn(warning, warn) {
        // GraphiQL's React dependencies mark their modules "use client" for React Server
        // Components; in a browser bundle the directive means nothing, and there are hundreds.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use client"')) return
        warn(warning)
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two files at a time: a browser file spends most of its time waiting on its own stack
    // (gateway, web server, Chromium), so two fit on two cores.
    maxWorkers: 2,
    // In CI, a failed test gets one more run, reported as retried. Two browser files at once
    // exposed hydration and navigation races (sign-up's choice, the search boxes, a live reload
    // cancelling a form's redirect), each fixed in the app; one more try keeps a race not yet
    // found from blocking everything, while a real failure fails twice.
    retry: process.env.CI ? 1 : 0,
  },
})
