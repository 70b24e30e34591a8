/** Where a person lands after signing in without a `next`: their team inbox, or the home page. */
export function landingPath(viewer: { memberships: Array<{ supplier: { slug: string } }> }): string {
  const first = viewer.memberships[0]
  return first ? `/suppliers/${encodeURIComponent(first.supplier.slug)}/inbox` : '/'
}
