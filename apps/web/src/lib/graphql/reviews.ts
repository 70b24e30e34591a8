// Reviews as the public pages read them.

export const SUPPLIER_REVIEWS = /* GraphQL */ `
  query SupplierReviews($slug: String!, $first: Int!, $after: String, $sort: ReviewSort, $stars: [Int!]) {
    supplier(slug: $slug) {
      id
      slug
      name
      timeZone
      ratingSummary {
        count
        average
        distribution
        lastTwelveMonthsAverage
      }
      reviews(first: $first, after: $after, sort: $sort, stars: $stars) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            rating
            title
            body
            authorName
            createdAt
            editedAt
            helpfulCount
            product {
              id
              name
            }
            response {
              body
              createdAt
              editedAt
              responder {
                displayName
                title
                role
              }
            }
          }
        }
      }
    }
  }
`
