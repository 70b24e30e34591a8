import { redirect } from '@sveltejs/kit'
import type { RequestHandler } from './$types'

// /settings (the header's link on your name) opens the first settings page; the others are tabs there.
export const GET: RequestHandler = () => redirect(307, '/settings/notifications')
