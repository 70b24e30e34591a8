// The relationships domain's limits, in one place (the web reads them through the gateway).
export const RELATIONSHIP_LIMITS = {
  updateTitleMax: 120,
  updateBodyMax: 2000,
  /**
   * Updates a supplier may post per rolling 24 hours. Following is consent to hear from a
   * supplier, not to be flooded: every update notifies every follower, and three a day is
   * room for news (a harvest, a restock, a closure) while keeping the feed worth reading.
   */
  updatesPerDay: 3,
  pageSizeMax: 100,
  pageSizeDefault: 20,
} as const
