// GET /exports/<id> → the person's data archive, once (then it is gone). A person's session only:
// an API key acts as its maker, but never carries off the whole account.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { DomainError } from '@rapport/core'
import { takeDataExport } from '@rapport/privacy'
import type { HttpRoute, HttpTools } from '../module.ts'
import { privacyDeps } from './deps.ts'

export function privacyRoutes(): HttpRoute[] {
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, http: HttpTools) {
    try {
      const id = url.pathname.slice('/exports/'.length)
      if (req.method !== 'GET' || !/^[0-9a-f-]{36}$/.test(id)) return http.sendError(res, { message: 'Not found.', code: 'NOT_FOUND' })
      const ctx = await http.context(req)
      if (ctx.viewer?.apiKey) return http.sendError(res, { message: 'Only you can download your data, signed in.', code: 'FORBIDDEN' })
      const { bytes, fileName } = await takeDataExport(privacyDeps(ctx), ctx.viewer, id)
      res.setHeader('content-type', 'application/zip')
      res.setHeader('content-length', String(bytes.length))
      res.setHeader('content-disposition', `attachment; filename="${fileName}"`)
      res.setHeader('cache-control', 'no-store')
      res.end(bytes)
    } catch (e) {
      if (e instanceof DomainError) return http.sendError(res, e)
      throw e
    }
  }
  return [{ path: '/exports/', handle }]
}
