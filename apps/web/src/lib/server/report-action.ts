// "Report": the form action every page with reviews, responses, questions or answers shares. A
// report goes to moderation (flagContent); the page comes back as it was (its sort, filters and
// page) with `reported=<id>`, which says thanks under the reported item.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit'
import type { ResultError } from '$lib/graphql/auth'
import { FLAG_CONTENT } from '$lib/graphql/reviews'
import { GatewayError, gql } from './gateway'
import { gatewayErrorStatus, resultErrorStatus } from './http-status'

const REPORT_REASONS: readonly string[] = ['SPAM', 'ABUSE', 'FAKE_REVIEW', 'OFF_PLATFORM_CONTACT', 'PRIVACY', 'OTHER']

/** The page's query without form-action keys or the last thanks. */
function pageQuery(url: URL): URLSearchParams {
  return new URLSearchParams([...url.searchParams].filter(([key]) => !key.startsWith('/') && key !== 'reported'))
}

/** The page's ?/report action, keeping the page's own query so the report comes back to it. */
export function reportActionHref(url: URL): string {
  const search = pageQuery(url).toString()
  return search ? `?${search}&/report` : '?/report'
}

export async function reportAction({ request, url, locals }: RequestEvent) {
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  const form = await request.formData()
  const contentId = String(form.get('contentId') ?? '')
  const reason = String(form.get('reason') ?? '')
  const details = String(form.get('details') ?? '').trim()
  const failure = (status: number, message: string) => fail(status, { report: { contentId, reason, details, message } })
  if (!REPORT_REASONS.includes(reason)) return failure(400, 'Choose what’s wrong.')
  let result: { __typename: string } | ResultError
  try {
    result = (await gql<{ flagContent: { __typename: string } | ResultError }>(FLAG_CONTENT, { input: { contentId, reason, details: details || null } })).flagContent
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] report content: ${err.toLogString()}`)
    if (gatewayErrorStatus(err) === 401) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
    return failure(err.kind === 'network' ? 503 : 400, 'We couldn’t send your report. Please try again.')
  }
  if ('code' in result) return failure(resultErrorStatus(result), result.message)
  const back = pageQuery(url)
  back.set('reported', contentId)
  redirect(303, `${url.pathname}?${back}`)
}
