// The links the email tests render with: one made-up site, so assertions can name its URLs.
import type { EmailLinks } from './unread-email.ts'

export const TEST_LINKS: EmailLinks = {
  conversation: (id) => `https://rapport.example/conversations/${id}`,
  conversationPath: (id) => `/conversations/${id}`,
  page: (p) => `https://rapport.example${p}`,
  preferences: 'https://rapport.example/settings/notifications',
  unsubscribePage: (t) => `https://rapport.example/unsubscribe/${t}`,
  unsubscribeOneClick: (t) => `https://api.rapport.example/unsubscribe/${t}`,
}
