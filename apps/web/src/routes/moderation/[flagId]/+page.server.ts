import { error, fail, redirect } from '@sveltejs/kit'
import { DECIDE_FLAG, MODERATION_FLAG, type FlagDetail } from '$lib/graphql/moderation'
import type { ResultError } from '$lib/graphql/auth'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput, isRefused, resultErrorStatus } from '$lib/server/http-status'
import { getLimits } from '$lib/server/limits'
import { requireStaff } from '$lib/server/staff'
import type { Actions, PageServerLoad } from './$types'

const ACTIONS: readonly string[] = ['KEEP', 'HIDE', 'REMOVE', 'RESTORE']

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireStaff(locals.viewer, url)
  let data: { node: FlagDetail | null }
  try {
    // Reading a reported conversation here is recorded in its access log, by the gateway.
    data = await gql<{ node: FlagDetail | null }>(MODERATION_FLAG, { id: params.flagId })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isRefused(err) || isBadInput(err)) error(404, 'We couldn’t find that report.')
    console.error(`[web] moderation report: ${err.toLogString()}`)
    error(503, 'We can’t load this report right now. Please try again in a moment.')
  }
  if (!data.node || !('kind' in data.node)) error(404, 'We couldn’t find that report.')
  return { flag: data.node, decided: url.searchParams.get('decided') === '1', limits: await getLimits() }
}

export const actions: Actions = {
  decide: async ({ locals, url, params, request }) => {
    requireStaff(locals.viewer, url)
    const form = await request.formData()
    const action = String(form.get('action') ?? '')
    const reason = String(form.get('reason') ?? '').trim()
    const failure = (status: number, message: string, field?: string) =>
      fail(status, { action, reason, message, field })
    if (!ACTIONS.includes(action)) return failure(400, 'Choose what to do with it.', 'action')
    if (!reason) return failure(400, 'Give a reason: the author is shown it.', 'reason')
    let result: { __typename: string } | ResultError
    try {
      result = (
        await gql<{ decideFlag: { __typename: string } | ResultError }>(DECIDE_FLAG, {
          input: { flagId: params.flagId, action, reason },
        })
      ).decideFlag
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] decide report: ${err.toLogString()}`)
      if (isRefused(err)) error(404, 'We couldn’t find that report.')
      return failure(
        err.kind === 'network' ? 503 : 400,
        'We couldn’t record the decision. Nothing was changed; please try again.',
      )
    }
    if ('code' in result) return failure(resultErrorStatus(result), result.message, result.field ?? undefined)
    redirect(303, `${url.pathname}?decided=1`)
  },
}
