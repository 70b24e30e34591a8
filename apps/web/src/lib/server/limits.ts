import { LimitsQuery, type Limits } from '$lib/graphql/limits'
import { bodySizeLimit } from './env'
import { gql } from './gateway'

// The limits are the deployment's, not the visitor's: asked once per web process (signed
// out), and asked again after a failure rather than remembering it.
let cached: Promise<Limits> | null = null

/** The gateway's limits (Query.limits), for forms and form actions. */
export function getLimits(): Promise<Limits> {
  if (!cached) {
    cached = gql<{ limits: Limits }>(LimitsQuery, {}, { token: null }).then((d) => d.limits)
    cached.catch(() => {
      cached = null
    })
  }
  return cached
}

/** Room in a form post for everything beside its one file (fields, multipart boundaries). */
export const FORM_ALLOWANCE_BYTES = 16 * 1024

/**
 * The largest file a form of this app can pass on to the gateway: the gateway's own limit, or
 * less when this server's request limit (BODY_SIZE_LIMIT) would refuse the post first.
 */
export function formFileMaxBytes(limits: Pick<Limits, 'attachmentMaxBytes'>, requestLimit = bodySizeLimit()): number {
  return Math.max(0, Math.min(limits.attachmentMaxBytes, requestLimit - FORM_ALLOWANCE_BYTES))
}
