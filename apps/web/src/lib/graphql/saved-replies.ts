// The team's saved replies page: the replies, what they may say (placeholders), and the limits.
import { resultMutation } from './shared'

export const SAVED_REPLIES_PAGE = /* GraphQL */ `
  query SavedRepliesPage($slug: String!) {
    supplier(slug: $slug) {
      id
      name
      savedReplies {
        id
        title
        body
        updatedAt
      }
    }
    savedReplyPlaceholders {
      key
      description
      example
    }
    limits {
      messageBodyMaxLength
      savedReplyTitleMaxLength
    }
  }
`

export const SAVE_SAVED_REPLY = resultMutation(
  'SaveSavedReply',
  /* GraphQL */ `
  ... on SavedReply {
    id
    title
  }
`,
)

export const DELETE_SAVED_REPLY = resultMutation(
  'DeleteSavedReply',
  /* GraphQL */ `
  ... on SavedReply {
    id
    title
  }
`,
)
