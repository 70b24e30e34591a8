// Email for the notifications module: the mailer (SMTP, or .eml files so `npm start` needs no
// mail server) and what links in emails point at.
import path from 'node:path'
import { repoRoot } from '@rapport/db'
import { createMailer, type EmailLinks, type Mailer } from '@rapport/notifications'
import type { ServiceSetup } from '../../shared-services.ts'
import { webPaths } from '../../web-paths.ts'

declare module '../../shared-services.ts' {
  interface ModuleServices {
    mailer: Mailer
    email: { links: EmailLinks & { review(orderId: string): string }; unreadDelayMinutes: number }
  }
}

export function notificationServices({ options }: ServiceSetup) {
  const email = options.email ?? {}
  const web = (email.webOrigin ?? 'http://127.0.0.1:3000').replace(/\/$/, '')
  const api = (email.apiOrigin ?? 'http://127.0.0.1:4000').replace(/\/$/, '')
  return {
    mailer: createMailer({ smtpUrl: email.smtpUrl, dir: email.mailDir ?? path.join(repoRoot, '.data', 'mail'), from: email.from ?? 'Rapport <no-reply@rapport.localhost>' }),
    email: {
      unreadDelayMinutes: email.unreadDelayMinutes ?? 5,
      links: {
        page: (pathname: string) => `${web}${pathname.startsWith('/') ? pathname : `/${pathname}`}`,
        conversation: (id: string) => `${web}${webPaths.conversation(id)}`,
        conversationPath: webPaths.conversation,
        review: (orderId: string) => `${web}${webPaths.orderReview(orderId)}`,
        preferences: `${web}${webPaths.notificationSettings}`,
        unsubscribePage: (token: string) => `${web}${webPaths.unsubscribe(token)}`,
        unsubscribeOneClick: (token: string) => `${api}/unsubscribe/${token}`,
      },
    },
  }
}
