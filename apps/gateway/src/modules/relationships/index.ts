// Relationships: buyers follow suppliers (and mute them), teams post updates to their
// followers, and a job notifies the followers of each update.
import { fanOutSupplierUpdate } from '@rapport/relationships'
import { defineModule, jobWorker } from '../module.ts'
import { announceNotifications, enqueueFromJob, notifier } from '../notifications/deps.ts'
import { updateFanOut } from './deps.ts'
import './types.ts'
import './queries.ts'
import './mutations.ts'
import './pair.ts'

export const relationships = defineModule({
  name: 'relationships',
  jobs: (services) => [
    jobWorker(updateFanOut, async ({ tx, data, send }) => {
      const notified = await fanOutSupplierUpdate(tx, notifier(enqueueFromJob(send)), data.updateId)
      return () => announceNotifications(services.pubsub, notified)
    }),
  ],
})
