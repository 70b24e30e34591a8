import { SERVICE_HOURS_FIELDS } from './shared'

export const SUPPLIER_PAGE = /* GraphQL */ `
  query SupplierPage($slug: String!, $products: Int!) {
    supplier(slug: $slug) {
      id
      slug
      name
      tagline
      philosophy
      about
      location
      timeZone
      responseTarget
      serviceHours {
        ${SERVICE_HOURS_FIELDS}
      }
      closures
      ratingSummary {
        count
        average
        distribution
      }
      followerCount
      viewerFollow {
        muted
      }
      updates(first: 1) {
        edges {
          node {
            id
            title
            publishedAt
          }
        }
      }
      responseMetrics(window: DAYS_30) {
        usuallyRepliesWithin
        medianFirstResponse
        withinTargetRate
        responseRate
        conversations
      }
      team {
        id
        displayName
        title
        role
      }
      products(first: $products) {
        pageInfo {
          hasNextPage
        }
        edges {
          node {
            id
            name
            slug
            description
            imageUrl
            price {
              amount
              currency
            }
          }
        }
      }
    }
  }
`

export const PRODUCT_PAGE = /* GraphQL */ `
  query ProductPage($id: ID!) {
    product(id: $id) {
      id
      name
      slug
      description
      imageUrl
      price {
        amount
        currency
      }
      supplier {
        id
        slug
        name
        tagline
        location
        timeZone
        serviceHours {
          ${SERVICE_HOURS_FIELDS}
        }
        closures
        ratingSummary {
          count
          average
        }
        responseMetrics(window: DAYS_30) {
          usuallyRepliesWithin
        }
      }
    }
  }
`

export const START_CONVERSATION = /* GraphQL */ `
  mutation StartConversation($input: StartConversationInput!) {
    startConversation(input: $input) {
      __typename
      ... on StartConversationPayload {
        duplicate
        notice
        conversation {
          id
        }
      }
      ... on RateLimitedError {
        retryAfterSeconds
      }
      ... on Error {
        message
        code
      }
      ... on ValidationError {
        field
      }
    }
  }
`

export type ServiceHoursData = { weekday: number; opensAt: string; closesAt: string }

export type ResponseMetricsData = {
  usuallyRepliesWithin: number | null
  medianFirstResponse?: number | null
  withinTargetRate?: number | null
  responseRate?: number | null
  conversations?: number
}
