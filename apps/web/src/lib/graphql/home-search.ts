// The home page's search for buyers: suppliers (name, tagline or location) and products (name or
// description) matching the same words, each list with its own page cursor.
/** What a supplier card on the home page shows, in the list and in search results alike. */
export const SUPPLIER_CARD_FIELDS = /* GraphQL */ `
  id
  slug
  name
  tagline
  philosophy
  location
  timeZone
`

/** The home page's list of suppliers, a page at a time. */
export const HOME_SUPPLIERS = /* GraphQL */ `
  query HomeSuppliers($first: Int!, $after: String) {
    suppliers(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ${SUPPLIER_CARD_FIELDS}
        }
      }
    }
  }
`

export const HOME_SEARCH = /* GraphQL */ `
  query HomeSearch($search: String!, $first: Int!, $suppliersAfter: String, $productsAfter: String) {
    suppliers(search: $search, first: $first, after: $suppliersAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ${SUPPLIER_CARD_FIELDS}
        }
      }
    }
    products(search: $search, first: $first, after: $productsAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          description
          price {
            amount
            currency
          }
          supplier {
            id
            name
          }
        }
      }
    }
  }
`
