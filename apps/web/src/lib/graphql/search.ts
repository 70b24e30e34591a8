/* Message search in an inbox: the buyer's own conversations, or (with supplierId) a team's. */

export const SEARCH_MESSAGES = /* GraphQL */ `
  query SearchMessages($query: String!, $supplierId: ID, $order: MessageSearchOrder, $first: Int!, $after: String) {
    searchMessages(query: $query, supplierId: $supplierId, order: $order, first: $first, after: $after) {
      __typename
      ... on MessageSearchConnection {
        notice
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            matchedIn
            sequence
            at
            snippet
            highlights {
              start
              length
            }
            conversation {
              id
              subject
              buyer {
                displayName
              }
              supplier {
                name
              }
              product {
                name
              }
            }
            message {
              author {
                displayName
              }
            }
          }
        }
      }
      ... on Error {
        message
        code
      }
    }
  }
`
