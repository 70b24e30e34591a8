import { error, fail, redirect } from '@sveltejs/kit'
import {
  INVITE_TEAM_MEMBER,
  REMOVE_TEAM_MEMBER,
  REVOKE_INVITATION,
  SETTINGS_PAGE,
  UPDATE_SUPPLIER_SETTINGS,
} from '$lib/graphql/supplier-admin'
import { parseDayHours } from '$lib/hours'
import { gatewayFailure } from '$lib/server/form-results'
import { gql } from '$lib/server/gateway'
import { getLimits } from '$lib/server/limits'
import { resultErrorStatus } from '$lib/server/http-status'
import { requireMembership, teamPageQuery } from '$lib/server/team'
import { timeZoneGroups } from '$lib/server/time-zones'
import type { Actions, PageServerLoad } from './$types'

type SettingsPageData = {
  supplier: {
    id: string
    slug: string
    name: string
    timeZone: string
    responseTarget: number
    awayEnabled: boolean
    awayMessage: string | null
    closures: string[]
    serviceHours: Array<{ weekday: number; opensAt: string; closesAt: string }>
    team: Array<{ id: string; displayName: string; role: 'OWNER' | 'AGENT'; title: string | null; joinedAt: string }>
    invitations?: Array<{ id: string; email: string; role: 'OWNER' | 'AGENT'; createdAt: string; expiresAt: string }>
  } | null
}

type MutationResult = { __typename: string; message?: string; code?: string; field?: string | null }

/** Response targets offered, in seconds of service time. */
const TARGETS = [15 * 60, 30 * 60, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 48 * 3600, 72 * 3600]

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
  depends('app:settings')
  const membership = requireMembership(locals.viewer, url, params.slug, 'page')
  const isOwner = membership.role === 'OWNER'
  const data = await teamPageQuery<SettingsPageData>(
    SETTINGS_PAGE,
    { slug: params.slug, owner: isOwner },
    'your settings',
  )
  const supplier = data.supplier
  if (!supplier) error(404, 'We couldn’t find that page.')
  const targets = TARGETS.includes(supplier.responseTarget)
    ? TARGETS
    : [...TARGETS, supplier.responseTarget].sort((a, b) => a - b)
  return {
    supplier,
    limits: await getLimits(),
    isOwner,
    viewerMemberId: membership.member.id,
    targets,
    timeZones: timeZoneGroups(),
    saved: url.searchParams.get('saved') === '1',
    removed: url.searchParams.get('removed'),
    withdrawn: url.searchParams.get('withdrawn'),
  }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

