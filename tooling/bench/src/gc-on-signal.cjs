// Loaded into benchmark P6's server processes (node --expose-gc --require …), Rapport's and the
// raw baseline's alike: SIGUSR2 runs full collections, so resident memory is read as what the
// open connections keep, not as garbage that connecting left for a collector that hasn't run.
process.on('SIGUSR2', () => {
  globalThis.gc?.()
  globalThis.gc?.()
})
