import { resolve } from '$app/paths'
import type { ResolvedPathname } from '$app/types'

/*
 * Internal links that `resolve()` from `$app/paths` can't express yet: it is typed against the
 * routes that exist today and takes no query string. These helpers build such links from
 * `resolve('/')`, so the base path is still applied, and keep the casts in one place. Links
 * using them carry an `eslint-disable-next-line svelte/no-navigation-without-resolve` with the
 * reason. When a route lands, replace its helper with `resolve('/its/[param]', { param })`.
 */

function withinApp(path: string): ResolvedPathname {
  return `${resolve('/')}${path.replace(/^\/+/, '')}` as ResolvedPathname
}

/** The home page, or a later page of its supplier list (cursor from `pageInfo.endCursor`). */
export function homeHref(after?: string | null): ResolvedPathname {
  return after ? withinApp(`?after=${encodeURIComponent(after)}`) : resolve('/')
}

/** A supplier's public page. The route `/suppliers/[slug]` is not built yet. */
export function supplierHref(slug: string): ResolvedPathname {
  return withinApp(`suppliers/${encodeURIComponent(slug)}`)
}

/** The sign-in page. Not built yet; the header links to it as a placeholder. */
export function signInHref(): ResolvedPathname {
  return withinApp('sign-in')
}

/** The page being shown (path and query), e.g. for a "Try again" link on the error page. */
export function currentHref(url: URL): ResolvedPathname {
  return `${url.pathname}${url.search}` as ResolvedPathname
}
