// Loaded into benchmark P6's server processes (node --expose-gc --require …), Rapport's and the
// raw baseline's alike: SIGUSR2 runs full collections, so resident memory is read as what the
// open connections keep, not as garbage that connecting left for a collector that hasn't run.
// With MEMORY_REPORT_FILE set, it then writes the JS heap in use (+ external memory) there, a
// steadier second figure than resident memory, which the allocator's page reuse makes swing.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node --require)
const { writeFileSync } = require('node:fs')

process.on('SIGUSR2', () => {
  globalThis.gc?.()
  globalThis.gc?.()
  const file = process.env.MEMORY_REPORT_FILE
  if (file) {
    const m = process.memoryUsage()
    writeFileSync(file, JSON.stringify({ heapUsed: m.heapUsed, external: m.external }))
  }
})
