/* Subscriptions the browser opens over graphql-ws (the only thing it asks the gateway directly). */
import { CONVERSATION_STATE_FIELDS, MESSAGE_FIELDS, NOTE_FIELDS } from './messaging'

export const CONVERSATION_EVENTS = /* GraphQL */ `
  subscription ConversationEvents($conversationId: ID!, $afterSequence: Int, $afterNoteSequence: Int) {
    conversationEvents(
      conversationId: $conversationId
      afterSequence: $afterSequence
      afterNoteSequence: $afterNoteSequence
    ) {
      __typename
      ... on Subscribed {
        lastSequence
      }
      ... on InternalNoteAdded {
        note {
          ${NOTE_FIELDS}
        }
      }
      ... on MessageAdded {
        message {
          ${MESSAGE_FIELDS}
        }
      }
      ... on MessageEdited {
        message {
          ${MESSAGE_FIELDS}
        }
      }
      ... on MessageDeleted {
        message {
          ${MESSAGE_FIELDS}
        }
      }
      ... on ReactionChanged {
        message {
          ${MESSAGE_FIELDS}
        }
      }
      ... on ReadPositionChanged {
        readPosition {
          side
          displayName
          lastReadSequence
          readAt
        }
      }
      ... on TypingChanged {
        typing
        at
        participant {
          displayName
          side
        }
      }
      ... on ViewingChanged {
        viewing
        at
        expiresAt
        viewer {
          displayName
          side
        }
      }
      ... on PresenceChanged {
        side
        online
        lastSeenAt
      }
      ... on ConversationUpdated {
        fields
        conversation {
          ${CONVERSATION_STATE_FIELDS}
        }
      }
    }
  }
`

export const INBOX_EVENTS = /* GraphQL */ `
  subscription InboxEvents {
    inboxEvents {
      kind
      byViewer
      unreadCount
      conversation {
        id
      }
    }
  }
`

export const REVIEW_EVENTS = /* GraphQL */ `
  subscription ReviewEvents($supplierId: ID!, $after: String) {
    reviewEvents(supplierId: $supplierId, after: $after) {
      kind
      cursor
    }
  }
`

export const NOTIFICATION_EVENTS = /* GraphQL */ `
  subscription NotificationEvents($after: String) {
    notificationEvents(after: $after) {
      kind
      cursor
      unreadCount
      notification {
        id
        kind
        text
        link
      }
    }
  }
`
