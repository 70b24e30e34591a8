// The moderators' pages: the queue, one report with its content in context, and the decision.
import { resultMutation } from './shared'

/** A message as staff read it (a reported conversation, or one opened for a request). */
const REPORTED_MESSAGE_FIELDS = /* GraphQL */ `
  sequence
  authorSide
  authorName
  body
  originalBody
  createdAt
  deletedAt
`

/** A report as the queue and its page both show it. */
const FLAG_FIELDS = `
  id
  kind
  reason
  details
  status
  createdAt
  resolvedAt
  reporterName
  reportCount
`

const NOTICE = `
  action
  reason
  decidedAt
`

export const MODERATION_QUEUE = /* GraphQL */ `
  query ModerationQueue(
    $status: FlagStatus
    $kinds: [FlaggedContentKind!]
    $olderThan: DateTime
    $first: Int!
    $after: String
  ) {
    moderationQueue(status: $status, kinds: $kinds, olderThan: $olderThan, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ${FLAG_FIELDS}
          content {
            __typename
            status
            supplier {
              name
            }
            ... on FlaggedReview {
              review {
                title
                body
                rating
                authorName
              }
            }
            ... on FlaggedReviewResponse {
              responderName
              response {
                body
              }
            }
            ... on FlaggedProductQuestion {
              questionBody: body
              authorName
            }
            ... on FlaggedProductAnswer {
              answerBody: body
              authorName
            }
            ... on FlaggedConversation {
              buyerName
              subject
            }
          }
        }
      }
    }
  }
`

export type FlagKind = 'REVIEW' | 'REVIEW_RESPONSE' | 'PRODUCT_QUESTION' | 'PRODUCT_ANSWER' | 'CONVERSATION'
export type FlagStatus = 'OPEN' | 'ACTIONED' | 'DISMISSED'
export type ContentStatus = 'PUBLISHED' | 'HIDDEN' | 'REMOVED'
export type Notice = { action: 'KEEP' | 'HIDE' | 'REMOVE' | 'RESTORE'; reason: string; decidedAt: string }

type ContentSummary = {
  status: ContentStatus | null
  supplier: { name: string } | null
} & (
  | { __typename: 'FlaggedReview'; review: { title: string | null; body: string; rating: number; authorName: string } }
  | { __typename: 'FlaggedReviewResponse'; responderName: string | null; response: { body: string } }
  | { __typename: 'FlaggedProductQuestion'; questionBody: string; authorName: string }
  | { __typename: 'FlaggedProductAnswer'; answerBody: string; authorName: string }
  | { __typename: 'FlaggedConversation'; buyerName: string; subject: string | null }
)

export type QueueFlag = {
  id: string
  kind: FlagKind
  reason: string
  details: string | null
  status: FlagStatus
  createdAt: string
  resolvedAt: string | null
  reporterName: string
  reportCount: number
  content: ContentSummary | null
}

export const MODERATION_FLAG = /* GraphQL */ `
  query ModerationFlag($id: ID!) {
    node(id: $id) {
      ... on Flag {
        ${FLAG_FIELDS}
        decisions {
          action
          reason
          decidedAt
          moderatorName
        }
        content {
          __typename
          status
          supplier {
            name
            slug
          }
          ... on FlaggedReview {
            orderPlacedAt
            review {
              id
              title
              body
              rating
              authorName
              createdAt
              product {
                name
              }
              moderation {
                ${NOTICE}
              }
            }
          }
          ... on FlaggedReviewResponse {
            responderName
            response {
              body
              createdAt
            }
            answeredReview: review {
              title
              body
              rating
              authorName
            }
          }
          ... on FlaggedProductQuestion {
            questionBody: body
            authorName
            createdAt
            product {
              name
            }
          }
          ... on FlaggedProductAnswer {
            answerBody: body
            authorName
            official
            question
            createdAt
            product {
              name
            }
          }
          ... on FlaggedConversation {
            buyerName
            subject
            messageCount
            lastMessages(count: 20) {
              ${REPORTED_MESSAGE_FIELDS}
            }
          }
        }
      }
    }
  }
`

export type ReportedMessage = {
  sequence: number
  authorSide: string
  authorName: string | null
  body: string
  originalBody: string | null
  createdAt: string
  deletedAt: string | null
}

