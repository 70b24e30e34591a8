// The privacy domain's queues, and what its functions need from a request context.
import { confirmPassword } from '@rapport/identity'
import { jobKind, prismaExecutor } from '@rapport/jobs'
import type { DeletionDeps, ExportRequestDeps, PrivacyDeps } from '@rapport/privacy'
import type { Prisma } from '@rapport/db'
import type { Context } from '../../context.ts'
import { identityDeps } from '../identity/deps.ts'

/** Building one archive: a whole account's rows and files, so minutes of lease; retried with backoff. */
export const dataExportBuild = jobKind<{ exportId: string }>({ name: 'data-export-build', leaseSeconds: 600, retryLimit: 5, retryDelaySeconds: 30 })
/** Deleting an archive nobody downloaded in time (due when it expires). */
export const dataExportExpiry = jobKind<{ exportId: string }>({ name: 'data-export-expiry', leaseSeconds: 60, retryLimit: 10, retryDelaySeconds: 60 })
/** Deleting a deleted account's files from the blob store, after the deletion commits. */
export const fileRemoval = jobKind<{ storageKeys: string[] }>({ name: 'privacy-file-removal', leaseSeconds: 120, retryLimit: 10, retryDelaySeconds: 60 })

export function privacyDeps(ctx: Pick<Context, 'db' | 'clock' | 'blobStore'>): PrivacyDeps {
  return { db: ctx.db, clock: ctx.clock, store: ctx.blobStore }
}

export function exportRequestDeps(ctx: Context): ExportRequestDeps {
  return {
    ...privacyDeps(ctx),
    enqueueBuild: async (tx, exportId) => void (await ctx.jobs.send(dataExportBuild, { exportId }, { tx: prismaExecutor(tx) })),
  }
}

export function deletionDeps(ctx: Context): DeletionDeps & { enqueueFileRemoval: (tx: Prisma.TransactionClient, keys: string[]) => Promise<void> } {
  return {
    ...privacyDeps(ctx),
    confirmPassword: (userId, password) => confirmPassword(identityDeps(ctx), userId, password, { ip: ctx.ip }),
    enqueueFileRemoval: async (tx, storageKeys) => void (await ctx.jobs.send(fileRemoval, { storageKeys }, { tx: prismaExecutor(tx) })),
  }
}
