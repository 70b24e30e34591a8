// An invitation link's page asks what it is for before anyone signs in: the token is the
// secret, so whoever holds it may see the team and role (and only a hint of the address).
import { previewInvitation, type InvitationPreview } from '@rapport/identity'
import { builder } from '../../builder.ts'
import { SupplierRef, suppliers } from '../catalog/supplier.ts'
import { MemberRoleEnum } from './types.ts'

const InvitationStateEnum = builder.enumType('InvitationState', {
  values: {
    PENDING: { description: 'Can be accepted.' },
    ACCEPTED: { description: 'Already used.' },
    EXPIRED: { description: 'Too old; the owner can send a new one.' },
  } as const,
})

const InvitationPreviewRef = builder.objectRef<InvitationPreview>('InvitationPreview').implement({
  description: 'What an invitation link is for, shown to whoever holds it.',
  fields: (t) => ({
    supplier: t.field({
      type: SupplierRef,
      resolve: (p, _args, ctx) => suppliers.get(ctx, p.supplier.id),
    }),
    role: t.expose('role', { type: MemberRoleEnum }),
    emailHint: t.exposeString('emailHint', { description: 'The invited address, partly hidden: “ma•••@example.com”.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    state: t.expose('state', { type: InvitationStateEnum }),
  }),
})

builder.queryFields((t) => ({
  invitation: t.field({
    type: InvitationPreviewRef,
    nullable: true,
    description: 'What an invitation link is for; null when the token is unknown or was revoked.',
    authScopes: { public: true },
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => previewInvitation(ctx, args.token),
  }),
}))
