// Small helpers every part of the suite uses.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Polls `check` until it is true or `timeoutMs` passes; says which. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() >= deadline) return false
    await sleep(everyMs)
  }
}

/** The recipe's backoff: 250 ms doubling to 5 s, each wait jittered down to half of it (so reconnecting clients spread out). */
export function backoffMs(attempt: number): number {
  const base = Math.min(5000, 250 * 2 ** attempt)
  return base / 2 + Math.random() * (base / 2)
}

/** Relay-style global ids, as the gateway encodes them (base64 of "Type:id"). */
export function globalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64')
}

/** Keeps the last lines of a child's output, for the report when it misbehaves. */
export class Tail {
  private lines: string[] = []
  constructor(private readonly max = 40) {}
  push(chunk: string) {
    for (const l of chunk.split('\n')) if (l.trim()) this.lines.push(l)
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max)
  }
  text() {
    return this.lines.join('\n')
  }
}
