import type { HandleServerError } from '@sveltejs/kit'

/**
 * Unexpected errors (bugs, crashed dependencies) end up here. The user gets a calm message and
 * an id they can quote; the log gets the full error under the same id. Expected errors thrown with
 * `error(status, …)` don't come through here.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
  const id = crypto.randomUUID()
  console.error(
    `[web] error ${id}: ${status} ${message} on ${event.request.method} ${event.url.pathname}${event.url.search}`,
    error,
  )
  return { message: 'Something went wrong on our side.', id }
}
