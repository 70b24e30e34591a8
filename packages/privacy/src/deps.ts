import type { Clock } from '@rapport/core'
import type { Prisma, PrismaClient } from '@rapport/db'

/** Where bytes live (the attachment store's three methods, passed in). */
export type BlobStore = {
  put(key: string, bytes: Uint8Array): Promise<void>
  get(key: string): Promise<Buffer | null>
  delete(key: string): Promise<void>
}

export type PrivacyDeps = {
  db: PrismaClient
  clock: Clock
  /** Attachments' bytes and export archives. */
  store: BlobStore
}

export type ExportRequestDeps = PrivacyDeps & {
  /** Enqueues the archive's build inside the request's transaction (the job exists only if the request does). */
  enqueueBuild: (tx: Prisma.TransactionClient, exportId: string) => Promise<void>
}

export type DeletionDeps = PrivacyDeps & {
  /**
   * Re-authentication: resolves when the password is the person's, throws otherwise (the
   * identity domain's check, with its attempt limits).
   */
  confirmPassword: (userId: string, password: string) => Promise<void>
}
