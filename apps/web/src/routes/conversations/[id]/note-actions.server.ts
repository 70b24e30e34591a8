// The team's internal notes: writing one (the composer's "Internal note" mode). The gateway
// refuses anyone outside the supplier's team, so the buyer can't write one even by posting here.
import { ADD_INTERNAL_NOTE } from '$lib/graphql/messaging'
import type { ResultError } from '$lib/graphql/auth'
import { getLimits } from '$lib/server/limits'
import { resultErrorStatus } from '$lib/server/http-status'
import { back, failure, isEnhanced, resultMessage, run, text } from './action-support.server'
import type { InternalNote } from './internal-notes'
import type { RequestEvent } from '@sveltejs/kit'
import type { Actions } from './$types'

type AddNoteResult = ({ __typename: 'InternalNote' } & InternalNote) | ResultError

/**
 * Adds the note the form holds. Also reached through `send` when the composer's mode switch says
 * "note": without JavaScript the switch is a radio button in the one form, posted with it.
 */
export async function addNote(event: RequestEvent, form: FormData) {
  const body = text(form, 'body')
  // The draft goes back with a refusal (so nothing written is lost) and keeps the composer on notes.
  const refuse = (status: number, message: string, field?: string) =>
    failure(status, { action: 'note', message, field, body })
  if (!body) return refuse(400, 'Write the note first.', 'body')
  const limits = await getLimits()
  if (body.length > limits.messageBodyMaxLength)
    return refuse(400, `Keep it under ${limits.messageBodyMaxLength.toLocaleString('en')} characters.`, 'body')

  const outcome = await run<{ addInternalNote: AddNoteResult }>('note', ADD_INTERNAL_NOTE, {
    input: { conversationId: event.params.id, body },
  })
  if (!outcome.ok) return refuse(outcome.status, outcome.message)
  const result = outcome.data.addInternalNote
  if (!('sequence' in result)) {
    return refuse(
      resultErrorStatus(result),
      resultMessage(result),
      'field' in result && result.field === 'body' ? 'body' : undefined,
    )
  }
  if (isEnhanced(event)) return { action: 'note' as const, note: result as InternalNote }
  back(event, `#note${result.sequence}`)
}

export const noteActions = {
  note: async (event) => addNote(event, await event.request.formData()),
} satisfies Actions
