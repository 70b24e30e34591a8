// Sessions are random opaque tokens. Only their SHA-256 is stored, so the sessions table is
// useless to whoever reads it; expiry and revocation are checked on every use.
import { createHash, randomBytes } from 'node:crypto'
import type { Clock, Viewer } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
/** lastUsedAt is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000

export type IssuedSession = { token: string; expiresAt: Date; sessionId: string }

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export async function createSession(
  deps: { db: Pick<PrismaClient, 'session'>; clock: Clock },
  userId: string,
  meta: { userAgent?: string | null; ip?: string | null } = {},
): Promise<IssuedSession> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(deps.clock.now().getTime() + SESSION_TTL_MS)
  const session = await deps.db.session.create({
    data: {
      userId,
      tokenHash: hashToken(token),
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
    },
  })
  return { token, expiresAt, sessionId: session.id }
}

/** The viewer behind a token, or null when the token is unknown, expired, revoked or its user disabled. */
export async function resolveSession(deps: { db: PrismaClient; clock: Clock }, token: string | null | undefined): Promise<Viewer | null> {
  if (!token || token.length > 200) return null
  const session = await deps.db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      user: {
        include: {
          buyer: { select: { id: true } },
          memberships: { where: { removedAt: null }, select: { id: true, supplierId: true, role: true } },
        },
      },
    },
  })
  const now = deps.clock.now()
  if (!session || session.revokedAt || session.expiresAt <= now || session.user.disabledAt) return null
  if (now.getTime() - session.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await deps.db.session.update({ where: { id: session.id }, data: { lastUsedAt: now } })
  }
  const { user } = session
  return {
    userId: user.id,
    sessionId: session.id,
    email: user.email,
    displayName: user.displayName,
    platformRole: user.platformRole,
    buyerId: user.buyer?.id ?? null,
    memberships: user.memberships.map((m) => ({ supplierId: m.supplierId, memberId: m.id, role: m.role })),
  }
}

/** Ends one session (sign out). Returns false when it was already ended. */
export async function revokeSession(deps: { db: PrismaClient; clock: Clock }, sessionId: string): Promise<boolean> {
  const { count } = await deps.db.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: deps.clock.now() },
  })
  return count === 1
}
