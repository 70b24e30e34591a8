/**
 * The status SvelteKit rendered a page with, from the `status: 404` line of its hydration script
 * (written only when the status isn't 200); null when there is none. Page data is serialised with
 * escaped newlines, so a line of its own can only be SvelteKit's.
 */
export function renderedStatus(html: string): number | null {
  const match = /\n\t*status: ([1-5]\d\d),?\n/.exec(html)
  return match ? Number(match[1]) : null
}
