// The Q&A form actions the product page and the team's questions page share: ask, answer and
// vote. Plain form posts (no JavaScript needed); a refusal puts the text back with the reason,
// a success goes back to the page at the question.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit'
import { ANSWER_QUESTION, ASK_QUESTION, VOTE_ANSWER, type QaFailure, type QaResult } from '$lib/graphql/questions'
import { GatewayError, gql } from './gateway'
import { gatewayErrorStatus, resultErrorStatus } from './http-status'


async function mutate(what: string, query: string, input: Record<string, unknown>): Promise<QaResult | { failed: number; message: string }> {
  try {
    return Object.values(await gql<Record<string, QaResult>>(query, { input }))[0]!
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] ${what}: ${err.toLogString()}`)
    if (gatewayErrorStatus(err) === 401) return { failed: 401, message: 'Please sign in again.' }
    return { failed: err.kind === 'network' ? 503 : 400, message: 'That didn’t go through. Nothing was changed; please try again.' }
  }
}

/** Back to the page at `#question-<id>`, keeping its query (the page of questions shown). */
function backTo(event: RequestEvent, questionId: string): never {
  redirect(303, `${event.url.pathname}${event.url.search}#question-${encodeURIComponent(questionId)}`)
}

async function run(event: RequestEvent, failure: Omit<QaFailure, 'message'>, query: string, input: Record<string, unknown>, at: (r: QaResult) => string) {
  const result = await mutate(`${failure.form} (Q&A)`, query, input)
  if ('failed' in result) return fail(result.failed, { ...failure, message: result.message } satisfies QaFailure)
  if (result.code || !result.__typename || result.message) return fail(resultErrorStatus(result), { ...failure, message: result.message ?? 'That didn’t work.' } satisfies QaFailure)
  backTo(event, at(result))
}

export async function askAction(event: RequestEvent, productId: string) {
  if (!event.locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname)}`)
  const body = String((await event.request.formData()).get('body') ?? '').trim()
  if (!body) return fail(400, { form: 'ask', body, message: 'Write your question first.' } satisfies QaFailure)
  return run(event, { form: 'ask', body }, ASK_QUESTION, { productId, body }, (r) => r.id!)
}

export async function answerAction(event: RequestEvent) {
  if (!event.locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname)}`)
  const form = await event.request.formData()
  const questionId = String(form.get('questionId') ?? '')
  const body = String(form.get('body') ?? '').trim()
  if (!body) return fail(400, { form: 'answer', questionId, body, message: 'Write an answer first.' } satisfies QaFailure)
  return run(event, { form: 'answer', questionId, body }, ANSWER_QUESTION, { questionId, body }, () => questionId)
}

export async function voteAction(event: RequestEvent) {
  if (!event.locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname)}`)
  const form = await event.request.formData()
  const questionId = String(form.get('questionId') ?? '')
  const answerId = String(form.get('answerId') ?? '')
  return run(event, { form: 'vote', questionId, answerId }, VOTE_ANSWER, { answerId }, () => questionId)
}
