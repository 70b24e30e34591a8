// A supplier's service settings: hours, closures, response target, away message, time zone.
import { ForbiddenError, ValidationError, membershipOf, type Viewer } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'
import { z } from 'zod'
import { parseField } from './send-message.ts'
import { MESSAGING_LIMITS } from './limits.ts'

const intervalSchema = z
  .object({
    weekday: z.number().int().min(1).max(7),
    opensAt: z.number().int().min(0).max(1439),
    closesAt: z.number().int().min(1).max(1440),
  })
  .refine((h) => h.closesAt > h.opensAt, 'Closing time must be after opening time.')

const settingsSchema = z.object({
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return tz.includes('/') || tz === 'UTC'
    } catch {
      return false
    }
  }, 'Choose a time zone such as Europe/Lisbon.').optional(),
  responseTargetSeconds: z.number().int().min(15 * 60, 'The target must be at least 15 minutes.').max(14 * 24 * 3600, 'The target can be at most two weeks.').optional(),
  awayEnabled: z.boolean().optional(),
  awayMessage: z.string().trim().max(MESSAGING_LIMITS.awayMessage, `Keep the away message under ${MESSAGING_LIMITS.awayMessage.toLocaleString('en')} characters.`).nullable().optional(),
  serviceHours: z.array(intervalSchema).max(50).optional(),
  closures: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates look like 2026-12-25.')).max(366).optional(),
})

export type SupplierSettingsInput = z.input<typeof settingsSchema> & { supplierId: string }

/** Owners change settings; everything is replaced in one transaction. */
export async function updateSupplierSettings(db: PrismaClient, viewer: Viewer | null, input: SupplierSettingsInput) {
  if (membershipOf(viewer, input.supplierId)?.role !== 'OWNER') throw new ForbiddenError('Only an owner can change the supplier’s settings.')
  const { supplierId, ...rest } = input
  const s = parseField(settingsSchema, rest, 'settings')
  if (s.awayEnabled && !(s.awayMessage ?? (await db.supplier.findUniqueOrThrow({ where: { id: supplierId } })).awayMessage))
    throw new ValidationError('Write the away message buyers will see.', 'awayMessage')
  return db.$transaction(async (tx) => {
    if (s.serviceHours) {
      await tx.serviceHours.deleteMany({ where: { supplierId } })
      await tx.serviceHours.createMany({ data: s.serviceHours.map((h) => ({ ...h, supplierId })) })
    }
    if (s.closures) {
      await tx.supplierClosure.deleteMany({ where: { supplierId } })
      await tx.supplierClosure.createMany({ data: [...new Set(s.closures)].map((d) => ({ supplierId, date: new Date(`${d}T00:00:00Z`) })) })
    }
    return tx.supplier.update({
      where: { id: supplierId },
      data: {
        ...(s.timeZone ? { timeZone: s.timeZone } : {}),
        ...(s.responseTargetSeconds ? { responseTargetSeconds: s.responseTargetSeconds } : {}),
        ...(s.awayEnabled !== undefined ? { awayEnabled: s.awayEnabled } : {}),
        ...(s.awayMessage !== undefined ? { awayMessage: s.awayMessage } : {}),
      },
    })
  })
}

/** What the settings page shows beyond the public profile: the away message, upcoming closures. */
export async function supplierSettings(db: PrismaClient, supplierId: string, now: Date) {
  // A day back: "today" in the supplier's zone may still be yesterday in UTC.
  const since = new Date(now.getTime() - 24 * 3600 * 1000)
  since.setUTCHours(0, 0, 0, 0)
  const supplier = await db.supplier.findUniqueOrThrow({
    where: { id: supplierId },
    select: { awayEnabled: true, awayMessage: true, closures: { where: { date: { gte: since } }, orderBy: { date: 'asc' }, select: { date: true } } },
  })
  return {
    awayEnabled: supplier.awayEnabled,
    awayMessage: supplier.awayMessage,
    closures: supplier.closures.map((c) => c.date.toISOString().slice(0, 10)),
  }
}
