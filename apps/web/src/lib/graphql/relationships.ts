/* Follows, supplier updates and notifications: the documents the web app sends. */

/** What a follow-button mutation's result needs: whether it worked, and the refusal's words. */
const OUTCOME = /* GraphQL */ `
      __typename
      ... on Error {
        message
      }
      ... on ValidationError {
        message
      }
`

/** An update's picture: served by this app at /attachments/<id>, sized before it loads. */
const UPDATE_IMAGE_FIELDS = /* GraphQL */ `
    id
    width
    height
`

export const SUPPLIER_UPDATE_FIELDS = /* GraphQL */ `
  id
  title
  body
  publishedAt
  authorName
  supplier {
    slug
    name
  }
  image {
    ${UPDATE_IMAGE_FIELDS}
  }
`

export const FOLLOW = /* GraphQL */ `
  mutation Follow($input: FollowInput!) {
    follow(input: $input) {
      ${OUTCOME}
    }
  }
`

export const UNFOLLOW = /* GraphQL */ `
  mutation Unfollow($input: UnfollowInput!) {
    unfollow(input: $input) {
      ${OUTCOME}
    }
  }
`

export const MUTE_SUPPLIER = /* GraphQL */ `
  mutation MuteSupplier($input: MuteSupplierInput!) {
    muteSupplier(input: $input) {
      ${OUTCOME}
    }
  }
`

export const SUPPLIER_UPDATES_PAGE = /* GraphQL */ `
  query SupplierUpdatesPage($slug: String!, $first: Int!, $after: String) {
    supplier(slug: $slug) {
      id
      slug
      name
      followerCount
      viewerFollow {
        muted
      }
      updates(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ${SUPPLIER_UPDATE_FIELDS}
          }
        }
      }
    }
  }
`

export const POST_SUPPLIER_UPDATE = /* GraphQL */ `
  mutation PostSupplierUpdate($input: PostSupplierUpdateInput!) {
    postSupplierUpdate(input: $input) {
      __typename
      ... on SupplierUpdate {
        id
      }
      ... on ValidationError {
        message
        field
      }
      ... on RateLimitedError {
        message
        retryAfterSeconds
      }
      ... on Error {
        message
      }
    }
  }
`

export const FOLLOWING_PAGE = /* GraphQL */ `
  query FollowingPage($first: Int!, $after: String) {
    viewer {
      following(first: 50) {
        edges {
          node {
            followedAt
            muted
            supplier {
              id
              slug
              name
              tagline
            }
          }
        }
      }
    }
    supplierUpdates(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ${SUPPLIER_UPDATE_FIELDS}
        }
      }
    }
  }
`

export const NOTIFICATIONS_PAGE = /* GraphQL */ `
  query NotificationsPage($first: Int!, $after: String) {
    viewer {
      unreadNotificationCount
      notifications(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            kind
            text
            link
            createdAt
            isRead
          }
        }
      }
    }
  }
`

export const MARK_NOTIFICATIONS_READ = /* GraphQL */ `
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      __typename
      ... on MarkNotificationsReadPayload {
        unreadCount
      }
      ... on ValidationError {
        message
      }
      ... on Error {
        message
      }
    }
  }
`

export const NOTIFICATION_PREFERENCES = /* GraphQL */ `
  query NotificationPreferences {
    notificationPreferences {
      kind
      channel
      enabled
    }
  }
`

export const UPDATE_NOTIFICATION_PREFERENCES = /* GraphQL */ `
  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      __typename
      ... on NotificationPreferencesPayload {
        preferences {
          kind
          channel
          enabled
        }
      }
      ... on ValidationError {
        message
      }
      ... on Error {
        message
      }
    }
  }
`

export const UNSUBSCRIBE_EMAIL = /* GraphQL */ `
  mutation UnsubscribeEmail($input: UnsubscribeEmailInput!) {
    unsubscribeEmail(input: $input) {
      __typename
      ... on UnsubscribeEmailPayload {
        kind
        email
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        message
      }
    }
  }
`

/**
 * One buyer and one supplier's history together, for that buyer and that supplier's team: the
 * timeline (newest first, paged forward) and, for the team only, how the relationship is doing
 * (`health`, null for the buyer) beside the buyer's own responsiveness.
 */
export const RELATIONSHIP_PAGE = /* GraphQL */ `
  query RelationshipPage($buyerId: ID!, $supplierId: ID!, $first: Int!, $after: String) {
    relationship(buyerId: $buyerId, supplierId: $supplierId) {
      orderCount
      firstOrderAt
      blockedByBuyer
      blockedBySupplier
      buyer {
        id
        displayName
        location
        responseMetrics(window: DAYS_30) {
          usuallyRepliesWithin
          medianFirstResponse
          responseRate
          conversations
          samples
        }
      }
      supplier {
        id
        slug
        name
      }
      health {
        orderCount
        repeatOrderCount
        firstOrderAt
        lastOrderAt
        lastContactAt
        openConversationCount
        resolvedConversationCount
        medianResolveSeconds
      }
      timeline(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            kind
            at
            order {
              id
              number
              status
              total {
                amount
                currency
              }
              items {
                productName
                quantity
              }
            }
            conversation {
              id
              subject
              status
              product {
                name
              }
            }
            review {
              id
              rating
              title
              body
            }
            update {
              id
              title
              body
              image {
                ${UPDATE_IMAGE_FIELDS}
              }
            }
          }
        }
      }
    }
  }
`