export type FlagDetail = Omit<QueueFlag, 'content'> & {
  decisions: Array<{ action: Notice['action']; reason: string; decidedAt: string; moderatorName: string | null }>
  content:
    | ({ status: ContentStatus | null; supplier: { name: string; slug: string } | null } & (
        | {
            __typename: 'FlaggedReview'
            orderPlacedAt: string | null
            review: {
              id: string
              title: string | null
              body: string
              rating: number
              authorName: string
              createdAt: string
              product: { name: string } | null
              moderation: Notice | null
            }
          }
        | {
            __typename: 'FlaggedReviewResponse'
            responderName: string | null
            response: { body: string; createdAt: string }
            answeredReview: { title: string | null; body: string; rating: number; authorName: string } | null
          }
        | {
            __typename: 'FlaggedProductQuestion'
            questionBody: string
            authorName: string
            createdAt: string
            product: { name: string } | null
          }
        | {
            __typename: 'FlaggedProductAnswer'
            answerBody: string
            authorName: string
            official: boolean
            question: string
            createdAt: string
            product: { name: string } | null
          }
        | {
            __typename: 'FlaggedConversation'
            buyerName: string
            subject: string | null
            messageCount: number
            lastMessages: ReportedMessage[]
          }
      ))
    | null
}

export const DECIDE_FLAG = resultMutation('DecideFlag', '')

/** Staff open a private conversation for a support or legal request: recorded in its access log first. */
export const OPEN_CONVERSATION_FOR_REQUEST = resultMutation(
  'OpenConversationForRequest',
  /* GraphQL */ `
  ... on OpenedConversation {
    conversationId
    reason
    messages {
      ${REPORTED_MESSAGE_FIELDS}
    }
  }
`,
)

export type StaffAccessReason = 'SUPPORT_REQUEST' | 'LEGAL_REQUEST'
/** `reason`: what the access log now says, in the parties' words (“a legal request (case 42)”). */
export type OpenedConversation = { conversationId: string; reason: string; messages: ReportedMessage[] }

/** The requests as the form offers them (the access log's wording comes back from the gateway). */
export const STAFF_ACCESS_REASONS: Record<StaffAccessReason, string> = {
  SUPPORT_REQUEST: 'Support request',
  LEGAL_REQUEST: 'Legal request',
}

/** How each kind and reason reads on the pages. */
export const KIND_LABELS: Record<FlagKind, string> = {
  REVIEW: 'Review',
  REVIEW_RESPONSE: 'Supplier response',
  PRODUCT_QUESTION: 'Product question',
  PRODUCT_ANSWER: 'Product answer',
  CONVERSATION: 'Conversation',
}
export const REASON_LABELS: Record<string, string> = {
  SPAM: 'Spam or advertising',
  ABUSE: 'Abusive or hateful',
  FAKE_REVIEW: 'Not a genuine experience',
  OFF_PLATFORM_CONTACT: 'Asks to deal outside Rapport',
  PRIVACY: 'Shares private information',
  OTHER: 'Something else',
}

/** The supplier team's reported content and where each thing stands (never who reported it). */
export const TEAM_FLAGGED = /* GraphQL */ `
  query TeamFlagged($slug: String!, $first: Int!, $after: String, $open: Boolean) {
    supplier(slug: $slug) {
      id
      slug
      name
      timeZone
      flaggedContent(first: $first, after: $after, open: $open) {
        openCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            kind
            contentId
            state
            contentStatus
            reasons
            reportedOn
            fromTeam
            text
            title
            rating
            authorName
            reviewId
            questionText
            product {
              id
              name
            }
            decision {
              action
              decidedAt
              publicReason
            }
          }
        }
      }
    }
  }
`
export type ReportedItemState = 'OPEN' | 'KEPT' | 'HIDDEN' | 'REMOVED' | 'RESTORED'
export type ReportedItemView = {
  kind: Exclude<FlagKind, 'CONVERSATION'>
  contentId: string
  state: ReportedItemState
  contentStatus: 'PUBLISHED' | 'HIDDEN' | 'REMOVED'
  reasons: string[]
  reportedOn: string
  fromTeam: boolean
  text: string | null
  title: string | null
  rating: number | null
  authorName: string | null
  reviewId: string | null
  questionText: string | null
  product: { id: string; name: string } | null
  decision: { action: 'KEEP' | 'HIDE' | 'REMOVE' | 'RESTORE'; decidedAt: string; publicReason: string | null } | null
}
export type TeamFlaggedData = {
  supplier: {
    id: string
    slug: string
    name: string
    timeZone: string
    flaggedContent: {
      openCount: number
      pageInfo: { hasNextPage: boolean; endCursor: string | null }
      edges: Array<{ node: ReportedItemView }>
    }
  } | null
}
