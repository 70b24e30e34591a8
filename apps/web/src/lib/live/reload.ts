// Reloading a page's data when a live event says it changed, without breaking a navigation.
import { invalidate } from '$app/navigation'
import { navigating } from '$app/state'

/** How long a burst of events is gathered into one reload, and how often a navigation is waited out. */
const SETTLE_MS = 250

/**
 * A debounced reload of `dependencies`, then `done`. It waits while a navigation is under way (a
 * form's redirect, a click): an invalidation then would reload the page being left and cancel the
 * navigation (SvelteKit renders the old URL, and e.g. a "Published." notice on the new one never
 * shows). The page the navigation lands on is loaded after the event anyway, so it is reloaded
 * only once that page is in place.
 */
export function liveReloader(dependencies: readonly string[]) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const reload = (done: () => void) => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (navigating.to) return reload(done)
      void Promise.all(dependencies.map((d) => invalidate(d))).then(done)
    }, SETTLE_MS)
  }
  return { reload, cancel: () => clearTimeout(timer) }
}
