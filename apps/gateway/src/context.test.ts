// Contexts: per-operation fields over the gateway's shared services.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContext, executionContext } from './context.ts'
import { createLogger } from './logger.ts'
import { createServices } from './services.ts'

let db: TestDb
let services: ReturnType<typeof createServices>
const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-context-'))

beforeAll(async () => {
  db = await createTestDb('pglite')
  services = createServices({ db, logger: createLogger({ level: 'silent', pretty: false }), attachmentsDir: dir })
})
afterAll(async () => {
  await services.close()
  await db.drop()
  rmSync(dir, { recursive: true, force: true })
})

describe('createContext', () => {
  it('gives each operation its own logger bindings, even after the shared services logged', async () => {
    const first = await createContext(services, { transport: 'http', requestId: 'req-1', token: null, ip: '127.0.0.1' })
    // Long-lived subscriptions log through the shared services: that must not leak a child logger into every context.
    first.services.logger.info('from the shared services')
    expect(first.services.logger.bindings()).not.toHaveProperty('requestId')
    const second = await createContext(services, { transport: 'ws', requestId: 'req-2', token: null, ip: '127.0.0.1' })
    // Services are shared, not copied: a context's own fields are only the operation's.
    expect(second.db).toBe(first.db)
    expect(Object.keys(second).sort()).toEqual(['ip', 'requestId', 'token', 'transport', 'userAgent', 'viewer'])
    expect(first.logger.bindings()).toMatchObject({ requestId: 'req-1' })
    expect(second.logger.bindings()).toMatchObject({ requestId: 'req-2' })
  })

  it('makes execution contexts that read the same fields but keep their own caches', async () => {
    const ctx = await createContext(services, { transport: 'ws', requestId: 'req-3', token: null, ip: '10.0.0.1' })
    ctx.fanoutScope = 'scope'
    const exec = executionContext(ctx)
    expect(exec).not.toBe(ctx)
    expect({ requestId: exec.requestId, ip: exec.ip, fanoutScope: exec.fanoutScope, db: exec.db }).toEqual({ requestId: 'req-3', ip: '10.0.0.1', fanoutScope: 'scope', db: ctx.db })
    // A sibling, not a child: the subscription's context is never made a prototype.
    expect(Object.getPrototypeOf(exec)).toBe(Object.getPrototypeOf(ctx))
    expect(exec.logger.bindings()).toMatchObject({ requestId: 'req-3' })
  })
})
