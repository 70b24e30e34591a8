import { resolve } from '$app/paths'
import type { ResolvedPathname } from '$app/types'

/*
 * Internal links with a query string, which `resolve()` from `$app/paths` can't express: it
 * takes no query. These helpers build such links from `resolve(…)`, so the base path is still
 * applied, and keep the casts in one place. Links using them carry an
 * `eslint-disable-next-line svelte/no-navigation-without-resolve` with the reason.
 */

function withQuery(path: string, query: Record<string, string | null | undefined>): ResolvedPathname {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value != null && value !== '') params.set(key, value)
  const search = params.toString()
  return (search ? `${path}?${search}` : path) as ResolvedPathname
}

/** The home page, or a later page of its supplier list (cursor from `pageInfo.endCursor`). */
export function homeHref(after?: string | null): ResolvedPathname {
  return withQuery(resolve('/'), { after })
}

/** A supplier's public page. */
export function supplierHref(slug: string): ResolvedPathname {
  return resolve('/suppliers/[slug]', { slug })
}

/** A product's page. */
export function productHref(id: string): ResolvedPathname {
  return resolve('/products/[id]', { id })
}

/** A conversation, optionally at an older page of its history. */
export function conversationHref(id: string, query: Record<string, string | null | undefined> = {}): ResolvedPathname {
  return withQuery(resolve('/conversations/[id]', { id }), query)
}

/**
 * A buyer and a supplier's history together (Relay ids of both), optionally at an older page of
 * its timeline (cursor from `pageInfo.endCursor`).
 */
export function relationshipHref(buyerId: string, supplierId: string, after?: string | null): ResolvedPathname {
  return withQuery(resolve('/relationships/[buyerId]/[supplierId]', { buyerId, supplierId }), { after })
}

/** The buyer's inbox with filters and a page cursor. */
export function inboxHref(query: Record<string, string | null | undefined> = {}): ResolvedPathname {
  return withQuery(resolve('/inbox'), query)
}

/** A supplier team's inbox with filters and a page cursor. */
export function teamInboxHref(slug: string, query: Record<string, string | null | undefined> = {}): ResolvedPathname {
  return withQuery(resolve('/suppliers/[slug]/inbox', { slug }), query)
}

/** The sign-in page; `next` is where to come back to afterwards. */
export function signInHref(next?: string | null): ResolvedPathname {
  return withQuery(resolve('/sign-in'), { next })
}

/** The sign-up page; `next` is where to come back to afterwards. */
export function signUpHref(next?: string | null): ResolvedPathname {
  return withQuery(resolve('/sign-up'), { next })
}

/** The page being shown (path and query), e.g. for a "Try again" link on the error page. */
export function currentHref(url: URL): ResolvedPathname {
  return `${url.pathname}${url.search}` as ResolvedPathname
}

/** A supplier's reviews, sorted and filtered (defaults left out), optionally at a later page. */
export function supplierReviewsHref(
  slug: string,
  query: { sort?: string | null; stars?: number | null; after?: string | null } = {},
): ResolvedPathname {
  return withQuery(resolve('/suppliers/[slug]/reviews', { slug }), {
    sort: query.sort === 'MOST_HELPFUL' ? null : query.sort,
    stars: query.stars ? String(query.stars) : null,
    after: query.after,
  })
}

/** The moderators' queue with its filters (defaults left out) and a page cursor. */
export function moderationHref(
  query: { status?: string | null; kind?: string | null; age?: string | null; after?: string | null } = {},
): ResolvedPathname {
  return withQuery(resolve('/moderation'), {
    status: query.status === 'open' ? null : query.status,
    kind: query.kind,
    age: query.age,
    after: query.after,
  })
}

/** One report, as a moderator decides it. */
export function moderationFlagHref(flagId: string): ResolvedPathname {
  return resolve('/moderation/[flagId]', { flagId })
}

/** Staff open a private conversation for a support or legal request (recorded in its access log). */
export function moderationConversationsHref(): ResolvedPathname {
  return resolve('/moderation/conversations')
}

/** Staff: timings of every operation, route and page, over the last hour (default) or day. */
export function moderationPerformanceHref(window: 'HOUR' | 'DAY' = 'HOUR'): ResolvedPathname {
  return withQuery(resolve('/moderation/performance'), { window: window === 'HOUR' ? null : window })
}

/** A team page that lists reviews, questions or reported content, with its filter and page cursor. */
export function teamListHref(slug: string, page: 'feedback' | 'questions' | 'flagged', query: Record<string, string | null | undefined> = {}): ResolvedPathname {
  const path =
    page === 'feedback'
      ? resolve('/suppliers/[slug]/feedback', { slug })
      : page === 'questions'
        ? resolve('/suppliers/[slug]/questions', { slug })
        : resolve('/suppliers/[slug]/flagged', { slug })
  return withQuery(path, query)
}
