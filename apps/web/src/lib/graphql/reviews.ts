// Reviews as the public pages, the buyer's orders and the team's page read them.
import { resultMutation } from './shared'

/** Why moderators hid or removed something: shown in its place. */
const MODERATION_NOTICE = `
  action
  reason
  decidedAt
`

export type ModerationNoticeView = { action: 'HIDE' | 'REMOVE' | 'KEEP' | 'RESTORE'; reason: string; decidedAt: string }

/**
 * A review as every page shows it: text, author, dates, product and the supplier's response, and
 * the moderators' notice when it was hidden (then the text is withheld unless the viewer wrote it).
 */
export const REVIEW_FIELDS = `
  id
  rating
  title
  body
  authorName
  createdAt
  resolvedBySupplierAt
  editedAt
  helpfulCount
  product {
    id
    name
  }
  moderation {
    ${MODERATION_NOTICE}
  }
  response {
    id
    moderation {
      ${MODERATION_NOTICE}
    }
    body
    createdAt
    editedAt
    responder {
      displayName
      title
      role
    }
  }
`

export const RATING_SUMMARY_FIELDS = `
  count
  average
  distribution
  lastTwelveMonthsAverage
`

export type ReviewView = {
  id: string
  /** Null where moderators hid or removed it and the viewer is not its author (its text is withheld too). */
  rating: number | null
  title: string | null
  body: string
  authorName: string
  /** When the buyer confirmed that the conversation the review names resolved the problem. */
  resolvedBySupplierAt: string | null
  createdAt: string
  editedAt: string | null
  helpfulCount: number
  product: { id: string; name: string } | null
  moderation: ModerationNoticeView | null
  response: {
    id: string
    moderation: ModerationNoticeView | null
    body: string
    createdAt: string
    editedAt: string | null
    responder: { displayName: string; title: string | null; role: 'OWNER' | 'AGENT' } | null
  } | null
}

export type RatingSummaryView = {
  count: number
  average: number | null
  distribution: number[]
  lastTwelveMonthsAverage: number | null
}

/** What writing or editing a review answers: the review, or why not. */
const REVIEW_RESULT = `
  __typename
  ... on Review {
    id
  }
  ... on Error {
    message
    code
  }
  ... on ValidationError {
    field
  }
`

export const SUPPLIER_REVIEWS = /* GraphQL */ `
  query SupplierReviews($slug: String!, $first: Int!, $after: String, $sort: ReviewSort, $stars: [Int!]) {
    supplier(slug: $slug) {
      id
      slug
      name
      timeZone
      ratingSummary {
        ${RATING_SUMMARY_FIELDS}
      }
      reviews(first: $first, after: $after, sort: $sort, stars: $stars) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ${REVIEW_FIELDS}
          }
        }
      }
    }
  }
`

/** What a line about an order shows: its items and its supplier (the orders list and the invitations). */
const ORDER_LINE = /* GraphQL */ `
  fragment OrderLine on Order {
    items {
      productName
      quantity
    }
    supplier {
      id
      slug
      name
    }
  }
`

export const BUYER_ORDERS = /* GraphQL */ `
  query BuyerOrders($first: Int!, $after: String) {
    viewer {
      reviewInvitations(first: 10) {
        edges {
          node {
            closesAt
            order {
              id
              number
              deliveredAt
              ...OrderLine
            }
          }
        }
      }
      orders(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            number
            status
            placedAt
            deliveredAt
            reviewClosesAt
            total {
              amount
              currency
            }
            ...OrderLine
            review {
              id
              rating
              updateSuggested
              moderation {
                ${MODERATION_NOTICE}
              }
            }
          }
        }
      }
    }
  }
  ${ORDER_LINE}
`

export const ORDER_REVIEW = /* GraphQL */ `
  query OrderReview($id: ID!) {
    node(id: $id) {
      ... on Order {
        id
        number
        status
        deliveredAt
        reviewClosesAt
        ...OrderLine
        review {
          id
          rating
          title
          body
          conversationId
          updateSuggested
          resolvedBySupplierAt
          moderation {
            ${MODERATION_NOTICE}
          }
        }
      }
    }
  }
  ${ORDER_LINE}
`

export const WRITE_REVIEW = /* GraphQL */ `
  mutation WriteReview($input: WriteReviewInput!) {
    writeReview(input: $input) {
      ${REVIEW_RESULT}
    }
  }
`

export const UPDATE_REVIEW = /* GraphQL */ `
  mutation UpdateReview($input: UpdateReviewInput!) {
    updateReview(input: $input) {
      ${REVIEW_RESULT}
    }
  }
`

export const TEAM_REVIEWS = /* GraphQL */ `
  query TeamReviews($slug: String!, $first: Int!) {
    supplier(slug: $slug) {
      id
      slug
      name
      timeZone
      ratingSummary {
        ${RATING_SUMMARY_FIELDS}
      }
      reviews(first: $first, sort: NEWEST) {
        edges {
          node {
            ${REVIEW_FIELDS}
          }
        }
      }
    }
  }
`

export const RESPOND_TO_REVIEW = /* GraphQL */ `
  mutation RespondToReview($input: RespondToReviewInput!) {
    respondToReview(input: $input) {
      __typename
      ... on ReviewResponse {
        version
      }
      ... on Error {
        message
        code
      }
    }
  }
`

export const DELETE_REVIEW = /* GraphQL */ `
  mutation DeleteReview($input: DeleteReviewInput!) {
    deleteReview(input: $input) {
      __typename
      ... on Error {
        message
        code
      }
    }
  }
`

export const FLAG_CONTENT = resultMutation('FlagContent', '')

/** The buyer's recent conversations, to name the one in which an order's problem was handled. */
export const BUYER_CONVERSATIONS = /* GraphQL */ `
  query BuyerConversations {
    viewer {
      conversations(first: 50) {
        edges {
          node {
            id
            subject
            lastMessageAt
            supplier {
              slug
            }
          }
        }
      }
    }
  }
`

export const DISMISS_REVIEW_INVITATION = resultMutation('DismissReviewInvitation', '')
