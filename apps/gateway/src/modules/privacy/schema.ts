// A person's data in the API: their export archives (Viewer.dataExports, requestDataExport; the
// bytes over REST, GET /exports/<id>) and deleting their account. People only, never an API key
// (field-scopes.ts): a key acting as its maker must not carry off or end the whole account.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { ConflictError, RateLimitedError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { InvalidCredentialsError } from '@rapport/identity'
import { deleteAccount, listDataExports, PRIVACY_LIMITS, requestDataExport, type DataExportDTO } from '@rapport/privacy'
import { announceConversationChange } from '@rapport/messaging'
import { builder } from '../../builder.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { topic } from '../../topics.ts'
import { ViewerRef } from '../identity/types.ts'
import { messagingDeps } from '../messaging/deps.ts'
import { LimitsRef } from '../messaging/limits.ts'
import { announceVisibilityChange } from '../presence/presence.ts'
import { deletionDeps, exportRequestDeps, privacyDeps } from './deps.ts'

const DataExportStatusEnum = builder.enumType('DataExportStatus', {
  values: {
    PENDING: { description: 'Asked for; being built. An email says when it is ready.' },
    READY: { description: 'Ready to download, once, until expiresAt.' },
    DOWNLOADED: { description: 'Downloaded; the archive is gone.' },
    EXPIRED: { description: 'Not downloaded in time; the archive is gone.' },
  },
})

const DataExportRef = builder.objectRef<DataExportDTO>('DataExport').implement({
  description: 'A copy of everything Rapport holds about you: JSON per kind and your files, zipped.',
  fields: (t) => ({
    id: t.id({ resolve: (e) => encodeGlobalID('DataExport', e.id) }),
    status: t.field({ type: DataExportStatusEnum, resolve: (e) => e.status }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    readyAt: t.expose('readyAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: 'Until when it can be downloaded (while READY).' }),
    downloadedAt: t.expose('downloadedAt', { type: 'DateTime', nullable: true }),
    byteSize: t.exposeInt('byteSize', { nullable: true, description: 'The zip file’s size in bytes, once built.' }),
    downloadPath: t.string({
      nullable: true,
      description: 'While READY: the gateway path that answers the zip file once (GET, with your session).',
      resolve: (e) => (e.status === 'READY' ? `/exports/${e.id}` : null),
    }),
  }),
})

builder.objectFields(ViewerRef, (t) => ({
  dataExports: t.field({
    type: [DataExportRef],
    description: 'Your data archives, newest first (the last ten).',
    extensions: viewerSpecific,
    resolve: (v, _args, ctx) => listDataExports(privacyDeps(ctx), v),
  }),
}))

const DeleteAccountInput = builder.inputType('DeleteAccountInput', {
  fields: (t) => ({ password: t.string({ required: true, description: 'Your password, again.' }) }),
})

const DeleteAccountPayload = builder.objectRef<{ deleted: true }>('DeleteAccountPayload').implement({
  fields: (t) => ({ deleted: t.exposeBoolean('deleted') }),
})

builder.mutationFields((t) => ({
  requestDataExport: t.field({
    type: DataExportRef,
    description: `Asks for a copy of your data. A job builds it; an email says when it is ready. One at a time, ${PRIVACY_LIMITS.exportsPerDay} a day.`,
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, ConflictError, RateLimitedError], directResult: true },
    resolve: (_root, _args, ctx) => requestDataExport(exportRequestDeps(ctx), ctx.viewer),
  }),
  deleteAccount: t.field({
    type: DeleteAccountPayload,
    description:
      'Deletes your account, with your password again: every session ends at once, your files and personal details are erased. Your messages stay in the other side’s history and your reviews stay, both as "Deleted user". A supplier’s last owner cannot delete.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, ValidationError, InvalidCredentialsError, RateLimitedError, ConflictError], directResult: true },
    args: { input: t.arg({ type: DeleteAccountInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.viewer!
      const out = await deleteAccount(deletionDeps(ctx), viewer, { password: input.password })
      // Every session ends everywhere: each process closes that session's sockets (and so the
      // person goes offline), and forgets it from its cache.
      const at = ctx.clock.now().toISOString()
      for (const id of out.sessionIds) ctx.pubsub.publish(topic.sessionRevoked(id), { at })
      ctx.pubsub.publish(topic.sessionsChanged, { sessionIds: out.sessionIds, userIds: [out.userId] })
      announceVisibilityChange(ctx.pubsub, viewer)
      const deps = messagingDeps(ctx)
      for (const c of out.unassigned) announceConversationChange(deps, c, ['assignee'], out.userId)
      return { deleted: true as const }
    },
  }),
}))

builder.objectFields(LimitsRef, (t) => ({
  dataExportDownloadHours: t.int({ description: 'How long a built data archive can be downloaded (once).', resolve: () => PRIVACY_LIMITS.exportDownloadHours }),
  dataExportsPerDay: t.int({ description: 'Data archives a person may ask for per day.', resolve: () => PRIVACY_LIMITS.exportsPerDay }),
}))
