/* Shapes shared by server code and components. GraphQL documents live in $lib/graphql. */

export type MemberRole = 'OWNER' | 'AGENT'

export type Membership = {
  role: MemberRole
  supplier: { id: string; slug: string; name: string }
  member: { id: string }
}

/** The signed-in person, as verified by the gateway for this request. */
export type Viewer = {
  user: { displayName: string; email: string }
  buyer: { id: string; displayName: string; timeZone: string } | null
  memberships: Membership[]
  isStaff: boolean
  /** A platform administrator: manages platform partners' keys and webhooks in the portal. */
  isAdmin: boolean
  /** Conversations with unread messages, as a buyer and on every team. */
  unreadCount: number
  /** Delivered orders the buyer is invited to review (open invitations). */
  reviewInvitationCount: number
  /** The bell's number: unread notifications. */
  unreadNotificationCount: number
}

export type Money = { amount: number; currency: string }

/** A supplier update's picture, served at /attachments/<id> (width and height are unknown for WebP). */
export type UpdateImage = { id: string; width: number | null; height: number | null }

/** A supplier update as the pages list it (the UPDATE_FIELDS selection). */
export type UpdateRow = {
  id: string
  title: string
  body: string
  publishedAt: string
  authorName: string
  supplier: { slug: string; name: string }
  image: UpdateImage | null
}

/** One gateway operation made while answering a request (for staff page statistics). */
export type GatewayCall = {
  operation: string
  /** Wall time seen by the web server, in ms. */
  ms: number
  /** `total` from the gateway's Server-Timing header, in ms, when it sent one. */
  gatewayMs: number | null
  ok: boolean
}

export type StaffStats = {
  requestId: string
  calls: GatewayCall[]
  /** Time to produce the response (loads and server render), in ms. */
  renderMs: number
}
