// One-click unsubscribe (RFC 8058): mail clients POST to the List-Unsubscribe URL with no
// cookie and no page; the token alone turns that kind of email off.
import { unsubscribeByToken } from '@rapport/notifications'
import type { HttpRoute } from '../module.ts'

export const unsubscribeRoute: HttpRoute = {
  path: '/unsubscribe/',
  async handle(req, res, url, http) {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end()
      return
    }
    const token = decodeURIComponent(url.pathname.slice('/unsubscribe/'.length))
    const ctx = await http.context(req)
    try {
      const { kind } = await unsubscribeByToken({ db: ctx.db }, token)
      http.sendJson(res, 200, { unsubscribed: kind })
    } catch (e) {
      const err = e as { message: string; code?: string }
      if (err.code) http.sendError(res, { message: err.message, code: err.code })
      else throw e
    }
  },
}
