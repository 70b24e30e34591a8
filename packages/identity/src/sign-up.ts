import { ConflictError, ValidationError } from '@rapport/core'
import { Prisma } from '@rapport/db'
import { z } from 'zod'
import type { IdentityDeps } from './deps.ts'
import { displayNameSchema, emailSchema, parseInput, passwordSchema, timeZoneSchema } from './input.ts'
import { hashPassword } from './password.ts'
import { createSession, type IssuedSession } from './sessions.ts'

const signUpSchema = z.discriminatedUnion('accountType', [
  z.object({
    accountType: z.literal('BUYER'),
    email: emailSchema,
    password: passwordSchema,
    displayName: displayNameSchema,
    timeZone: timeZoneSchema.optional(),
  }),
  z.object({
    accountType: z.literal('SUPPLIER'),
    email: emailSchema,
    password: passwordSchema,
    displayName: displayNameSchema,
    supplierName: z.string().trim().min(2, 'Enter the name of your business.').max(80, 'Use at most 80 characters.'),
    timeZone: timeZoneSchema,
  }),
])

export type SignUpInput = z.input<typeof signUpSchema>
export type SignUpResult = { userId: string; supplierId: string | null; buyerId: string | null; session: IssuedSession }

/**
 * Creates an account and signs it in. A supplier sign-up also creates the organisation,
 * with the new user as its owner. Everything happens in one transaction: a failure leaves
 * nothing behind.
 */
export async function signUp(
  deps: Omit<IdentityDeps, 'limiter'>,
  raw: SignUpInput,
  meta: { userAgent?: string | null; ip?: string | null } = {},
): Promise<SignUpResult> {
  const input = parseInput(signUpSchema, raw)
  const passwordHash = await hashPassword(input.password)
  try {
    return await deps.db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, passwordHash, displayName: input.displayName } })
      let buyerId: string | null = null
      let supplierId: string | null = null
      if (input.accountType === 'BUYER') {
        const buyer = await tx.buyer.create({
          data: { userId: user.id, displayName: input.displayName, timeZone: input.timeZone ?? 'UTC' },
        })
        buyerId = buyer.id
      } else {
        const slug = await freeSlug(tx, input.supplierName)
        const supplier = await tx.supplier.create({
          data: { name: input.supplierName, slug, timeZone: input.timeZone, members: { create: { userId: user.id, role: 'OWNER' } } },
        })
        supplierId = supplier.id
      }
      const session = await createSession({ db: tx, clock: deps.clock }, user.id, meta)
      return { userId: user.id, buyerId, supplierId, session }
    })
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      throw new ConflictError('An account with this email already exists. Sign in instead?')
    }
    throw e
  }
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
  if (!slug) throw new ValidationError('The business name needs at least one letter or digit.', 'supplierName')
  return slug
}

async function freeSlug(tx: Prisma.TransactionClient, name: string): Promise<string> {
  const base = slugify(name)
  const taken = new Set(
    (await tx.supplier.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((s) => s.slug),
  )
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`
}
