// The export of a person's data: requested on the web, built later by a job (enqueued in the
// request's transaction), downloaded once within PRIVACY_LIMITS.exportDownloadHours, then gone.
//
// The archive is a zip (fflate: small, no dependencies, maintained) of one JSON file per kind
// (collect.ts), the person's files under attachments/, and a README.txt saying what is where.
import { ConflictError, NotFoundError, RateLimitedError, UnauthenticatedError, type Viewer } from '@rapport/core'
import type { DataExportStatus, Prisma } from '@rapport/db'
import { strToU8, zipSync, type Zippable } from 'fflate'
import { archivePathOf, attachmentFilesOf, collectPersonalData, EXPORT_KINDS, type PersonalData } from './collect.ts'
import type { ExportRequestDeps, PrivacyDeps } from './deps.ts'
import { PRIVACY_LIMITS } from './limits.ts'

export type DataExportDTO = {
  id: string
  status: DataExportStatus
  requestedAt: Date
  readyAt: Date | null
  expiresAt: Date | null
  downloadedAt: Date | null
  byteSize: number | null
}

const dto = { id: true, status: true, requestedAt: true, readyAt: true, expiresAt: true, downloadedAt: true, byteSize: true } as const
const HOUR = 3_600_000

function signedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError('Sign in to see your data.')
  return viewer
}

/** The person's requests, newest first; a READY one past its time reads as EXPIRED. */
export async function listDataExports(deps: PrivacyDeps, viewer: Viewer | null, first = 10): Promise<DataExportDTO[]> {
  const v = signedIn(viewer)
  const rows = await deps.db.dataExport.findMany({ where: { userId: v.userId }, orderBy: { requestedAt: 'desc' }, take: first, select: dto })
  const now = deps.clock.now()
  return rows.map((r) => (r.status === 'READY' && r.expiresAt && r.expiresAt <= now ? { ...r, status: 'EXPIRED' } : r))
}

/**
 * Asks for an archive. One at a time (a second request while one is being built answers with a
 * conflict) and PRIVACY_LIMITS.exportsPerDay a day; the build is enqueued in the same transaction.
 */
export async function requestDataExport(deps: ExportRequestDeps, viewer: Viewer | null): Promise<DataExportDTO> {
  const v = signedIn(viewer)
  const now = deps.clock.now()
  return deps.db.$transaction(async (tx) => {
    // The person's row is the lock: two requests at once cannot both pass the checks below.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${v.userId}::uuid FOR UPDATE`
    const recent = await tx.dataExport.findMany({ where: { userId: v.userId, requestedAt: { gt: new Date(now.getTime() - 24 * HOUR) } }, select: { status: true, requestedAt: true } })
    if (recent.some((r) => r.status === 'PENDING')) throw new ConflictError('Your archive is being prepared; we will email you when it is ready.')
    if (recent.length >= PRIVACY_LIMITS.exportsPerDay) {
      const oldest = Math.min(...recent.map((r) => r.requestedAt.getTime()))
      const wait = Math.max(1, Math.ceil((oldest + 24 * HOUR - now.getTime()) / 1000))
      throw new RateLimitedError(`You can ask for ${PRIVACY_LIMITS.exportsPerDay} archives a day. Try again in ${Math.ceil(wait / 3600)} hours.`, wait)
    }
    const row = await tx.dataExport.create({ data: { userId: v.userId, requestedAt: now }, select: dto })
    await deps.enqueueBuild(tx, row.id)
    return row
  })
}

export type BuiltExport = { userId: string; email: string; displayName: string; exportId: string; expiresAt: Date; byteSize: number }

/**
 * The job: collects everything in the job's transaction, zips it, stores it and marks the
 * request READY. The key is the request's id, so a retried run replaces its own earlier file.
 * Returns null when there is nothing to build (already built, or the account is gone).
 */
