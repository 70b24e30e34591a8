// Every column of the schema that holds text (String, String[], Json), and a few others that say
// something about a person, with what deleting an account does to it and why. The one home of
// these decisions: deletion.ts carries them out, and personal-data.test.ts holds the schema to
// this list (a new text column fails the test until it is classified here) and checks each fate
// on a deleted buyer and a deleted team member.
//
// `rows` finds the person's rows (in the test's queries): $1 is their user id, $2 the email they had.

export type Fate =
  /** Replaced (by DELETED_USER_NAME, an unroutable address, null…): the row stays for others. */
  | 'erased'
  /** The whole row goes. */
  | 'row deleted'
  /** Kept on purpose, for the reason given. */
  | 'kept'

export type PersonalColumn = {
  fate: Fate
  rows: string
  why: string
  /** The test's people may have no such rows (what a partner was sent depends on its subscriptions). */
  mayBeAbsent?: true
}

const BUYER = `"buyerId" IN (SELECT id FROM "Buyer" WHERE "userId" = $1::uuid)`
const MEMBER = `"authorId" IN (SELECT id FROM "SupplierMember" WHERE "userId" = $1::uuid)`

export const PERSONAL_COLUMNS: Record<string, PersonalColumn> = {
  'User.email': { fate: 'erased', rows: `id = $1::uuid`, why: 'replaced by deleted-<id>@deleted.invalid: unique, unroutable' },
  'User.passwordHash': { fate: 'erased', rows: `id = $1::uuid`, why: 'emptied: no password signs in again' },
  'User.displayName': { fate: 'erased', rows: `id = $1::uuid`, why: 'becomes "Deleted user" wherever their messages and answers show' },
  'User.lastSeenAt': { fate: 'erased', rows: `id = $1::uuid`, why: 'presence is cleared' },
  'Session.tokenHash': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'every session ends, on every device' },
  'Session.userAgent': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'with the session' },
  'Session.ip': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'with the session' },
  'Buyer.displayName': { fate: 'erased', rows: `"userId" = $1::uuid`, why: 'suppliers see "Deleted user"' },
  'Buyer.location': { fate: 'erased', rows: `"userId" = $1::uuid`, why: 'nobody needs it any more' },
  'SupplierMember.title': { fate: 'erased', rows: `"userId" = $1::uuid`, why: 'their name at the supplier; the membership ends' },
  'SupplierInvitation.email': { fate: 'row deleted', rows: `email = $2::text`, why: 'invitations to their address (the team sees the member, not the invitation)' },
  'Conversation.subject': { fate: 'kept', rows: BUYER, why: 'the conversation is the supplier’s record too' },
  'Conversation.lastMessagePreview': { fate: 'kept', rows: BUYER, why: 'as the messages are' },
  'Message.body': { fate: 'kept', rows: `"authorId" = $1::uuid`, why: 'stays in the counterpart’s history under "Deleted user" (what was agreed, delivered, promised)' },
  'Message.originalBody': { fate: 'erased', rows: `"authorId" = $1::uuid`, why: 'the unmasked text with contact details, kept only for moderating the person' },
  'MessageAttachment.fileName': { fate: 'row deleted', rows: `"uploaderId" = $1::uuid`, why: 'their files are removed (the bytes by a job)' },
  'MessageReaction.emoji': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'a reaction is only theirs' },
  'InternalNote.body': { fate: 'kept', rows: MEMBER, why: 'the team’s working notes, under "Deleted user"' },
  'Review.title': { fate: 'kept', rows: BUYER, why: 'reviews stay, anonymous: other buyers rely on them, the average and the supplier’s reply stay true' },
  'Review.body': { fate: 'kept', rows: BUYER, why: 'as the title' },
  'ReviewVersion.body': { fate: 'kept', rows: `"reviewId" IN (SELECT id FROM "Review" WHERE ${BUYER})`, why: 'the edits of a kept review (what the supplier answered)' },
  'ProductQuestion.body': { fate: 'kept', rows: `"askerId" = $1::uuid`, why: 'public Q&A helps other buyers; the question turns anonymous' },
  'ProductAnswer.body': { fate: 'kept', rows: `"authorId" = $1::uuid`, why: 'public Q&A, under "Deleted user"' },
  'Flag.details': { fate: 'kept', rows: `"reporterId" = $1::uuid`, why: 'the moderation record of decisions already taken' },
  'AccessLog.ip': { fate: 'kept', rows: `"actorId" = $1::uuid`, why: 'the access log is append-only (a database trigger): the parties’ guarantee about staff' },
  'Notification.payload': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'their feed' },
  'NotificationPreference.enabled': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'their settings' },
  'EmailToken.token': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'their unsubscribe links' },
  'EmailLog.subject': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'the emails we sent them' },
  'EmailLog.messageId': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'with the log entry' },
  'UnreadEmailMark.emailedThroughSequence': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'no more emails' },
  'Follow.createdAt': { fate: 'row deleted', rows: BUYER, why: 'whom they follow (the supplier’s follower count drops)' },
  'ReviewInvitation.invitedAt': { fate: 'row deleted', rows: BUYER, why: 'nobody left to invite' },
  'ApiKey.lastUsedIp': { fate: 'erased', rows: `"createdById" = $1::uuid`, why: 'the keys they made are revoked (a key acts as its maker)' },
  'Partner.contactEmail': { fate: 'kept', rows: `"createdById" = $1::uuid`, why: 'the company’s contact for its integration, changed by its owners' },
  'IdempotencyRecord.response': { fate: 'row deleted', rows: `scope = 'user:' || $1::text`, why: 'stored answers to their requests' },
  'DataExport.storageKey': { fate: 'row deleted', rows: `"userId" = $1::uuid`, why: 'their archives (the files by a job)' },
  'WebhookDelivery.payload': {
    fate: 'kept',
    rows: `payload::text LIKE '%' || $1::text || '%'`,
    why: 'what a partner was sent and signed for, names as they were then (the partner holds its copy)',
    mayBeAbsent: true,
  },
}

