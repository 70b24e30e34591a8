// Attachments: the files sent with messages, stored beside the database and served over REST.
import { defineModule } from '../module.ts'
import { attachmentRoutes } from './routes.ts'
import { attachmentServices } from './services.ts'

export const attachments = defineModule({
  name: 'attachments',
  services: attachmentServices,
  attach: (services) => ({ routes: attachmentRoutes(services) }),
})
