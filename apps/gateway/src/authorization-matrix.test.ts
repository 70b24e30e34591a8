// Every query, mutation and subscription in the schema, run as each kind of viewer over HTTP
// and over graphql-ws, against what each may do. A root field without an entry here fails
// the test: new API surface must state who may use it.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession, hashPassword, inviteMember, resolveSession } from '@rapport/identity'
import { createApiKey } from '@rapport/partners'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schema } from './schema.ts'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

// People, and two API keys: alpha's own integration (made by its owner, every scope) and a
// platform partner's (made by an admin: read:suppliers, read:reviews, read:metrics). A key acts
// as its creator narrowed to its supplier and scopes, so it is denied what people-only fields do.
const PEOPLE = ['anonymous', 'buyer', 'otherBuyer', 'agent', 'owner', 'otherSupplier', 'moderator'] as const
const KEYS = ['ownerKey', 'platformKey'] as const
const ROLES = [...PEOPLE, ...KEYS] as const
type Role = (typeof ROLES)[number]
type Fixtures = {
  conversation: string
  message: string
  savedReply: (transport: string, role: Role) => string
  anySavedReply: string
  agentMember: string
  supplierA: string
  invitationA: string
  buyerA: string
  order: string
  /** A shipped order of supplier A, for its team to mark delivered. */
  shippedOrder: string
  review: string
  /** A delivered order of the buyer's with an open review invitation. */
  invitedOrder: string
  doomedReview: (transport: string) => string
  /** An open report per transport (the moderator's decision closes it). */
  flag: (transport: string) => string
  extraMember: (transport: string) => string
  revocable: (transport: string) => string
  invitationToken: string
  emailSeq: () => number
  product: string
  question: string
  answer: string
  proposal: (transport: string) => string
  /** An API key of alpha's per transport, for the owner to revoke or rotate. */
  doomedKey: (transport: string, use: 'revoke' | 'rotate') => string
  /** Alpha's webhook endpoint (updated, rotated) and a delivery to it (replayed). */
  endpoint: string
  delivery: string
  /** An endpoint per transport and allowed role, for deleting. */
  doomedEndpoint: (transport: string, role: Role) => string
}
type Entry = {
  /** The root field (or `Type.field` for a guarded nested field) this entry covers. */
  covers: string
  query: string
  variables?: (f: Fixtures, role: Role, transport: 'http' | 'ws') => Record<string, unknown>
  /** Subscriptions run over graphql-ws only. */
  wsOnly?: boolean
  allowed: readonly Role[]
  /** Where a denied read shows up as null instead of an error (node lookups), or as [] / null (team-only fields). */
  nullWhenDenied?: (data: Record<string, unknown>) => unknown
  /** Needs a session of its own (signOut ends the one it uses). */
  freshSession?: boolean
  /** Undoes what the allowed calls changed, so later entries see the same world. */
  cleanup?: () => Promise<void>
}

/** Every person (keys are listed where they may go). */
const ALL = PEOPLE
/** Public data: every person and every key that holds the scope. */
const PUBLIC = ROLES
const SIGNED_IN = PEOPLE.filter((r) => r !== 'anonymous')
const PARTICIPANTS = ['buyer', 'agent', 'owner'] as const
const TEAM_A = ['agent', 'owner'] as const
const gid = (type: string, id: string) => encodeGlobalID(type, id)
const conv = (f: Fixtures) => gid('Conversation', f.conversation)
const msg = (f: Fixtures) => gid('Message', f.message)
/** A team-only list reads as denied when it comes back empty. */
const teamOnly = (list: unknown[] | undefined) => (list?.length ? list : null)

