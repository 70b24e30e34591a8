import { LimitsQuery, type Limits } from '$lib/graphql/limits'
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
