// Public product Q&A as the product page and the team's questions page read and write it.
import { RATING_SUMMARY_FIELDS, REVIEW_FIELDS, type ModerationNoticeView, type RatingSummaryView, type ReviewView } from './reviews'
import { resultMutation } from './shared'

/** A question with its answers, the supplier's first. */
const QUESTION_FIELDS = `
  id
  body
  askerName
  createdAt
  moderation {
    action
    reason
    decidedAt
  }
  answers {
    id
    body
    authorName
    fromSupplier
    helpfulCount
    createdAt
    moderation {
      action
      reason
      decidedAt
    }
    responder {
      displayName
      title
      role
    }
  }
`

export type AnswerView = {
  id: string
  body: string
  authorName: string
  fromSupplier: boolean
  helpfulCount: number
  createdAt: string
  responder: { displayName: string; title: string | null; role: 'OWNER' | 'AGENT' } | null
  /** Set when moderators hid it; `body` is then empty unless the viewer wrote it. */
  moderation: ModerationNoticeView | null
}
export type QuestionView = { id: string; body: string; askerName: string | null; createdAt: string; moderation: ModerationNoticeView | null; answers: AnswerView[] }
type Page<T> = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: T }> }

/** Reviews and Q&A under a product: its summary, the most helpful reviews, a page of questions. */
export const PRODUCT_FEEDBACK = /* GraphQL */ `
  query ProductFeedback($id: ID!, $reviews: Int!, $questions: Int!, $after: String) {
    product(id: $id) {
      ratingSummary {
        ${RATING_SUMMARY_FIELDS}
      }
      reviews(first: $reviews, sort: MOST_HELPFUL) {
        edges {
          node {
            ${REVIEW_FIELDS}
          }
        }
      }
      questions(first: $questions, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ${QUESTION_FIELDS}
          }
        }
      }
    }
  }
`
export type ProductFeedbackData = {
  product: { ratingSummary: RatingSummaryView; reviews: { edges: Array<{ node: ReviewView }> }; questions: Page<QuestionView> } | null
}

/** The team's questions page: newest first, or only those the supplier has not answered. */
export const TEAM_QUESTIONS = /* GraphQL */ `
  query TeamQuestions($slug: String!, $first: Int!, $after: String, $unanswered: Boolean) {
    supplier(slug: $slug) {
      id
      slug
      name
      timeZone
      questions(first: $first, after: $after, unanswered: $unanswered) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ${QUESTION_FIELDS}
            product {
              id
              name
            }
          }
        }
      }
    }
  }
`
export type TeamQuestionView = QuestionView & { product: { id: string; name: string } }
export type TeamQuestionsData = {
  supplier: { id: string; slug: string; name: string; timeZone: string; questions: Page<TeamQuestionView> } | null
}

/** A refused Q&A form, as the page shows it again: which form, its text, and why. */
export type QaFailure = { form: 'ask' | 'answer' | 'vote'; questionId?: string; answerId?: string; body?: string; message: string }
export type QaResult = { __typename: string; id?: string; message?: string; code?: string; field?: string | null }

export const ASK_QUESTION = resultMutation('AskQuestion', '... on ProductQuestion { id }')
export const ANSWER_QUESTION = resultMutation('AnswerQuestion', '... on ProductAnswer { id }')
export const VOTE_ANSWER = resultMutation('VoteHelpful', '... on HelpfulVote { helpfulCount }')
export const PROPOSE_PUBLIC_QUESTION = resultMutation('ProposePublicQuestion', '... on PublicQuestionProposal { id }')
export const CONSENT_TO_PUBLIC_QUESTION = resultMutation('ConsentToPublicQuestion', '... on PublicQuestionProposal { id status }')

export type ProposalView = {
  id: string
  question: string
  answer: string
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED'
  createdAt: string
  product: { id: string; name: string } | null
  proposedBy: { displayName: string } | null
}

/** The proposals in a conversation, for both its parties. */
export const CONVERSATION_PROPOSALS = /* GraphQL */ `
  query ConversationProposals($id: ID!) {
    node(id: $id) {
      ... on Conversation {
        publicQuestionProposals {
          id
          question
          answer
          status
          createdAt
          product {
            id
            name
          }
          proposedBy {
            displayName
          }
        }
      }
    }
  }
`
