import { RESULT_ERRORS, resultMutation } from './shared'
/* Conversations and inboxes, as the web server asks for them (the browser only subscribes; see live.ts). */

export const MESSAGE_FIELDS = /* GraphQL */ `
  id
  sequence
  kind
  body
  createdAt
  editedAt
  deletedAt
  isViewerAuthor
  masked
  clientMessageId
  author {
    displayName
    side
    member {
      id
    }
  }
  reactions {
    emoji
    count
    reactedByViewer
  }
  replyTo {
    id
    sequence
    body
    deletedAt
    author {
      displayName
    }
  }
  attachments {
    id
    fileName
    contentType
    byteSize
    url
  }
`

/** What a live ConversationUpdated event and the page both need to redraw the header. */
export const CONVERSATION_STATE_FIELDS = /* GraphQL */ `
  id
  status
  labels
  resolvedAt
  buyerConfirmedAt
  expectedReplyBy
  lastSequence
  assignee {
    id
    displayName
  }
`

const ORDER_FIELDS = /* GraphQL */ `
  id
  number
  status
  placedAt
  total {
    amount
    currency
  }
`

export const CONVERSATION_PAGE = /* GraphQL */ `
  query ConversationPage($id: ID!, $last: Int!, $before: String) {
    conversation(id: $id) {
      ${CONVERSATION_STATE_FIELDS}
      subject
      createdAt
      unreadCount
      viewerSide
      canShareContactDetails
      buyer {
        id
        displayName
        timeZone
        location
        responseMetrics(window: DAYS_30) {
          usuallyRepliesWithin
        }
      }
      supplier {
        id
        slug
        name
        timeZone
      }
      product {
        id
        name
      }
      counterpartPresence {
        online
        lastSeenAt
      }
      order {
        ${ORDER_FIELDS}
      }
      relationship {
        blockedByBuyer
        blockedBySupplier
        viewerHidesReadReceipts
        firstOrderAt
        orderCount
        otherConversationCount
        orders(first: 5) {
          ${ORDER_FIELDS}
          items {
            productName
            quantity
          }
        }
        otherConversations(first: 5) {
          id
          subject
          status
          lastMessageAt
          product {
            name
          }
        }
      }
      readPositions {
        side
        displayName
        lastReadSequence
        readAt
      }
      accessLog {
        id
        at
        actorName
        actorRole
        reason
      }
      messages(last: $last, before: $before) {
        pageInfo {
          hasPreviousPage
          startCursor
        }
        edges {
          node {
            ${MESSAGE_FIELDS}
          }
        }
      }
    }
  }
`

/** The supplier side's tools for a conversation: who to assign, what to insert. Members only. */
export const TEAM_TOOLS = /* GraphQL */ `
  query TeamTools($slug: String!) {
    supplier(slug: $slug) {
      id
      team {
        id
        displayName
        role
      }
      savedReplies {
        id
        title
        body
      }
    }
  }
`

/** An internal note as the team's conversation page shows it (never asked for on the buyer's page). */
export const NOTE_FIELDS = /* GraphQL */ `
  id
  sequence
  body
  createdAt
  authorName
  author {
    id
  }
`

/**
 * The team's internal notes, oldest first. A query of its own, sent only when the viewer is on
 * the supplier side: the buyer is refused the field, and their page must not even ask.
 */
export const INTERNAL_NOTES = /* GraphQL */ `
  query InternalNotes($id: ID!, $first: Int!) {
    conversation(id: $id) {
      id
      lastNoteSequence
      internalNotes(first: $first) {
        edges {
          node {
            ${NOTE_FIELDS}
          }
        }
      }
    }
  }
`

export const ADD_INTERNAL_NOTE = resultMutation(
  'AddInternalNote',
  /* GraphQL */ `
  ... on InternalNote {
    ${NOTE_FIELDS}
  }
`,
)

const INBOX_ROW = /* GraphQL */ `
  id
  status
  subject
  lastMessageAt
  lastMessagePreview
  unreadCount
  expectedReplyBy
  supplier {
    name
    slug
  }
  buyer {
    displayName
  }
  product {
    name
  }
`

