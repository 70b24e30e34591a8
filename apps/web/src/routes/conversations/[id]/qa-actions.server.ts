// Publishing a question from this conversation as public Q&A: the team proposes, the buyer
// consents (named or not) or declines. Plain form posts; back to the conversation afterwards.
import { CONSENT_TO_PUBLIC_QUESTION, PROPOSE_PUBLIC_QUESTION, type QaResult } from '$lib/graphql/questions'
import { back, failure, run, text } from './action-support.server'
import type { Actions } from './$types'

const refusal = (r: QaResult) => r.message ?? 'That didn’t work. Please try again.'

export const qaActions = {
  propose: async (event) => {
    const form = await event.request.formData()
    const question = text(form, 'question').trim()
    const answer = text(form, 'answer').trim()
    if (!question || !answer) return failure(400, { action: 'propose', message: 'Write both the question and its answer as they should be published.' })
    const outcome = await run<{ proposePublicQuestion: QaResult }>('propose public question', PROPOSE_PUBLIC_QUESTION, {
      input: { conversationId: event.params.id, question, answer },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'propose', message: outcome.message })
    const result = outcome.data.proposePublicQuestion
    if (result.__typename !== 'PublicQuestionProposal') return failure(400, { action: 'propose', message: refusal(result) })
    back(event, '#public-questions')
  },

  consent: async (event) => {
    const form = await event.request.formData()
    const proposalId = text(form, 'proposalId')
    const consent = text(form, 'decision') === 'publish'
    const outcome = await run<{ consentToPublicQuestion: QaResult }>('consent to public question', CONSENT_TO_PUBLIC_QUESTION, {
      input: { proposalId, consent, showName: consent && text(form, 'showName') === 'on' },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'consent', message: outcome.message })
    const result = outcome.data.consentToPublicQuestion
    if (result.__typename !== 'PublicQuestionProposal') return failure(400, { action: 'consent', message: refusal(result) })
    back(event, '#public-questions')
  },
} satisfies Actions
