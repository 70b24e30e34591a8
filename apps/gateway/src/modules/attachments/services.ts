import path from 'node:path'
import { repoRoot } from '@rapport/db'
import { localDiskStore, type BlobStore } from '@rapport/messaging'
import type { ServiceSetup } from '../../shared-services.ts'

declare module '../../shared-services.ts' {
  interface ModuleServices {
    /** Attachment bytes (local disk when embedded; several gateways need a shared folder). */
    blobStore: BlobStore
  }
}

export function attachmentServices({ options }: ServiceSetup) {
  return { blobStore: localDiskStore(options.attachmentsDir ?? path.join(repoRoot, '.data', 'attachments')) }
}
