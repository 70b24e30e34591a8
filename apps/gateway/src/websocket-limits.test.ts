import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { LIMITS } from './limits.ts'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

let db: TestDb
let gw: TestGateway
beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { production: true, connectionInitTimeoutMs: 300 })
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

/** A raw socket speaking the graphql-ws subprotocol, to do what well-behaved clients do not. */
function rawSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(gw.wsUrl, 'graphql-transport-ws')
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}
const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))

describe('WebSocket limits', () => {
  it('closes a connection that never sends connection_init (4408)', async () => {
    const ws = await rawSocket()
    expect(await closed(ws)).toBe(4408)
  })

  it(`closes a connection that sends a message over ${LIMITS.wsMessageBytes} bytes (1009)`, async () => {
    const ws = await rawSocket()
    const done = closed(ws)
    ws.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(LIMITS.wsMessageBytes + 1) } }))
    expect(await done).toBe(1009)
  })

  it('gives no field-name suggestions in production', async () => {
    const result = await wsExecute(gw.wsClient(), '{ supplierz { name } }')
    expect(result.errors![0]!.message).toBe('Cannot query field "supplierz" on type "Query".')
    expect(result.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED')
  })
})
