import { error, fail, redirect } from '@sveltejs/kit'
import { MARK_NOTIFICATIONS_READ, NOTIFICATIONS_PAGE } from '$lib/graphql/relationships'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput } from '$lib/server/http-status'
import type { Actions, PageServerLoad } from './$types'

const PAGE_SIZE = 20

export type NotificationRow = { id: string; kind: string; text: string; link: string; createdAt: string; isRead: boolean }
type Data = {
  viewer: {
    unreadNotificationCount: number
    notifications: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: NotificationRow }> }
  }
}

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  depends('app:notifications')
  const after = url.searchParams.get('after') || null
  let data: Data
  try {
    data = await gql<Data>(NOTIFICATIONS_PAGE, { first: PAGE_SIZE, after })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err) && after) error(400, 'That page of your notifications doesn’t exist.')
    console.error(`[web] notifications: ${err.toLogString()}`)
    error(503, 'We can’t load your notifications right now. Please try again in a moment.')
  }
  const page = data.viewer.notifications
  return {
    notifications: page.edges.map((e) => e.node),
    unread: data.viewer.unreadNotificationCount,
    next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
    firstPage: after === null,
  }
}

type ReadResult = { markNotificationsRead: { __typename: string; message?: string } }

async function markRead(input: { ids?: string[]; all?: boolean }): Promise<string | null> {
  try {
    const result = (await gql<ReadResult>(MARK_NOTIFICATIONS_READ, { input })).markNotificationsRead
    return result.__typename === 'MarkNotificationsReadPayload' ? null : (result.message ?? 'That didn’t work.')
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] mark notifications read: ${err.toLogString()}`)
    return 'That didn’t go through. Please try again.'
  }
}

/** Only paths on this site: a notification never sends anyone elsewhere. */
const safeLink = (link: string) => (link.startsWith('/') && !link.startsWith('//') ? link : '/notifications')

export const actions: Actions = {
  /** Opening a notification marks it read, then follows its link. */
  open: async ({ request, locals }) => {
    if (!locals.viewer) redirect(303, '/sign-in?next=%2Fnotifications')
    const form = await request.formData()
    const id = String(form.get('id') ?? '')
    const problem = await markRead({ ids: [id] })
    if (problem) return fail(400, { problem })
    redirect(303, safeLink(String(form.get('link') ?? '')))
  },
  readAll: async ({ locals }) => {
    if (!locals.viewer) redirect(303, '/sign-in?next=%2Fnotifications')
    const problem = await markRead({ all: true })
    if (problem) return fail(400, { problem })
    return { done: 'All caught up.' }
  },
}
