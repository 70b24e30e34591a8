/*
 * The signature check a partner pastes into their receiver, shown on the docs page: a copy of
 * packages/partners/src/webhooks/verify-example.ts (the browser never loads that package; the test
 * beside this file keeps the copy the same).
 */
export const WEBHOOK_VERIFY_EXAMPLE = `// What a partner pastes into their receiver: no dependency on this package, only node:crypto.
// \`rawBody\` must be the exact request body as received, before any JSON parsing or re-encoding.
import { createHmac, timingSafeEqual } from 'node:crypto'

export function verifyRapportSignature(
  header: string,
  rawBody: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const parts = header.split(',').map((part) => part.trim().split('='))
  const t = parts.find(([key]) => key === 't')?.[1]
  // Refuse old (replayed) and far-future timestamps: 5 minutes either way.
  if (!t || !/^\\d+$/.test(t) || Math.abs(nowSeconds - Number(t)) > 300) return false
  const expected = createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest()
  // Several v1= entries appear while Rapport rotates your secret; any one matching is enough.
  return parts.some(
    ([key, value]) =>
      key === 'v1' &&
      typeof value === 'string' &&
      /^[0-9a-f]{64}$/i.test(value) &&
      timingSafeEqual(Buffer.from(value, 'hex'), expected),
  )
}
`