const MATRIX: Entry[] = [
  { covers: 'Query.viewer', query: '{ viewer { user { displayName email } } }', allowed: ALL },
  { covers: 'Query.suppliers', query: '{ suppliers(first: 2) { totalCount edges { node { name team { displayName } } } } }', allowed: PUBLIC },
  { covers: 'Query.supplier', query: '{ supplier(slug: "alpha") { name serviceHours { weekday } ratingSummary { count } reviews(first: 2) { edges { node { rating authorName versions { version } } } } products(first: 1) { edges { node { name ratingSummary { count } questions(first: 2) { edges { node { body askerName answers { body fromSupplier responder { displayName role } } } } } } } } questions(first: 2, unanswered: true) { edges { node { body } } } } }', allowed: PUBLIC },
  { covers: 'Query.savedReplyPlaceholders', query: '{ savedReplyPlaceholders { key description example } }', allowed: PUBLIC },
  { covers: 'Query.products', query: '{ products(first: 2, search: "oil") { edges { node { name } } } }', allowed: PUBLIC },
  {
    covers: 'Query.product',
    query: 'query($id: ID!) { product(id: $id) { name } }',
    variables: () => ({ id: encodeGlobalID('Product', '01900000-0000-7000-8000-000000000000') }),
    allowed: PUBLIC,
  },
  {
    covers: 'Query.node',
    query: 'query($id: ID!) { node(id: $id) { id ... on Supplier { name } } }',
    variables: (f) => ({ id: encodeGlobalID('Supplier', f.supplierA) }),
    allowed: PUBLIC,
  },
  {
    covers: 'Query.node',
    query: 'query($id: ID!) { node(id: $id) { id ... on Invitation { email } } }',
    variables: (f) => ({ id: encodeGlobalID('Invitation', f.invitationA) }),
    allowed: ['owner'],
    nullWhenDenied: (d) => d.node,
  },
  {
    covers: 'Query.nodes',
    query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Buyer { displayName } } }',
    variables: (f) => ({ ids: [encodeGlobalID('Buyer', f.buyerA)] }),
    allowed: ['buyer', 'moderator'],
    nullWhenDenied: (d) => (d.nodes as unknown[])[0],
  },
  {
    covers: 'Supplier.invitations',
    query: '{ supplier(slug: "alpha") { invitations { email } } }',
    allowed: ['owner'],
  },
  {
    covers: 'Mutation.signUp',
    query: 'mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }',
    variables: (f, role) => ({
      input: { accountType: 'BUYER', email: `new-${role}-${f.emailSeq()}@example.com`, password: 'long enough password', displayName: 'New' },
    }),
    allowed: ALL,
  },
  {
    covers: 'Mutation.signIn',
    query: 'mutation { signIn(input: { email: "nobody@example.com", password: "whatever it is" }) { __typename } }',
    allowed: ALL,
  },
  { covers: 'Query.limits', query: '{ limits { messageBodyMaxLength attachmentsPerMessage attachmentMaxBytes pageSizeMax } }', allowed: PUBLIC },
  {
    covers: 'Query.invitation',
    query: 'query($token: String!) { invitation(token: $token) { role emailHint state supplier { name } } }',
    variables: (f) => ({ token: f.invitationToken }),
    allowed: ALL,
  },
  { covers: 'Mutation.signOut', query: 'mutation { signOut }', allowed: SIGNED_IN, freshSession: true },
  {
    covers: 'Mutation.inviteTeamMember',
    query: 'mutation($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) { __typename } }',
    variables: (f, role) => ({ input: { supplierId: encodeGlobalID('Supplier', f.supplierA), email: `inv-${role}-${f.emailSeq()}@example.com` } }),
    allowed: ['owner'],
  },
  {
    covers: 'Mutation.removeTeamMember',
    query: 'mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { __typename } }',
    variables: (f, _role, transport) => ({ input: { memberId: encodeGlobalID('TeamMember', f.extraMember(transport)) } }),
    allowed: ['owner'],
  },
  {
    covers: 'Mutation.revokeInvitation',
    query: 'mutation($input: RevokeInvitationInput!) { revokeInvitation(input: $input) { __typename } }',
    variables: (f, _role, transport) => ({ input: { invitationId: encodeGlobalID('Invitation', f.revocable(transport)) } }),
    allowed: ['owner'],
  },
  // ── messaging
  {
    covers: 'Query.conversation',
    query: 'query($id: ID!) { conversation(id: $id) { id status lastSequence unreadCount messages(last: 5) { edges { node { body } } } readPositions { side } } }',
    variables: (f) => ({ id: conv(f) }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
    nullWhenDenied: (d) => d.conversation,
  },
  {
    covers: 'Query.node',
    query: 'query($id: ID!) { node(id: $id) { id ... on Conversation { status } } }',
    variables: (f) => ({ id: conv(f) }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
    nullWhenDenied: (d) => d.node,
  },
  {
    covers: 'Query.node',
    query: 'query($id: ID!) { node(id: $id) { id ... on Message { body } } }',
    variables: (f) => ({ id: msg(f) }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
    nullWhenDenied: (d) => d.node,
  },
  // ── team-only fields: the supplier team's notes resolve to [] / null for everyone else (the buyer included)
  {
    covers: 'Conversation.labels',
    query: 'query($id: ID!) { conversation(id: $id) { labels } }',
    variables: (f) => ({ id: conv(f) }),
    allowed: [...TEAM_A, 'ownerKey'],
    nullWhenDenied: (d) => teamOnly((d.conversation as { labels?: string[] } | null)?.labels),
  },
  {
    covers: 'Conversation.assignee',
    query: 'query($id: ID!) { conversation(id: $id) { assignee { displayName } } }',
    variables: (f) => ({ id: conv(f) }),
    allowed: [...TEAM_A, 'ownerKey'],
    nullWhenDenied: (d) => (d.conversation as { assignee?: unknown } | null)?.assignee,
  },
  {
    covers: 'Conversation.labels',
    query: 'query($id: ID!) { node(id: $id) { ... on Conversation { labels assignee { id } } } }',
    variables: (f) => ({ id: conv(f) }),
    allowed: [...TEAM_A, 'ownerKey'],
    nullWhenDenied: (d) => {
      const node = d.node as { labels: string[]; assignee: unknown } | null
      return node && (teamOnly(node.labels) ?? node.assignee)
    },
  },
  {
    // The buyer's own inbox lists the conversation, without the team's notes; nobody else sees it there.
    covers: 'Viewer.conversations',
    query: '{ viewer { conversations(first: 5) { edges { node { labels assignee { id } } } } } }',
    allowed: [],
    nullWhenDenied: (d) => {
      const edges = ((d.viewer as { conversations: { edges: { node: { labels: string[]; assignee: unknown } }[] } } | null)?.conversations.edges ?? [])
      return edges.find((e) => e.node.labels.length || e.node.assignee)
    },
  },
  {
    covers: 'Conversation.labels',
    query: '{ supplier(slug: "alpha") { inbox(first: 5) { edges { node { labels assignee { id } } } } } }',
    allowed: [...TEAM_A, 'ownerKey'],
    nullWhenDenied: (d) => (d.supplier as { inbox: { edges: { node: { labels: string[] } }[] } }).inbox.edges.find((e) => e.node.labels.length),
  },
  { covers: 'Supplier.inbox', query: '{ supplier(slug: "alpha") { inbox(first: 5) { edges { node { id } } } } }', allowed: [...TEAM_A, 'ownerKey'] },
  { covers: 'Supplier.savedReplies', query: '{ supplier(slug: "alpha") { savedReplies { title } } }', allowed: [...TEAM_A, 'ownerKey'] },
  { covers: 'Supplier.responseMetricsByAgent', query: '{ supplier(slug: "alpha") { responseMetricsByAgent { displayName } } }', allowed: [...TEAM_A, 'ownerKey'] },
  { covers: 'Supplier.responseMetricsTrend', query: '{ supplier(slug: "alpha") { responseMetricsTrend(weeks: 2) { start } } }', allowed: [...TEAM_A, 'ownerKey'] },
  { covers: 'Supplier.awayMessage', query: '{ supplier(slug: "alpha") { awayMessage } }', allowed: [...TEAM_A, 'ownerKey'] },
  // What of the supplier's content was reported, and the outcome: its team only (moderators have the queue).
  {
    covers: 'Supplier.flaggedContent',
    query: '{ supplier(slug: "alpha") { flaggedContent(first: 5) { openCount edges { node { state reasons decision { publicReason } } } } } }',
    allowed: TEAM_A,
    // Allowed means the team reads the reported question (a fixture), not merely an empty list.
    nullWhenDenied: (d) => (d.supplier as { flaggedContent: { edges: unknown[] } } | null)?.flaggedContent.edges[0],
  },
  { covers: 'Supplier.responseIntervals', query: '{ supplier(slug: "alpha") { responseIntervals(first: 2) { pageInfo { hasNextPage } edges { node { openedAt businessSeconds answeredBy { displayName } } } } } }', allowed: [...TEAM_A, 'ownerKey'] },
  {
    covers: 'Query.node',
    query: 'query($id: ID!) { node(id: $id) { id ... on Order { number total { amount } } } }',
    variables: (f) => ({ id: gid('Order', f.order) }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
    nullWhenDenied: (d) => d.node,
  },
  {
    covers: 'Query.conversation',
    query: 'query($id: ID!) { conversation(id: $id) { relationship { blockedByBuyer orderCount orders { number } otherConversations { id } } } }',
    variables: (f) => ({ id: conv(f) }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
    nullWhenDenied: (d) => d.conversation,
  },
  {
    // A supplier's inbox: its team (and its key) only.
    covers: 'Query.searchMessages',
    query: 'query($s: ID!) { searchMessages(query: "wholesale", supplierId: $s) { __typename ... on MessageSearchConnection { notice edges { node { snippet } } } } }',
    variables: (f) => ({ s: gid('Supplier', f.supplierA) }),
    allowed: [...TEAM_A, 'ownerKey'],
  },
  {
    // One's own conversations as a buyer: any signed-in person may ask (others' never come back).
    covers: 'Query.searchMessages',
    query: '{ searchMessages(query: "wholesale") { __typename ... on MessageSearchConnection { edges { node { snippet } } } } }',
    allowed: [...SIGNED_IN, 'ownerKey'],
  },
  {
    // The team's notes: the buyer gets the conversation, never its notes (null with FORBIDDEN).
    covers: 'Query.conversation',
    query: 'query($id: ID!) { conversation(id: $id) { lastNoteSequence internalNotes(first: 5) { edges { node { body authorName } } } } }',
    variables: (f) => ({ id: conv(f) }),
    allowed: [...TEAM_A, 'ownerKey'],
    nullWhenDenied: (d) => (d.conversation as { internalNotes?: unknown } | null)?.internalNotes,
  },
  { covers: 'Supplier.responseMetrics', query: '{ supplier(slug: "alpha") { responseMetrics { conversations } } }', allowed: PUBLIC },
  {
    covers: 'Mutation.startConversation',
    query: 'mutation($input: StartConversationInput!) { startConversation(input: $input) { __typename } }',
    variables: (f, role, transport) => ({ input: { supplierId: gid('Supplier', f.supplierA), body: 'Hello', clientMessageId: `start-${transport}-${role}` } }),
    allowed: ['buyer', 'otherBuyer'],
  },
  {
    covers: 'Mutation.sendMessage',
    query: 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }',
    variables: (f, role, transport) => ({ input: { conversationId: conv(f), body: 'Hi', clientMessageId: `send-${transport}-${role}` } }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
  },
  {
    covers: 'Mutation.editMessage',
    query: 'mutation($input: EditMessageInput!) { editMessage(input: $input) { __typename } }',
    variables: (f) => ({ input: { messageId: msg(f), body: 'Edited' } }),
    allowed: ['buyer'],
  },
  {
    covers: 'Mutation.react',
    query: 'mutation($input: ReactInput!) { react(input: $input) { __typename } }',
    variables: (f) => ({ input: { messageId: msg(f), emoji: '👍' } }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
  },
  {
    covers: 'Mutation.markRead',
    query: 'mutation($input: MarkReadInput!) { markRead(input: $input) { __typename } }',
    variables: (f) => ({ input: { conversationId: conv(f), sequence: 1 } }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
  },
  {
    covers: 'Mutation.setTyping',
    query: 'mutation($input: SetTypingInput!) { setTyping(input: $input) }',
    variables: (f) => ({ input: { conversationId: conv(f), typing: false } }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
  },
  ...(['assignConversation', 'setConversationStatus', 'setConversationLabels'] as const).map((name) => ({
    covers: `Mutation.${name}`,
    query: `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`,
    variables: (f: Fixtures) => ({
      input:
        name === 'assignConversation'
          ? { conversationId: conv(f), assigneeId: gid('TeamMember', f.agentMember) }
          : name === 'setConversationStatus'
            ? { conversationId: conv(f), status: 'AWAITING_BUYER' }
            : { conversationId: conv(f), labels: ['wholesale'] },
    }),
    allowed: [...TEAM_A, 'ownerKey'] as Role[],
  })),
  {
    covers: 'Mutation.updateConversations',
    query: 'mutation($input: UpdateConversationsInput!) { updateConversations(input: $input) { __typename } }',
    variables: (f) => ({ input: { supplierId: encodeGlobalID('Supplier', f.supplierA), conversationIds: [conv(f)], addLabels: ['wholesale'] } }),
    allowed: [...TEAM_A, 'ownerKey'],
  },
  {
    covers: 'Mutation.setViewing',
    query: 'mutation($input: SetViewingInput!) { setViewing(input: $input) }',
    variables: (f) => ({ input: { conversationId: conv(f), viewing: false } }),
    allowed: [...TEAM_A],
  },
  {
    covers: 'Mutation.addInternalNote',
    query: 'mutation($input: AddInternalNoteInput!) { addInternalNote(input: $input) { __typename } }',
    variables: (f) => ({ input: { conversationId: conv(f), body: 'Checked the kiln schedule: ships Monday.' } }),
    allowed: [...TEAM_A, 'ownerKey'],
  },
  {
    covers: 'Mutation.confirmResolved',
    query: 'mutation($input: ConfirmResolvedInput!) { confirmResolved(input: $input) { __typename } }',
    variables: (f) => ({ input: { conversationId: conv(f) } }),
    allowed: ['buyer'],
  },
  {
    covers: 'Mutation.setConversationBlocked',
    query: 'mutation($input: SetConversationBlockedInput!) { setConversationBlocked(input: $input) { __typename } }',
    variables: (f) => ({ input: { conversationId: conv(f), blocked: false } }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
  },
  {
    covers: 'Mutation.setReadReceiptsHidden',
    query: 'mutation($input: SetReadReceiptsHiddenInput!) { setReadReceiptsHidden(input: $input) { __typename } }',
    variables: (f) => ({ input: { conversationId: conv(f), hidden: false } }),
    allowed: PARTICIPANTS,
  },
  {
    covers: 'Mutation.reportConversation',
    query: 'mutation($input: ReportConversationInput!) { reportConversation(input: $input) { __typename } }',
    variables: (f) => ({ input: { conversationId: conv(f), reason: 'SPAM' } }),
    allowed: PARTICIPANTS,
  },
  {
    covers: 'Mutation.saveSavedReply',
    query: 'mutation($input: SaveSavedReplyInput!) { saveSavedReply(input: $input) { __typename } }',
    variables: (f, role, transport) => ({ input: { supplierId: gid('Supplier', f.supplierA), title: `Reply ${transport} ${role}`, body: 'Thanks {{buyer.firstName}}!' } }),
    allowed: TEAM_A,
  },
  {
    covers: 'Mutation.deleteSavedReply',
    query: 'mutation($input: DeleteSavedReplyInput!) { deleteSavedReply(input: $input) { __typename } }',
    variables: (f, role, transport) => ({ input: { id: f.savedReply(transport, role) } }),
    allowed: TEAM_A,
  },
  {
    covers: 'Mutation.renderSavedReply',
    query: 'mutation($input: RenderSavedReplyInput!) { renderSavedReply(input: $input) { __typename } }',
    variables: (f) => ({ input: { conversationId: conv(f), savedReplyId: f.anySavedReply } }),
    allowed: [...TEAM_A, 'ownerKey'],
  },
  {
    covers: 'Mutation.updateSupplierSettings',
    query: 'mutation($input: UpdateSupplierSettingsInput!) { updateSupplierSettings(input: $input) { __typename } }',
    variables: (f) => ({ input: { supplierId: gid('Supplier', f.supplierA), responseTarget: 14400 } }),
    allowed: ['owner'],
  },
  {
    covers: 'Mutation.setPresenceVisibility',
    query: 'mutation { setPresenceVisibility(input: { visibility: VISIBLE }) }',
    allowed: SIGNED_IN,
  },
  {
    covers: 'Mutation.requestDataExport',
    query: 'mutation { requestDataExport { __typename } }',
    // Everyone signed in, for themselves (a second request while one is built is a conflict, not a denial).
    allowed: SIGNED_IN,
    cleanup: async () => {
      await db.prisma.dataExport.deleteMany({})
    },
  },
  {
    covers: 'Mutation.deleteAccount',
    // A wrong password: allowed callers are asked for the right one (nothing is deleted here).
    query: 'mutation { deleteAccount(input: { password: "not the password" }) { __typename } }',
    allowed: SIGNED_IN,
  },
  {
    covers: 'Buyer.responseMetrics',
    query: 'query($id: ID!) { conversation(id: $id) { buyer { responseMetrics { conversations } } } }',
    variables: (f) => ({ id: conv(f) }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
    nullWhenDenied: (d) => d.conversation,
  },
  {
    covers: 'Mutation.deleteMessage',
    query: 'mutation($input: DeleteMessageInput!) { deleteMessage(input: $input) { __typename } }',
    variables: (f) => ({ input: { messageId: msg(f) } }),
    allowed: ['buyer'],
  },
  {
    covers: 'Mutation.writeReview',
    query: 'mutation($input: WriteReviewInput!) { writeReview(input: $input) { __typename } }',
    // The order is the buyer's but not delivered: the buyer gets past authorization to NotDeliveredError.
    variables: (f) => ({ input: { orderId: gid('Order', f.order), rating: 5, body: 'Lovely.' } }),
    allowed: ['buyer'],
  },
  {
    covers: 'Mutation.updateReview',
    query: 'mutation($input: UpdateReviewInput!) { updateReview(input: $input) { __typename } }',
    variables: (f) => ({ input: { reviewId: gid('Review', f.review), rating: 4, body: 'Still lovely.' } }),
    allowed: ['buyer'],
  },
  {
    covers: 'Mutation.deleteReview',
    query: 'mutation($input: DeleteReviewInput!) { deleteReview(input: $input) { __typename } }',
    variables: (f, _role, transport) => ({ input: { reviewId: gid('Review', f.doomedReview(transport)) } }),
    allowed: ['buyer'],
  },
  {
    covers: 'Mutation.voteHelpful',
    query: 'mutation($input: VoteHelpfulInput!) { voteHelpful(input: $input) { __typename } }',
    variables: (f) => ({ input: { reviewId: gid('Review', f.review) } }),
    // Everyone signed in but its author.
    allowed: ['otherBuyer', 'agent', 'owner', 'otherSupplier', 'moderator'],
  },
  {
    covers: 'Mutation.respondToReview',
    query: 'mutation($input: RespondToReviewInput!) { respondToReview(input: $input) { __typename } }',
    variables: (f, role) => ({ input: { reviewId: gid('Review', f.review), body: `Thank you (${role}).` } }),
    allowed: [...TEAM_A, 'ownerKey'],
  },
  {
    covers: 'Mutation.markOrderDelivered',
    query: 'mutation($input: MarkOrderDeliveredInput!) { markOrderDelivered(input: $input) { __typename ... on Order { status } } }',
    // Repeating a delivery changes nothing, so both team roles and transports may run it.
    variables: (f) => ({ input: { orderId: gid('Order', f.shippedOrder) } }),
    allowed: TEAM_A,
  },
  {
    covers: 'Mutation.dismissReviewInvitation',
    query: 'mutation($input: DismissReviewInvitationInput!) { dismissReviewInvitation(input: $input) { __typename } }',
    variables: (f) => ({ input: { orderId: gid('Order', f.invitedOrder) } }),
    allowed: ['buyer'],
  },
  // ── relationships and notifications
  {
    covers: 'Mutation.follow',
    query: 'mutation($input: FollowInput!) { follow(input: $input) { __typename } }',
    variables: (f) => ({ input: { supplierId: gid('Supplier', f.supplierA) } }),
    allowed: ['buyer', 'otherBuyer'],
    cleanup: async () => {
      await db.prisma.follow.deleteMany({})
      await db.prisma.notification.deleteMany({})
    },
  },
  {
    covers: 'Mutation.unfollow',
    query: 'mutation($input: UnfollowInput!) { unfollow(input: $input) { __typename } }',
    variables: (f) => ({ input: { supplierId: gid('Supplier', f.supplierA) } }),
    allowed: ['buyer', 'otherBuyer'],
  },
  {
    // Buyers may (a buyer who does not follow gets a ValidationError saying to follow first).
    covers: 'Mutation.muteSupplier',
    query: 'mutation($input: MuteSupplierInput!) { muteSupplier(input: $input) { __typename } }',
    variables: (f) => ({ input: { supplierId: gid('Supplier', f.supplierA), muted: true } }),
    allowed: ['buyer', 'otherBuyer'],
  },
  {
    covers: 'Mutation.postSupplierUpdate',
    query: 'mutation($input: PostSupplierUpdateInput!) { postSupplierUpdate(input: $input) { __typename } }',
    variables: (f, role) => ({ input: { supplierId: gid('Supplier', f.supplierA), title: `News (${role})`, body: 'Something new.' } }),
    allowed: TEAM_A,
    cleanup: async () => {
      await db.prisma.supplierUpdate.deleteMany({})
    },
  },
  {
    covers: 'Query.relationship',
    query: 'query($b: ID!, $s: ID!) { relationship(buyerId: $b, supplierId: $s) { orderCount timeline(first: 5) { edges { node { kind at } } } } }',
    variables: (f) => ({ b: encodeGlobalID('Buyer', f.buyerA), s: encodeGlobalID('Supplier', f.supplierA) }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
    nullWhenDenied: (d) => d.relationship,
  },
  {
    // The pair's health is the team's view; the buyer sees the timeline but not this.
    covers: 'Relationship.health',
    query: 'query($b: ID!, $s: ID!) { relationship(buyerId: $b, supplierId: $s) { health { orderCount openConversationCount } } }',
    variables: (f) => ({ b: encodeGlobalID('Buyer', f.buyerA), s: encodeGlobalID('Supplier', f.supplierA) }),
    allowed: [...TEAM_A, 'ownerKey'],
    nullWhenDenied: (d) => (d.relationship as { health?: unknown } | null)?.health ?? null,
  },
  { covers: 'Query.supplierUpdates', query: '{ supplierUpdates(first: 5) { edges { node { title } } } }', allowed: SIGNED_IN },
  { covers: 'Query.notificationPreferences', query: '{ notificationPreferences { kind channel enabled } }', allowed: SIGNED_IN },
  {
    covers: 'Mutation.markNotificationsRead',
    query: 'mutation { markNotificationsRead(input: { all: true }) { __typename } }',
    allowed: SIGNED_IN,
  },
  {
    covers: 'Mutation.updateNotificationPreferences',
    query: 'mutation { updateNotificationPreferences(input: { preferences: [{ kind: SUPPLIER_UPDATE, channel: EMAIL, enabled: true }] }) { __typename } }',
    allowed: SIGNED_IN,
  },
  {
    // The token is the proof (links in emails work signed out); a wrong one is NOT_FOUND for everyone.
    covers: 'Mutation.unsubscribeEmail',
    query: 'mutation { unsubscribeEmail(input: { token: "not-a-token-anyone-was-given" }) { __typename } }',
    allowed: [],
  },
  { covers: 'Subscription.notificationEvents', query: 'subscription { notificationEvents { kind } }', allowed: SIGNED_IN, wsOnly: true },
  // ── moderation
  {
    covers: 'Mutation.flagContent',
    query: 'mutation($input: FlagContentInput!) { flagContent(input: $input) { __typename } }',
    variables: (f) => ({ input: { contentId: gid('Review', f.review), reason: 'SPAM' } }),
    // Everyone signed in but its author (CannotFlagOwnContentError).
    allowed: ['otherBuyer', 'agent', 'owner', 'otherSupplier', 'moderator'],
    cleanup: async () => {
      await db.prisma.flag.deleteMany({ where: { targetType: 'REVIEW' } })
    },
  },
  {
    covers: 'Query.performanceStats',
    query: '{ performanceStats { __typename } }',
    allowed: ['moderator'],
  },
  {
    covers: 'Mutation.openConversationForRequest',
    query: 'mutation($input: OpenConversationForRequestInput!) { openConversationForRequest(input: $input) { __typename } }',
    variables: (f) => ({ input: { conversationId: conv(f), reason: 'SUPPORT_REQUEST', reference: 'ticket 1234' } }),
    allowed: ['moderator'],
  },
  {
    covers: 'Mutation.decideFlag',
    query: 'mutation($input: DecideFlagInput!) { decideFlag(input: $input) { __typename } }',
    variables: (f, _role, transport) => ({ input: { flagId: gid('Flag', f.flag(transport)), action: 'KEEP', reason: 'Fine.' } }),
    allowed: ['moderator'],
    // Keeping one report closes every open one about the conversation: open them again.
    cleanup: async () => {
      await db.prisma.flag.updateMany({ where: { targetType: 'CONVERSATION' }, data: { status: 'OPEN', resolvedAt: null } })
    },
  },
  {
    covers: 'Query.moderationQueue',
    query: '{ moderationQueue(first: 5) { edges { node { reason reporterName reportCount content { kind } decisions { action } } } } }',
    allowed: ['moderator'],
  },
  {
    covers: 'Query.node',
    query: 'query($id: ID!) { node(id: $id) { id ... on Flag { reason } } }',
    variables: (f) => ({ id: gid('Flag', f.flag('http')) }),
    allowed: ['moderator'],
    nullWhenDenied: (d) => d.node,
  },
  {
    covers: 'Mutation.askQuestion',
    query: 'mutation($input: AskQuestionInput!) { askQuestion(input: $input) { __typename } }',
    variables: (f, role) => ({ input: { productId: gid('Product', f.product), body: `Does it come in blue (${role})?` } }),
    allowed: SIGNED_IN,
  },
  {
    covers: 'Mutation.answerQuestion',
    query: 'mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { __typename } }',
    variables: (f, role) => ({ input: { questionId: gid('ProductQuestion', f.question), body: `Yes (${role}).` } }),
    allowed: [...SIGNED_IN, 'ownerKey'],
  },
  {
    covers: 'Mutation.proposePublicQuestion',
    query: 'mutation($input: ProposePublicQuestionInput!) { proposePublicQuestion(input: $input) { __typename } }',
    variables: (f) => ({ input: { conversationId: conv(f), productId: gid('Product', f.product), question: 'Do you ship to Porto?', answer: 'Yes, in two days.' } }),
    allowed: TEAM_A,
  },
  {
    covers: 'Mutation.consentToPublicQuestion',
    query: 'mutation($input: ConsentToPublicQuestionInput!) { consentToPublicQuestion(input: $input) { __typename } }',
    variables: (f, _role, transport) => ({ input: { proposalId: gid('PublicQuestionProposal', f.proposal(transport)), consent: true } }),
    // The conversation's buyer, once (one proposal per transport).
    allowed: ['buyer'],
  },
  {
    covers: 'Subscription.conversationEvents',
    query: 'subscription($id: ID!) { conversationEvents(conversationId: $id) { __typename } }',
    variables: (f) => ({ id: conv(f) }),
    allowed: [...PARTICIPANTS, 'ownerKey'],
    wsOnly: true,
  },
  {
    covers: 'Subscription.reviewEvents',
    query: 'subscription($id: ID!) { reviewEvents(supplierId: $id) { kind } }',
    variables: (f) => ({ id: gid('Supplier', f.supplierA) }),
    allowed: [...TEAM_A, 'ownerKey'],
    wsOnly: true,
  },
  { covers: 'Subscription.inboxEvents', query: 'subscription { inboxEvents { kind } }', allowed: [...SIGNED_IN, 'ownerKey'], wsOnly: true },
  {
    // The invitation is addressed to the buyer: only they may accept it.
    covers: 'Mutation.acceptInvitation',
    query: 'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { __typename } }',
    variables: (f) => ({ input: { token: f.invitationToken } }),
    allowed: ['buyer'],
    // The buyer joined the team; undo it, and re-open the invitation for the next transport.
    cleanup: async () => {
      await db.prisma.supplierMember.deleteMany({ where: { userId: users.buyer } })
      await db.prisma.supplierInvitation.updateMany({ where: { email: 'buyer@example.com' }, data: { acceptedAt: null } })
    },
  },
  { covers: 'Query.apiScopes', query: '{ apiScopes { name description } }', allowed: PUBLIC },
  {
    covers: 'Query.apiKeys',
    query: 'query($id: ID!) { apiKeys(supplierId: $id) { prefix scopes } }',
    variables: (f) => ({ id: gid('Supplier', f.supplierA) }),
    allowed: ['owner'],
  },
  {
    covers: 'Mutation.createApiKey',
    query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename } }',
    variables: (f) => ({ input: { supplierId: gid('Supplier', f.supplierA), name: 'Matrix', scopes: ['read:suppliers'] } }),
    allowed: ['owner'],
  },
  {
    covers: 'Mutation.revokeApiKey',
    query: 'mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }',
    variables: (f, _role, transport) => ({ input: { id: gid('ApiKey', f.doomedKey(transport, 'revoke')) } }),
    allowed: ['owner'],
  },
  {
    covers: 'Mutation.rotateApiKey',
    query: 'mutation($input: RotateApiKeyInput!) { rotateApiKey(input: $input) { __typename } }',
    variables: (f, _role, transport) => ({ input: { id: gid('ApiKey', f.doomedKey(transport, 'rotate')), overlapHours: 1 } }),
    allowed: ['owner'],
  },
  {
    covers: 'Mutation.registerTrustedDocuments',
    query: 'mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { __typename } }',
    variables: (f) => ({ input: { supplierId: gid('Supplier', f.supplierA), documents: ['{ limits { pageSizeMax } }'] } }),
    allowed: ['owner'],
  },
  { covers: 'Query.webhookEvents', query: '{ webhookEvents }', allowed: PUBLIC },
  {
    covers: 'Query.webhookEndpoints',
    query: 'query($id: ID!) { webhookEndpoints(supplierId: $id) { url events deliveries(first: 2) { edges { node { status log { statusCode } } } } } }',
    variables: (f) => ({ id: gid('Supplier', f.supplierA) }),
    allowed: ['owner', 'ownerKey'],
  },
  {
    covers: 'Mutation.createWebhookEndpoint',
    query: 'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }',
    variables: (f) => ({ input: { supplierId: gid('Supplier', f.supplierA), url: 'https://93.184.215.14/hooks', events: ['review.created'] } }),
    allowed: ['owner', 'ownerKey'],
  },
  {
    covers: 'Mutation.updateWebhookEndpoint',
    query: 'mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { __typename } }',
    variables: (f) => ({ input: { id: gid('WebhookEndpoint', f.endpoint), events: ['review.created', 'review.updated'] } }),
    allowed: ['owner', 'ownerKey'],
  },
  {
    covers: 'Mutation.rotateWebhookSecret',
    query: 'mutation($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { __typename } }',
    variables: (f) => ({ input: { id: gid('WebhookEndpoint', f.endpoint), overlapHours: 1 } }),
    allowed: ['owner', 'ownerKey'],
  },
  {
    covers: 'Mutation.deleteWebhookEndpoint',
    query: 'mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { __typename } }',
    variables: (f, role, transport) => ({ input: { id: gid('WebhookEndpoint', f.doomedEndpoint(transport, role)) } }),
    allowed: ['owner', 'ownerKey'],
  },
  {
    covers: 'Mutation.replayWebhookDelivery',
    query: 'mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { __typename } }',
    variables: (f) => ({ input: { deliveryId: gid('WebhookDelivery', f.delivery) } }),
    allowed: ['owner', 'ownerKey'],
  },
]

// NotFound counts as denied: outsiders are told a private thing does not exist.
const DENIED_TYPES = new Set(['ForbiddenError', 'UnauthenticatedError', 'NotFoundError', 'NotYourOrderError', 'CannotFlagOwnContentError'])
type Response = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] }

function outcome(entry: Entry, res: Response): 'allowed' | 'denied' {
  const codes = (res.errors ?? []).map((e) => e.extensions?.code)
  if (codes.some((c) => c === 'UNAUTHENTICATED' || c === 'FORBIDDEN' || c === 'NOT_FOUND' || c === 'INSUFFICIENT_SCOPE')) return 'denied'
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`)
  const json = JSON.stringify(res.data)
  if ([...DENIED_TYPES].some((t) => json.includes(`"__typename":"${t}"`))) return 'denied'
  if (entry.nullWhenDenied && entry.nullWhenDenied(res.data ?? {}) == null) return 'denied'
  return 'allowed'
}

/** A subscription's first event (allowed streams start with a Subscribed/SUBSCRIBED event) or its error. */
function firstEvent(client: ReturnType<TestGateway['wsClient']>, query: string, variables?: Record<string, unknown>): Promise<Response> {
  return new Promise((resolve) => {
    const dispose = client.subscribe(
      { query, variables },
      {
        next: (r) => {
          dispose()
          resolve(r as Response)
        },
        error: (e) => resolve({ errors: Array.isArray(e) ? (e as Response['errors']) : [{ message: String(e) }] }),
        complete: () => {},
      },
    )
  })
}

let db: TestDb
let gw: TestGateway
let fixtures: Fixtures
const users: Partial<Record<Role, string>> = {}
const tokens: Partial<Record<Role, string>> = {}

async function user(email: string, displayName: string, extra: { platformRole?: 'MODERATOR' | 'ADMIN' } = {}) {
  return db.prisma.user.create({ data: { email, displayName, passwordHash: await hashPassword('long enough password'), ...extra } })
}

beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
  const alpha = await db.prisma.supplier.create({ data: { slug: 'alpha', name: 'Alpha', timeZone: 'Europe/Lisbon' } })
  const beta = await db.prisma.supplier.create({ data: { slug: 'beta', name: 'Beta', timeZone: 'Asia/Tokyo' } })
  const buyer = await user('buyer@example.com', 'Buyer')
  const buyerRow = await db.prisma.buyer.create({ data: { userId: buyer.id, displayName: 'Buyer' } })
  const otherBuyer = await user('other-buyer@example.com', 'Other buyer')
  await db.prisma.buyer.create({ data: { userId: otherBuyer.id, displayName: 'Other buyer' } })
  const owner = await user('owner@alpha.example', 'Owner')
  const agent = await user('agent@alpha.example', 'Agent')
  const extra = await user('extra@alpha.example', 'Extra')
  const otherSupplier = await user('owner@beta.example', 'Beta owner')
  const moderator = await user('mod@rapport.example', 'Moderator', { platformRole: 'MODERATOR' })
  await db.prisma.supplierMember.createMany({
    data: [
      { supplierId: alpha.id, userId: owner.id, role: 'OWNER' },
      { supplierId: alpha.id, userId: agent.id, role: 'AGENT' },
      { supplierId: beta.id, userId: otherSupplier.id, role: 'OWNER' },
    ],
  })
  const extraMembers = {
    http: await db.prisma.supplierMember.create({ data: { supplierId: alpha.id, userId: extra.id, role: 'AGENT' } }),
    ws: await db.prisma.supplierMember.create({ data: { supplierId: alpha.id, userId: (await user('extra2@alpha.example', 'Extra 2')).id, role: 'AGENT' } }),
  }
  Object.assign(users, { buyer: buyer.id, otherBuyer: otherBuyer.id, owner: owner.id, agent: agent.id, otherSupplier: otherSupplier.id, moderator: moderator.id })
  const deps = { db: db.prisma, clock: systemClock }
  for (const role of SIGNED_IN) tokens[role] = (await createSession(deps, users[role]!)).token
  const ownerViewer = await resolveSession(deps, tokens.owner)
  const admin = await user('admin@rapport.example', 'Admin', { platformRole: 'ADMIN' })
  const adminViewer = await resolveSession(deps, (await createSession(deps, admin.id)).token)
  const ownerScopes = ['read:suppliers', 'read:reviews', 'write:reviews', 'read:conversations', 'write:messages', 'read:metrics', 'webhooks']
  tokens.ownerKey = (await createApiKey(deps, ownerViewer, { supplierId: alpha.id, name: 'Matrix owner key', scopes: ownerScopes })).secret
  tokens.platformKey = (await createApiKey(deps, adminViewer, { partnerName: 'Matrix partner', name: 'Matrix platform key', scopes: ['read:suppliers', 'read:reviews', 'read:metrics'] })).secret
  const doomedKeys = new Map<string, string>()
  for (const transport of ['http', 'ws'])
    for (const use of ['revoke', 'rotate']) doomedKeys.set(`${transport}:${use}`, (await createApiKey(deps, ownerViewer, { supplierId: alpha.id, name: `${use} ${transport}`, scopes: ['read:suppliers'] })).key.id)
  const alphaPartner = await db.prisma.partner.findUniqueOrThrow({ where: { supplierId: alpha.id } })
  const endpointRow = (url: string) => db.prisma.webhookEndpoint.create({ data: { partnerId: alphaPartner.id, url, events: ['review.created'], secret: 'whsec_matrix' } })
  const endpoint = await endpointRow('https://93.184.215.14/shared')
  const outboxRow = await db.prisma.domainEvent.create({ data: { type: 'REVIEW_ADDED', aggregateType: 'Review', aggregateId: alpha.id, supplierId: alpha.id, payload: {} } })
  const delivery = await db.prisma.webhookDelivery.create({ data: { endpointId: endpoint.id, eventId: outboxRow.id, eventType: 'review.created', payload: { data: null, occurredAt: new Date().toISOString() }, status: 'DELIVERED' } })
  const doomedEndpoints = new Map<string, string>()
  for (const transport of ['http', 'ws']) for (const role of ['owner', 'ownerKey']) doomedEndpoints.set(`${transport}:${role}`, (await endpointRow(`https://93.184.215.14/${transport}-${role}`)).id)
  const pending = await inviteMember(deps, ownerViewer, { supplierId: alpha.id, email: 'someone@example.com' })
  const forBuyer = await inviteMember(deps, ownerViewer, { supplierId: alpha.id, email: 'buyer@example.com' })
  // One per transport: the owner's call revokes it, so the other transport needs its own.
  const revocable = {
    http: (await inviteMember(deps, ownerViewer, { supplierId: alpha.id, email: 'revoke-http@example.com' })).invitation.id,
    ws: (await inviteMember(deps, ownerViewer, { supplierId: alpha.id, email: 'revoke-ws@example.com' })).invitation.id,
  }
  const agentMemberRow = await db.prisma.supplierMember.findFirstOrThrow({ where: { supplierId: alpha.id, userId: agent.id } })
  // Labelled and assigned by the team: the buyer must never see either.
  const conversation = await db.prisma.conversation.create({
    data: { buyerId: buyerRow.id, supplierId: alpha.id, lastSequence: 1, labels: ['difficult-customer'], assigneeId: agentMemberRow.id },
  })
  const message = await db.prisma.message.create({
    data: { conversationId: conversation.id, sequence: 1, authorId: buyer.id, authorSide: 'BUYER', body: 'Do you ship to Porto?', clientMessageId: 'matrix-first' },
  })
  const order = await db.prisma.order.create({ data: { number: 'R-MATRIX', buyerId: buyerRow.id, supplierId: alpha.id, totalCents: 1200 } })
  const reviewed = async (number: string) => {
    const o = await db.prisma.order.create({ data: { number, buyerId: buyerRow.id, supplierId: alpha.id, totalCents: 1200, status: 'DELIVERED', deliveredAt: new Date() } })
    return (await db.prisma.review.create({ data: { orderId: o.id, buyerId: buyerRow.id, supplierId: alpha.id, rating: 5, body: 'Great.', versions: { create: { version: 1, rating: 5, body: 'Great.' } } } })).id
  }
  const review = await reviewed('R-MATRIX-REVIEWED')
  const shippedOrder = await db.prisma.order.create({ data: { number: 'R-MATRIX-SHIPPED', buyerId: buyerRow.id, supplierId: alpha.id, totalCents: 1200, status: 'SHIPPED' } })
  const invited = await db.prisma.order.create({ data: { number: 'R-MATRIX-INVITED', buyerId: buyerRow.id, supplierId: alpha.id, totalCents: 1200, status: 'DELIVERED', deliveredAt: new Date() } })
  await db.prisma.reviewInvitation.create({ data: { orderId: invited.id, buyerId: buyerRow.id } })
  const doomedReviews = { http: await reviewed('R-MATRIX-DOOMED-HTTP'), ws: await reviewed('R-MATRIX-DOOMED-WS') }
  const agentMember = await db.prisma.supplierMember.findFirstOrThrow({ where: { supplierId: alpha.id, userId: agent.id } })
  const product = await db.prisma.product.create({ data: { supplierId: alpha.id, slug: 'jar', name: 'Jar', description: 'Clay.', priceCents: 1200 } })
  const question = await db.prisma.productQuestion.create({ data: { productId: product.id, askerId: otherBuyer.id, body: 'Is it heavy?' } })
  const answer = await db.prisma.productAnswer.create({ data: { questionId: question.id, authorId: buyer.id, body: 'Not at all.' } })
  // A report on alpha's question: what Supplier.flaggedContent shows its team.
  await db.prisma.flag.create({ data: { reporterId: buyer.id, targetType: 'PRODUCT_QUESTION', targetId: question.id, reason: 'SPAM' } })
  const proposal = () =>
    db.prisma.publicQuestionProposal
      .create({ data: { conversationId: conversation.id, supplierId: alpha.id, productId: product.id, proposedById: agentMember.id, question: 'Porto?', answer: 'Yes.' } })
      .then((p) => p.id)
  const proposals = { http: await proposal(), ws: await proposal() }
  const flags = {
    http: (await db.prisma.flag.create({ data: { reporterId: otherBuyer.id, targetType: 'CONVERSATION', targetId: conversation.id, reason: 'SPAM' } })).id,
    ws: (await db.prisma.flag.create({ data: { reporterId: owner.id, targetType: 'CONVERSATION', targetId: conversation.id, reason: 'ABUSE' } })).id,
  }
  const replies = new Map<string, string>()
  for (const transport of ['http', 'ws'])
    for (const role of ROLES) {
      const r = await db.prisma.savedReply.create({ data: { supplierId: alpha.id, title: `Doomed ${transport} ${role}`, body: 'x', createdById: owner.id } })
      replies.set(`${transport}:${role}`, r.id)
    }
  let seq = 0
  fixtures = {
    conversation: conversation.id,
    message: message.id,
    agentMember: agentMember.id,
    savedReply: (transport, role) => replies.get(`${transport}:${role}`)!,
    anySavedReply: replies.get('http:anonymous')!,
    supplierA: alpha.id,
    invitationA: pending.invitation.id,
    buyerA: buyerRow.id,
    order: order.id,
    shippedOrder: shippedOrder.id,
    invitedOrder: invited.id,
    review,
    doomedReview: (transport) => doomedReviews[transport as 'http' | 'ws'],
    flag: (transport) => flags[transport as 'http' | 'ws'],
    extraMember: (transport) => extraMembers[transport as 'http' | 'ws'].id,
    revocable: (transport) => revocable[transport as 'http' | 'ws'],
    invitationToken: forBuyer.token,
    emailSeq: () => ++seq,
    product: product.id,
    question: question.id,
    answer: answer.id,
    proposal: (transport) => proposals[transport as 'http' | 'ws'],
    doomedKey: (transport, use) => doomedKeys.get(`${transport}:${use}`)!,
    endpoint: endpoint.id,
    delivery: delivery.id,
    doomedEndpoint: (transport, role) => doomedEndpoints.get(`${transport}:${role}`) ?? endpoint.id,
  }
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

describe('the authorization matrix', () => {
  it('has an entry for every query, mutation and subscription field', () => {
    const covered = new Set(MATRIX.map((e) => e.covers))
    const missing: string[] = []
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const name of Object.keys(root?.getFields() ?? {})) {
        if (!covered.has(`${root!.name}.${name}`)) missing.push(`${root!.name}.${name}`)
      }
    }
    expect(missing, 'add these fields to MATRIX with who may use them').toEqual([])
  })

  for (const transport of ['http', 'ws'] as const) {
    describe(`over ${transport}`, () => {
      for (const entry of MATRIX.filter((e) => transport === 'ws' || !e.wsOnly)) {
        it(`${entry.covers}: allowed for ${entry.allowed.join(', ') || 'nobody'}; denied for everyone else`, async () => {
          const seen: Record<string, string> = {}
          for (const role of ROLES) {
            let token = tokens[role]
            if (entry.freshSession && (PEOPLE as readonly Role[]).includes(role) && role !== 'anonymous')
              token = (await createSession({ db: db.prisma, clock: systemClock }, users[role]!)).token
            const variables = entry.variables?.(fixtures, role, transport)
            let res: Response
            if (transport === 'http') {
              res = (await gw.post<Response>(entry.query, variables, token ? { authorization: `Bearer ${token}` } : {})).body
            } else {
              const client = gw.wsClient(token ? { connectionParams: { authToken: token } } : {})
              res = entry.wsOnly ? await firstEvent(client, entry.query, variables) : ((await wsExecute(client, entry.query, variables)) as Response)
              await client.dispose()
            }
            if (process.env.MATRIX_DEBUG && role === process.env.MATRIX_DEBUG) console.log(transport, entry.covers, JSON.stringify(res).slice(0, 400))
            seen[role] = outcome(entry, res)
          }
          await entry.cleanup?.()
          const expected = Object.fromEntries(ROLES.map((r) => [r, entry.allowed.includes(r) ? 'allowed' : 'denied']))
          expect(seen).toEqual(expected)
        })
      }
    })
  }
})
