/** The relationship's switches, as the page and its actions read and change them. */
export type RelationshipFlags = {
  blockedByBuyer: boolean
  blockedBySupplier: boolean
  viewerHidesReadReceipts: boolean
}
