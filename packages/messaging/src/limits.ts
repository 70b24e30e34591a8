// Every length, count and size messaging enforces, in one place. The gateway publishes them
// (Query.limits) and the web app reads them from there, so a form's maxlength and the rule
// that refuses the input can never disagree.
export const MESSAGING_LIMITS = {
  /** Characters in one message (and in a saved reply's body). */
  messageBody: 4000,
  /** Files attached to one message. */
  attachmentsPerMessage: 10,
  /** Bytes in one attached file. */
  attachmentBytes: 10 * 1024 * 1024,
  /** What a file may be (checked from its bytes, not its name). */
  attachmentTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'],
  /** Characters in a conversation's subject. */
  subject: 140,
  /** Characters in one label. */
  label: 32,
  /** Labels on one conversation. */
  labelsPerConversation: 10,
  /** Conversations changed by one bulk action (a page of the inbox and more). */
  bulkConversations: 50,
  /** Characters in a report's details. */
  reportDetails: 2000,
  /** Characters in a saved reply's title. */
  savedReplyTitle: 80,
  /** Characters of a search that are searched (longer ones are cut, and the person told). */
  searchQuery: 200,
  /** Characters in a supplier's away message. */
  awayMessage: 1000,
} as const

/** "10 MB", for messages about the file size limit. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`
}
