// Why someone at the platform opened a private conversation, as the access log stores it and as
// the parties read it. One home for the format: moderation writes it (@rapport/reviews), the
// conversation's access log reads it (@rapport/messaging).

/** The requests staff may open a conversation for besides a report, in the log's words. */
export const STAFF_ACCESS_REASONS = { SUPPORT_REQUEST: 'support request', LEGAL_REQUEST: 'legal request' } as const
export type StaffAccessReason = keyof typeof STAFF_ACCESS_REASONS

/** The stored reason for a report, or for a request with its reference (a ticket, a case). */
export const accessReason = {
  report: (flagId: string) => `report #${flagId}`,
  request: (reason: StaffAccessReason, reference: string) => `${STAFF_ACCESS_REASONS[reason]}: ${reference}`,
}

const REPORT = /^report #([0-9a-f-]{36})$/i
const REQUEST = new RegExp(`^(${Object.values(STAFF_ACCESS_REASONS).join('|')}): (.+)$`, 's')

/** A stored reason in the parties' words ("a report (#1a2b3c4d)", "a legal request (case 42)"), and the report's id. */
export function describeAccessReason(stored: string | null): { reason: string; reportId: string | null } {
  const report = stored ? REPORT.exec(stored) : null
  if (report) return { reason: `a report (#${report[1]!.slice(0, 8)})`, reportId: report[1]! }
  const request = stored ? REQUEST.exec(stored) : null
  if (request) return { reason: `a ${request[1]} (${request[2]})`, reportId: null }
  return { reason: stored?.trim() || 'no reason recorded', reportId: null }
}
