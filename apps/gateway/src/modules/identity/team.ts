import { listPendingInvitations, listTeam, teamMemberRow } from '@rapport/identity'
import { builder } from '../../builder.ts'
import { SupplierRef } from '../catalog/supplier.ts'
import { InvitationRef, TeamMemberRef } from './types.ts'

builder.objectFields(SupplierRef, (t) => ({
  team: t.field({
    type: [TeamMemberRef],
    description: 'Who answers for this supplier, owners first.',
    resolve: async (s, _args, ctx) => (await listTeam({ db: ctx.db }, s.id)).map(teamMemberRow),
  }),
  invitations: t.field({
    type: [InvitationRef],
    description: 'Pending team invitations. Owners of this supplier only.',
    authScopes: (s) => ({ ownerOf: s.id }),
    resolve: (s, _args, ctx) => listPendingInvitations(ctx, ctx.viewer, s.id),
  }),
}))