export const actions: Actions = {
  save: async ({ request, params, url, locals }) => {
    const { supplier } = requireMembership(locals.viewer, url, params.slug, 'page')
    const form = await request.formData()
    const errors: Record<string, string> = {}
    const values = {
      timeZone: text(form, 'timeZone'),
      responseTarget: text(form, 'responseTarget'),
      awayEnabled: form.get('awayEnabled') === 'on',
      awayMessage: text(form, 'awayMessage'),
      closures: text(form, 'closures'),
      hours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, text(form, `hours-${d}`)])),
    }

    const serviceHours: Array<{ weekday: number; opensAt: string; closesAt: string }> = []
    for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
      const parsed = parseDayHours(values.hours[weekday] ?? '')
      if (!parsed.ok) errors[`hours-${weekday}`] = parsed.message
      else serviceHours.push(...parsed.intervals.map((i) => ({ weekday, ...i })))
    }
    const target = Number(values.responseTarget)
    if (!Number.isInteger(target) || target <= 0) errors.responseTarget = 'Choose a response target.'
    const closures = values.closures.split(/[\s,]+/).filter(Boolean)
    const badDate = closures.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
    if (badDate) errors.closures = `“${badDate}” isn’t a date. Write dates like 2026-12-25, one per line.`
    if (values.awayEnabled && !values.awayMessage)
      errors.awayMessage = 'Write the message buyers will get while you’re away.'
    if (values.awayMessage.length > 1000) errors.awayMessage = 'Keep the away message under 1,000 characters.'
    if (Object.keys(errors).length > 0) {
      return fail(400, {
        action: 'save',
        message: 'Please correct the highlighted fields. Nothing was saved.',
        errors,
        values,
      })
    }

    let result: MutationResult
    try {
      result = (
        await gql<{ updateSupplierSettings: MutationResult }>(UPDATE_SUPPLIER_SETTINGS, {
          input: {
            supplierId: supplier.id,
            timeZone: values.timeZone,
            responseTarget: target,
            awayEnabled: values.awayEnabled,
            awayMessage: values.awayMessage || null,
            closures,
            serviceHours,
          },
        })
      ).updateSupplierSettings
    } catch (err) {
      return gatewayFailure('save', err, { values })
    }
    if (result.__typename !== 'Supplier') {
      const field = result.field?.startsWith('serviceHours') ? 'hours-1' : (result.field ?? null)
      return fail(resultErrorStatus(result), {
        action: 'save',
        message: result.message ?? 'That didn’t work. Nothing was saved.',
        errors: field ? { [field]: result.message ?? '' } : {},
        values,
      })
    }
    redirect(303, `${url.pathname}?saved=1`)
  },

  invite: async ({ request, params, url, locals }) => {
    const { supplier } = requireMembership(locals.viewer, url, params.slug, 'page')
    const form = await request.formData()
    const email = text(form, 'email')
    const role = text(form, 'role') === 'OWNER' ? 'OWNER' : 'AGENT'
    const values = { email, role }
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return fail(400, {
        action: 'invite',
        message: 'Enter the email address of the person to invite.',
        errors: { email: 'Enter an email address like name@example.com.' },
        values,
      })
    }
    let result: MutationResult & {
      invitationToken?: string
      invitation?: { email: string; role: string; expiresAt: string }
    }
    try {
      result = (
        await gql<{ inviteTeamMember: typeof result }>(INVITE_TEAM_MEMBER, {
          input: { supplierId: supplier.id, email, role },
        })
      ).inviteTeamMember
    } catch (err) {
      return gatewayFailure('invite', err, { values })
    }
    if (!result.invitationToken || !result.invitation) {
      return fail(resultErrorStatus(result), {
        action: 'invite',
        message: result.message ?? 'That invitation couldn’t be made.',
        errors: { email: result.message ?? '' },
        values,
      })
    }
    // The token is shown this once: only its hash is stored.
    return {
      action: 'invite',
      invitation: {
        ...result.invitation,
        link: new URL(`/invitations/${encodeURIComponent(result.invitationToken)}`, url).href,
      },
    }
  },

  revoke: async ({ request, params, url, locals }) => {
    requireMembership(locals.viewer, url, params.slug, 'page')
    const form = await request.formData()
    let result: MutationResult & { email?: string }
    try {
      result = (
        await gql<{ revokeInvitation: typeof result }>(REVOKE_INVITATION, {
          input: { invitationId: text(form, 'invitationId') },
        })
      ).revokeInvitation
    } catch (err) {
      return gatewayFailure('revoke', err, { values: {} })
    }
    if (result.__typename !== 'Invitation') {
      return fail(400, {
        action: 'revoke',
        message: result.message ?? 'That invitation couldn’t be withdrawn.',
        errors: {},
        values: {},
      })
    }
    redirect(303, `${url.pathname}?withdrawn=${encodeURIComponent(result.email ?? '')}`)
  },

  remove: async ({ request, params, url, locals }) => {
    const { member } = requireMembership(locals.viewer, url, params.slug, 'page')
    const form = await request.formData()
    const memberId = text(form, 'memberId')
    let result: MutationResult & { displayName?: string }
    try {
      result = (await gql<{ removeTeamMember: typeof result }>(REMOVE_TEAM_MEMBER, { input: { memberId } }))
        .removeTeamMember
    } catch (err) {
      return gatewayFailure('remove', err, { values: {} })
    }
    if (result.__typename !== 'TeamMember') {
      return fail(400, {
        action: 'remove',
        message: result.message ?? 'That person couldn’t be removed.',
        errors: {},
        values: {},
      })
    }
    // Leaving the team: its pages are closed to you from now on.
    if (memberId === member.id) redirect(303, '/')
    redirect(303, `${url.pathname}?removed=${encodeURIComponent(result.displayName ?? '')}`)
  },
}
