// Moderation: anyone signed in reports content; moderators and admins work the queue and decide
// (the rules are in @rapport/reviews' moderation folder).
import { defineModule } from '../module.ts'
import './types.ts'
import './errors.ts'
import './queries.ts'
import './mutations.ts'
import './supplier-reports.ts'
import './staff-access.ts'

export const moderation = defineModule({ name: 'moderation' })
