// The privacy jobs: build an archive (then email its owner and schedule its expiry), expire it,
// remove a deleted account's files.
import { PRIVACY_LIMITS, buildDataExport, expireDataExport } from '@rapport/privacy'
import { sendDataExportReadyEmail } from '@rapport/notifications'
import { webPaths } from '../../web-paths.ts'
import { jobWorker, type Services } from '../module.ts'
import { dataExportBuild, dataExportExpiry, fileRemoval } from './deps.ts'

export function privacyJobs(services: Services) {
  const deps = { clock: services.clock, store: services.blobStore }
  return [
    jobWorker(dataExportBuild, async ({ tx, data, send }) => {
      const built = await buildDataExport(deps, tx, data.exportId)
      if (!built) return
      await send(dataExportExpiry, { exportId: built.exportId }, { delaySeconds: PRIVACY_LIMITS.exportDownloadHours * 3600 + 60 })
      await sendDataExportReadyEmail(
        { clock: services.clock, mailer: services.mailer },
        tx,
        { userId: built.userId, email: built.email, name: built.displayName },
        { url: services.email.links.page(webPaths.dataSettings), expiresAt: built.expiresAt, byteSize: built.byteSize },
      )
    }),
    jobWorker(dataExportExpiry, async ({ tx, data }) => {
      await expireDataExport(deps, tx, data.exportId)
    }),
    jobWorker(fileRemoval, async ({ data }) => {
      for (const key of data.storageKeys) await services.blobStore.delete(key)
    }),
  ]
}
