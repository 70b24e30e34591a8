// Presence in the API: whether the other side of a conversation is online, and the viewer's
// choice to show or hide their own.
import { presenceVisibilityOf, setPresenceVisibility } from '@rapport/identity'
import { builder } from '../../builder.ts'
import { ViewerRef } from '../identity/types.ts'
import { ConversationRef } from '../messaging/types.ts'
import { announceVisibilityChange, counterpartPresence } from './presence.ts'

const PresenceRef = builder.objectRef<{ online: boolean; lastSeenAt: Date | null }>('Presence').implement({
  fields: (t) => ({
    online: t.exposeBoolean('online'),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime', nullable: true }),
  }),
})

builder.objectField(ConversationRef, 'counterpartPresence', (t) =>
  t.field({
    type: PresenceRef,
    description: 'Whether the other side is online: the buyer, or anyone on the supplier team.',
    resolve: (c, _args, ctx) => counterpartPresence(ctx, ctx.viewer, c),
  }),
)

const PresenceVisibilityEnum = builder.enumType('PresenceVisibility', {
  values: { VISIBLE: { description: 'Others see when you are online and when you were last seen.' }, INVISIBLE: { description: 'You always appear offline.' } } as const,
})
const PresenceInput = builder.inputType('SetPresenceVisibilityInput', {
  fields: (t) => ({ visibility: t.field({ type: PresenceVisibilityEnum, required: true }) }),
})

builder.mutationFields((t) => ({
  setPresenceVisibility: t.field({
    type: PresenceVisibilityEnum,
    description: 'Show or hide the viewer’s online status and last seen time.',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: PresenceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const visibility = await setPresenceVisibility(ctx, ctx.viewer, input.visibility)
      // Open conversation pages show the change now, not at the person's next connect.
      announceVisibilityChange(ctx.pubsub, ctx.viewer!)
      return visibility
    },
  }),
}))

builder.objectField(ViewerRef, 'presenceVisibility', (t) =>
  t.field({
    type: PresenceVisibilityEnum,
    description: 'Whether others see when you are online (setPresenceVisibility changes it).',
    resolve: (v, _args, ctx) => presenceVisibilityOf(ctx, v.userId),
  }),
)
