import { error, fail, redirect } from '@sveltejs/kit'
import { DELETE_SAVED_REPLY, SAVE_SAVED_REPLY, SAVED_REPLIES_PAGE } from '$lib/graphql/saved-replies'
import { mutate } from '$lib/server/form-results'
import { requireMembership, teamPageQuery } from '$lib/server/team'
import type { Actions, PageServerLoad } from './$types'

export type SavedReplyRow = { id: string; title: string; body: string; updatedAt: string }
export type Placeholder = { key: string; description: string; example: string }
type PageData = {
  supplier: { id: string; name: string; savedReplies: SavedReplyRow[] } | null
  savedReplyPlaceholders: Placeholder[]
  limits: { messageBodyMaxLength: number; savedReplyTitleMaxLength: number }
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireMembership(locals.viewer, url, params.slug, 'page')
  const data = await teamPageQuery<PageData>(SAVED_REPLIES_PAGE, { slug: params.slug }, 'your saved replies')
  if (!data.supplier) error(404, 'We couldn’t find that page.')
  return {
    slug: params.slug,
    supplier: data.supplier,
    replies: data.supplier.savedReplies,
    placeholders: data.savedReplyPlaceholders,
    limits: data.limits,
    saved: url.searchParams.get('saved'),
    deleted: url.searchParams.get('deleted'),
  }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

/** Back to the plain page with one note, so a reload does not post again. */
function done(url: URL, note: 'saved' | 'deleted', title: string): never {
  redirect(303, `${url.pathname}?${new URLSearchParams({ [note]: title })}`)
}

export const actions: Actions = {
  // Creates a reply, or updates one when the form carries its id. The gateway checks lengths and
  // that the title is free; its refusal comes back beside the field, with what was typed.
  save: async ({ request, url, params, locals }) => {
    const { supplier } = requireMembership(locals.viewer, url, params.slug, 'page')
    const form = await request.formData()
    const values = { id: text(form, 'id'), title: text(form, 'title'), body: text(form, 'body') }
    const action = values.id ? `save:${values.id}` : 'save'
    const errors: Record<string, string> = {}
    if (!values.title) errors.title = 'Give the reply a title, so the team can find it.'
    if (!values.body) errors.body = 'Write the reply.'
    if (Object.keys(errors).length) return fail(400, { action, message: 'Please correct the highlighted fields. Nothing was saved.', errors, values })
    const saved = await mutate<{ title: string }>(
      action,
      SAVE_SAVED_REPLY,
      { supplierId: supplier.id, id: values.id || null, title: values.title, body: values.body },
      'SavedReply',
      { values },
    )
    if (saved.failure) return saved.failure
    done(url, 'saved', saved.value.title)
  },
  delete: async ({ request, url, params, locals }) => {
    requireMembership(locals.viewer, url, params.slug, 'page')
    const id = text(await request.formData(), 'id')
    const deleted = await mutate<{ title: string }>(`delete:${id}`, DELETE_SAVED_REPLY, { id }, 'SavedReply')
    if (deleted.failure) return deleted.failure
    done(url, 'deleted', deleted.value.title)
  },
}
