import type { Prisma, PrismaClient } from '@rapport/db'
import type { Schedule } from './metrics/business-time.ts'

type Db = PrismaClient | Prisma.TransactionClient

/** A supplier's service hours and closures, in the shape the business-time functions take. */
export async function loadSchedule(db: Db, supplierId: string): Promise<Schedule> {
  const supplier = await db.supplier.findUniqueOrThrow({
    where: { id: supplierId },
    select: {
      timeZone: true,
      serviceHours: { select: { weekday: true, opensAt: true, closesAt: true } },
      closures: { select: { date: true } },
    },
  })
  return {
    timeZone: supplier.timeZone,
    hours: supplier.serviceHours,
    closures: supplier.closures.map((c) => c.date.toISOString().slice(0, 10)),
  }
}
