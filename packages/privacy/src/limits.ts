// Limits and wording with one home: the gateway's Limits, the web's pages and the emails read them here.
export const PRIVACY_LIMITS = {
  /** How long a built archive may be downloaded (once). */
  exportDownloadHours: 72,
  /** Requests per person per rolling day: an archive is a whole account's data, built by a job. */
  exportsPerDay: 3,
} as const

/** The name a deleted person's messages, answers and reviews show in others' histories. */
export const DELETED_USER_NAME = 'Deleted user'
