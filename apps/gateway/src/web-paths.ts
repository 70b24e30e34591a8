// Paths of the web app that the gateway links to (in notifications and emails): the one home
// of each route's shape on this side. Ids in the web's URLs are this API's global ids.
import { encodeGlobalID } from '@pothos/plugin-relay'

const gid = (type: string, id: string) => encodeURIComponent(encodeGlobalID(type, id))

export const webPaths = {
  conversation: (id: string) => `/conversations/${gid('Conversation', id)}`,
  orderReview: (orderId: string) => `/orders/${gid('Order', orderId)}/review`,
  product: (id: string) => `/products/${gid('Product', id)}`,
  supplierFeedback: (slug: string) => `/suppliers/${encodeURIComponent(slug)}/feedback`,
  supplierQuestions: (slug: string) => `/suppliers/${encodeURIComponent(slug)}/questions`,
  supplierReviews: (slug: string) => `/suppliers/${encodeURIComponent(slug)}/reviews`,
  notificationSettings: '/settings/notifications',
  /** Your data: the export archive's download, and deleting the account. */
  dataSettings: '/settings/data',
  /** The partner portal: a supplier's keys and webhooks (no slug: the platform partners'). */
  developers: (supplierSlug?: string) => (supplierSlug ? `/developers?supplier=${encodeURIComponent(supplierSlug)}` : '/developers'),
  unsubscribe: (token: string) => `/unsubscribe/${token}`,
} as const