export async function buildDataExport(deps: Pick<PrivacyDeps, 'clock' | 'store'>, tx: Prisma.TransactionClient, exportId: string): Promise<BuiltExport | null> {
  const request = await tx.dataExport.findUnique({ where: { id: exportId }, include: { user: { select: { email: true, displayName: true, deletedAt: true } } } })
  if (!request || request.status !== 'PENDING' || request.user.deletedAt) return null
  const data = await collectPersonalData(tx, request.userId)
  const files: Zippable = { 'README.txt': strToU8(readme(deps.clock.now())) }
  for (const kind of EXPORT_KINDS) files[`${kind}.json`] = strToU8(JSON.stringify(data[kind], jsonValue, 2))
  for (const a of await attachmentFilesOf(tx, attachmentIdsOf(data))) {
    const bytes = await deps.store.get(a.storageKey)
    // A file whose bytes are gone is listed in attachments.json and missing here; nothing else is.
    if (bytes) files[archivePathOf(a)] = [bytes, { level: 0 }]
  }
  const zip = zipSync(files, { level: 6 })
  const storageKey = `${exportId}.zip`
  await deps.store.delete(storageKey)
  await deps.store.put(storageKey, zip)
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + PRIVACY_LIMITS.exportDownloadHours * HOUR)
  await tx.dataExport.update({ where: { id: exportId }, data: { status: 'READY', readyAt: now, expiresAt, storageKey, byteSize: zip.byteLength } })
  return { userId: request.userId, email: request.user.email, displayName: request.user.displayName, exportId, expiresAt, byteSize: zip.byteLength }
}

/**
 * The download: only its owner, only once, only in time. The bytes are read first, then the
 * request is claimed (READY → DOWNLOADED in one statement, so two downloads at once cannot both
 * win), then the file is deleted.
 */
export async function takeDataExport(deps: PrivacyDeps, viewer: Viewer | null, exportId: string): Promise<{ bytes: Buffer; fileName: string }> {
  const v = signedIn(viewer)
  const now = deps.clock.now()
  const row = await deps.db.dataExport.findFirst({ where: { id: exportId, userId: v.userId }, select: { status: true, expiresAt: true, storageKey: true } })
  if (!row) throw new NotFoundError('No such archive.')
  if (row.status === 'PENDING') throw new ConflictError('This archive is still being prepared; we will email you when it is ready.')
  if (row.status === 'DOWNLOADED') throw new NotFoundError('This archive was already downloaded; ask for a new one.')
  if (row.status === 'EXPIRED' || !row.storageKey || !row.expiresAt || row.expiresAt <= now) throw new NotFoundError('This archive has expired; ask for a new one.')
  const bytes = await deps.store.get(row.storageKey)
  if (!bytes) throw new NotFoundError('This archive is no longer available; ask for a new one.')
  const claimed = await deps.db.dataExport.updateMany({
    where: { id: exportId, userId: v.userId, status: 'READY', expiresAt: { gt: now } },
    data: { status: 'DOWNLOADED', downloadedAt: now, storageKey: null },
  })
  if (claimed.count === 0) throw new NotFoundError('This archive was already downloaded; ask for a new one.')
  await deps.store.delete(row.storageKey)
  return { bytes, fileName: `rapport-data-${now.toISOString().slice(0, 10)}.zip` }
}

/** The expiry job: a READY archive nobody downloaded in time is deleted. */
export async function expireDataExport(deps: Pick<PrivacyDeps, 'clock' | 'store'>, tx: Prisma.TransactionClient, exportId: string): Promise<boolean> {
  const row = await tx.dataExport.findFirst({ where: { id: exportId, status: 'READY', expiresAt: { lte: deps.clock.now() } }, select: { storageKey: true } })
  if (!row) return false
  await tx.dataExport.update({ where: { id: exportId }, data: { status: 'EXPIRED', storageKey: null } })
  if (row.storageKey) await deps.store.delete(row.storageKey)
  return true
}

function attachmentIdsOf(data: PersonalData): string[] {
  return (data.attachments as { id: string }[]).map((a) => a.id)
}

/** BigInt and Buffer have no JSON form of their own. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}

function readme(at: Date): string {
  return [
    `Your data on Rapport, as of ${at.toISOString()}.`,
    '',
    'One JSON file per kind: account, memberships, sessions, conversations (with every message you can see),',
    'what you wrote elsewhere, reactions, read positions, attachments (the files are in attachments/),',
    'orders, reviews, questions and answers, follows, notifications and their settings, the emails we sent,',
    'reports you filed, and the access log: who at Rapport opened your conversations, when and why.',
    '',
    'Not included: your password and the secrets of your sessions, email links and API keys (keys to your',
    'account, not information about you), and a supplier team\u2019s internal notes about conversations with you.',
    '',
  ].join('\n')
}