/**
 * Labels and the assignee are the team's notes: only the team inbox asks for them. The pair's
 * ids lead to the buyer's history with the team.
 */
const TEAM_INBOX_ROW = /* GraphQL */ `
  ${INBOX_ROW}
  labels
  assignee {
    id
    displayName
  }
  supplier {
    id
  }
  buyer {
    id
  }
`

export const BUYER_INBOX = /* GraphQL */ `
  query BuyerInbox($first: Int!, $after: String, $filter: ConversationFilter) {
    viewer {
      conversations(first: $first, after: $after, filter: $filter) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ${INBOX_ROW}
          }
        }
      }
    }
  }
`

export const TEAM_INBOX = /* GraphQL */ `
  query TeamInbox($slug: String!, $first: Int!, $after: String, $filter: ConversationFilter) {
    supplier(slug: $slug) {
      id
      slug
      name
      team {
        id
        displayName
      }
      inbox(first: $first, after: $after, filter: $filter) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ${TEAM_INBOX_ROW}
          }
        }
      }
    }
  }
`

export const SEND_MESSAGE = /* GraphQL */ `
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      __typename
      ... on SendMessagePayload {
        duplicate
        notice
        sentMessage {
          ${MESSAGE_FIELDS}
        }
        conversation {
          ${CONVERSATION_STATE_FIELDS}
        }
      }
      ... on RateLimitedError {
        retryAfterSeconds
      }
      ${RESULT_ERRORS}
    }
  }
`

const MESSAGE_RESULT = /* GraphQL */ `
  ... on Message {
    ${MESSAGE_FIELDS}
  }
`

export const EDIT_MESSAGE = resultMutation('EditMessage', MESSAGE_RESULT)
export const DELETE_MESSAGE = resultMutation('DeleteMessage', MESSAGE_RESULT)
export const REACT = resultMutation('React', MESSAGE_RESULT)

const CONVERSATION_RESULT = /* GraphQL */ `
  ... on Conversation {
    ${CONVERSATION_STATE_FIELDS}
  }
`

export const MARK_READ = resultMutation('MarkRead', CONVERSATION_RESULT)

export const SET_TYPING = /* GraphQL */ `
  mutation SetTyping($input: SetTypingInput!) {
    setTyping(input: $input)
  }
`

/** The team's collision notice: tells teammates this page has the conversation open (or no longer). */
export const SET_VIEWING = /* GraphQL */ `
  mutation SetViewing($input: SetViewingInput!) {
    setViewing(input: $input)
  }
`

export const CONFIRM_RESOLVED = resultMutation('ConfirmResolved', CONVERSATION_RESULT)

/** The team's handling in one call: the conversation page's control bar and the inbox's bulk actions. */
export const UPDATE_CONVERSATIONS = resultMutation(
  'UpdateConversations',
  /* GraphQL */ `
  ... on UpdateConversationsPayload {
    conversations {
      ${CONVERSATION_STATE_FIELDS}
    }
  }
`,
)

export const RENDER_SAVED_REPLY = resultMutation(
  'RenderSavedReply',
  /* GraphQL */ `
  ... on MutationRenderSavedReplySuccess {
    data
  }
`,
)

/** What the conversation's relationship switches return: the flags to redraw. */
const RELATIONSHIP_RESULT = /* GraphQL */ `
  ... on Conversation {
    id
    relationship {
      blockedByBuyer
      blockedBySupplier
      viewerHidesReadReceipts
    }
  }
`

export const SET_CONVERSATION_BLOCKED = resultMutation('SetConversationBlocked', RELATIONSHIP_RESULT)

export const SET_READ_RECEIPTS_HIDDEN = resultMutation('SetReadReceiptsHidden', RELATIONSHIP_RESULT)

export const REPORT_CONVERSATION = resultMutation('ReportConversation', '')

/** The team records that an order arrived (the buyer is then invited to review it, once). */
export const MARK_ORDER_DELIVERED = resultMutation('MarkOrderDelivered', '... on Order { id status }')
