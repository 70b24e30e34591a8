// db.sql: hand-written SQL on the same connections as Prisma, with the same values read back.
import { describe, expect, it } from 'vitest'
import { Prisma } from './generated/prisma/client.ts'
import { sqlState } from './sql.ts'
import { availableKinds, createTestDb } from './testing.ts'

describe.each(availableKinds())('db.sql on %s', (kind) => {
  it('reads what Prisma wrote (timestamps in UTC both ways), commits, and rolls back on a throw', async () => {
    const db = await createTestDb(kind)
    try {
      const at = new Date('2026-03-29T01:30:00.123Z') // inside a DST change in Europe: no local-time slip
      const supplier = await db.prisma.supplier.create({ data: { slug: 'sql-test', name: 'SQL', timeZone: 'Europe/Lisbon', createdAt: at } })

      const [read] = await db.sql.query<{ id: string; createdAt: Date; target: number }>(
        Prisma.sql`SELECT id, "createdAt", "responseTargetSeconds" AS target FROM "Supplier" WHERE slug = ${'sql-test'}`,
      )
      expect(read).toEqual({ id: supplier.id, createdAt: at, target: 86_400 })

      // A Date written through db.sql reads back the same through Prisma.
      const later = new Date('2026-11-25T23:59:59.999Z')
      await db.sql.transaction((tx) => tx.query(Prisma.sql`UPDATE "Supplier" SET "createdAt" = ${later}::timestamp(3) WHERE id = ${supplier.id}::uuid`))
      expect((await db.prisma.supplier.findUniqueOrThrow({ where: { id: supplier.id } })).createdAt).toEqual(later)

      // A throw inside the transaction undoes its writes and reaches the caller.
      await expect(
        db.sql.transaction(async (tx) => {
          await tx.query(Prisma.sql`UPDATE "Supplier" SET name = ${'Renamed'} WHERE id = ${supplier.id}::uuid`)
          throw new Error('changed my mind')
        }),
      ).rejects.toThrow('changed my mind')
      expect((await db.prisma.supplier.findUniqueOrThrow({ where: { id: supplier.id } })).name).toBe('SQL')

      // Driver errors keep PostgreSQL's SQLSTATE (the send path relies on 23505).
      const duplicate = await db.sql
        .query(Prisma.sql`INSERT INTO "Supplier" (id, slug, name, "timeZone", "updatedAt") VALUES (gen_random_uuid(), ${'sql-test'}, ${'Again'}, ${'UTC'}, now())`)
        .catch((e: unknown) => e)
      expect(sqlState(duplicate)).toBe('23505')
    } finally {
      await db.drop()
    }
  })

  it('runs statements issued together in order, each with its own answer, and an error in one undoes them all', async () => {
    const db = await createTestDb(kind)
    try {
      const supplier = await db.prisma.supplier.create({ data: { slug: 'pipelined', name: 'Before', timeZone: 'UTC' } })
      const name = Prisma.sql`SELECT name FROM "Supplier" WHERE id = ${supplier.id}::uuid`
      // Issued without awaiting each other (pipelined on pg): the later statements see the earlier ones' writes.
      const answers = await db.sql.transaction((tx) =>
        Promise.all([
          tx.query(Prisma.sql`UPDATE "Supplier" SET name = ${'First'} WHERE id = ${supplier.id}::uuid RETURNING name`),
          tx.query(name),
          tx.query(Prisma.sql`UPDATE "Supplier" SET name = name || ${' and second'} WHERE id = ${supplier.id}::uuid RETURNING name`),
        ]),
      )
      expect(answers).toEqual([[{ name: 'First' }], [{ name: 'First' }], [{ name: 'First and second' }]])
      expect(await db.sql.query(name)).toEqual([{ name: 'First and second' }])

      // The second of three fails: the first's write is undone, the third fails as well (the
      // transaction is aborted), each statement answers for itself, and the caller gets the cause.
      let outcomes: PromiseSettledResult<unknown>[] = []
      const failed = await db.sql
        .transaction(async (tx) => {
          outcomes = await Promise.allSettled([
            tx.query(Prisma.sql`UPDATE "Supplier" SET name = ${'Lost'} WHERE id = ${supplier.id}::uuid`),
            tx.query(Prisma.sql`INSERT INTO "Supplier" (id, slug, name, "timeZone", "updatedAt") VALUES (gen_random_uuid(), ${'pipelined'}, ${'Twin'}, ${'UTC'}, now())`),
            tx.query(name),
          ])
          const cause = outcomes.find((o) => o.status === 'rejected')
          if (cause) throw cause.reason
        })
        .catch((e: unknown) => e)
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected'])
      expect(sqlState(failed)).toBe('23505')
      expect(sqlState((outcomes[2] as PromiseRejectedResult).reason)).toBe('25P02') // in_failed_sql_transaction
      expect(await db.sql.query(name)).toEqual([{ name: 'First and second' }])

      // A throw before any statement: the BEGIN already sent is rolled back; the connection is fine.
      await expect(db.sql.transaction(() => Promise.reject(new Error('not today')))).rejects.toThrow('not today')
      expect(await db.sql.transaction((tx) => tx.query(name))).toEqual([{ name: 'First and second' }])
    } finally {
      await db.drop()
    }
  })

  it.runIf(kind === 'postgres')('survives its connection dying mid-transaction: the send fails, the process does not', async () => {
    const db = await createTestDb(kind)
    try {
      // The backend ends itself inside the transaction, as a server restart would.
      await expect(db.sql.transaction((tx) => tx.query(Prisma.sql`SELECT pg_terminate_backend(pg_backend_pid())`))).rejects.toThrow()
      // The broken connection was dropped; the next one works.
      expect(await db.sql.query<{ one: number }>(Prisma.sql`SELECT 1 AS one`)).toEqual([{ one: 1 }])
    } finally {
      await db.drop()
    }
  })
})
