// What the conversation page's form actions share: calling the gateway, failing with the
// fields the page puts back, and answering enhanced submits with data but plain posts with a
// redirect back to the page.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit'
import type { ResultError } from '$lib/graphql/auth'
import type { ConversationState, MessageData } from '$lib/messages'
import { GatewayError, gql } from '$lib/server/gateway'
import { gatewayErrorStatus } from '$lib/server/http-status'

/** Enhanced submits (fetch) get data back; plain form posts are redirected back to the page. */
export function isEnhanced(event: RequestEvent): boolean {
  return event.request.headers.get('x-sveltekit-action') === 'true'
}

export function back(event: RequestEvent, hash = ''): never {
  redirect(303, `/conversations/${encodeURIComponent(event.params.id ?? '')}${hash}`)
}

type Failure = {
  action: string
  message: string
  field?: string
  body?: string
  clientMessageId?: string
  replyToId?: string | null
}

export function failure(status: number, data: Failure) {
  return fail(status, data)
}

export function resultMessage(result: ResultError | { __typename: string }): string {
  return 'message' in result ? result.message : 'That didn’t work. Please try again.'
}

export async function run<T>(action: string, query: string, variables: Record<string, unknown>) {
  try {
    return { ok: true as const, data: await gql<T>(query, variables) }
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] conversation ${action}: ${err.toLogString()}`)
    if (gatewayErrorStatus(err) === 401) return { ok: false as const, status: 401, message: 'Please sign in again.' }
    const status = err.kind === 'network' ? 503 : 400
    const message =
      err.kind === 'network' ? 'We couldn’t reach the server. Please try again.' : 'That didn’t work. Please try again.'
    return { ok: false as const, status, message }
  }
}

export type MessageResult = ({ __typename: 'Message' } & MessageData) | ResultError
export type ConversationResult = ({ __typename: 'Conversation' } & ConversationState) | ResultError
export type SendResult =
  | {
      __typename: 'SendMessagePayload'
      duplicate: boolean
      notice: string | null
      sentMessage: MessageData
      conversation: ConversationState
    }
  | ResultError

export const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()