/** Text columns that say nothing about a person, with why. */
export const NOT_PERSONAL: Record<string, string> = {
  'Buyer.timeZone': 'a zone, shared by millions (reset to UTC anyway)',
  'Supplier.slug': 'the business',
  'Supplier.name': 'the business',
  'Supplier.tagline': 'the business',
  'Supplier.philosophy': 'the business',
  'Supplier.about': 'the business',
  'Supplier.location': 'the business',
  'Supplier.timeZone': 'the business',
  'Supplier.awayMessage': 'the business',
  'SupplierClosure.reason': 'the business',
  'SupplierInvitation.tokenHash': 'a hash of a one-time secret',
  'Product.slug': 'the catalogue',
  'Product.name': 'the catalogue',
  'Product.description': 'the catalogue',
  'Product.currency': 'the catalogue',
  'Product.imageUrl': 'the catalogue',
  'Order.number': 'a receipt number',
  'Order.currency': 'a currency code',
  'Conversation.labels': 'the team’s triage words',
  'Message.clientMessageId': 'a random id from the client',
  'MessageAttachment.contentType': 'a file type (the row goes with its file name)',
  'MessageAttachment.sha256': 'a checksum (the row goes with its file name)',
  'MessageAttachment.storageKey': 'a random key (the row goes with its file name)',
  'SavedReply.title': 'the team’s shared templates',
  'SavedReply.body': 'the team’s shared templates',
  'SavedReply.shortcut': 'the team’s shared templates',
  'ReviewVersion.title': 'with the version’s body (kept, see there)',
  'ReviewResponse.body': 'the supplier’s public reply',
  'ReviewResponseVersion.body': 'the supplier’s public reply',
  'PublicQuestionProposal.question': 'the team’s proposal, public only with the buyer’s consent',
  'PublicQuestionProposal.answer': 'the team’s proposal',
  'ModerationDecision.reason': 'a moderator’s explanation of a decision',
  'AccessLog.reason': 'the stated reason for an opening',
  'SupplierUpdate.title': 'the supplier’s news',
  'SupplierUpdate.body': 'the supplier’s news',
  'Partner.name': 'a company',
  'ApiKey.name': 'a key’s label',
  'ApiKey.prefix': 'a key’s public prefix',
  'ApiKey.secretHash': 'a hash of a secret',
  'ApiKey.scopes': 'permissions',
  'TrustedDocument.hash': 'a GraphQL document',
  'TrustedDocument.document': 'a GraphQL document',
  'WebhookEndpoint.url': 'a partner’s endpoint',
  'WebhookEndpoint.description': 'a partner’s endpoint',
  'WebhookEndpoint.secret': 'a partner’s signing secret',
  'WebhookEndpoint.previousSecret': 'a partner’s signing secret',
  'WebhookEndpoint.events': 'event names',
  'WebhookEndpoint.disabledReason': 'a delivery error',
  'WebhookDelivery.eventType': 'an event name',
  'WebhookDelivery.lastError': 'a delivery error',
  'WebhookAttempt.responseExcerpt': 'what a partner’s endpoint answered',
  'WebhookAttempt.error': 'a delivery error',
  'DomainEvent.type': 'an event name',
  'DomainEvent.payload': 'ids, and a moderation decision’s action (the content is read when delivered)',
  'DomainEvent.aggregateType': 'a model name',
  'IdempotencyRecord.scope': 'with the record (deleted, see response)',
  'IdempotencyRecord.key': 'with the record (deleted, see response)',
  'IdempotencyRecord.requestHash': 'with the record (deleted, see response)',
  'StatMinute.source': 'where a timing comes from',
  'StatMinute.name': 'an operation’s or a route’s name (counts, never who)',
}
