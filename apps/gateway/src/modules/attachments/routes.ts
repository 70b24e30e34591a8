// POST /attachments (the file as the raw body, its name in ?name=) → { id, … } to pass to
// sendMessage (or postSupplierUpdate's imageId); GET /attachments/<id> → the file, for the
// conversation's participants (anyone, for a published update's picture).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { DomainError } from '@rapport/core'
import { MAX_ATTACHMENT_BYTES, readAttachment, uploadAttachment } from '@rapport/messaging'
import { readBytes } from '../../http-body.ts'
import type { HttpRoute, HttpTools, Services } from '../module.ts'

// Uploads are state-changing: the same CSRF rule as GraphQL's (no simple cross-site form posts).
const SIMPLE_FORM = /^(text\/plain|multipart\/form-data|application\/x-www-form-urlencoded)/

export function attachmentRoutes(services: Services): HttpRoute[] {
  async function upload(req: IncomingMessage, res: ServerResponse, url: URL, http: HttpTools) {
    const contentType = req.headers['content-type']
    if (!contentType || SIMPLE_FORM.test(contentType))
      return http.sendError(res, { message: 'Send the file as the request body with its own content type.', code: 'BAD_REQUEST' })
    const raw = await readBytes(req, MAX_ATTACHMENT_BYTES)
    if (!raw) return http.sendError(res, { message: `Files are limited to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`, code: 'PAYLOAD_TOO_LARGE' })
    const ctx = await http.context(req)
    const a = await uploadAttachment({ db: ctx.db, store: services.blobStore }, ctx.viewer, { fileName: url.searchParams.get('name') ?? 'file', bytes: raw })
    http.sendJson(res, 201, { id: a.id, fileName: a.fileName, contentType: a.contentType, byteSize: a.byteSize, width: a.width, height: a.height })
  }

  async function download(req: IncomingMessage, res: ServerResponse, id: string, http: HttpTools) {
    const ctx = await http.context(req)
    const { attachment, bytes, isPublic } = await readAttachment({ db: ctx.db, store: services.blobStore }, ctx.viewer, id)
    res.setHeader('content-type', attachment.contentType)
    res.setHeader('content-length', String(bytes.length))
    res.setHeader('x-content-type-options', 'nosniff')
    res.setHeader('cache-control', isPublic ? 'public, max-age=3600' : 'private, max-age=3600')
    const disposition = attachment.contentType === 'application/pdf' ? 'attachment' : 'inline'
    res.setHeader('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`)
    res.end(bytes)
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, http: HttpTools) {
    try {
      if (req.method === 'POST' && url.pathname === '/attachments') return await upload(req, res, url, http)
      const id = url.pathname.slice('/attachments/'.length)
      if (req.method === 'GET' && /^[0-9a-f-]{36}$/.test(id)) return await download(req, res, id, http)
      return http.sendError(res, { message: 'Not found.', code: 'NOT_FOUND' })
    } catch (e) {
      if (e instanceof DomainError) return http.sendError(res, e)
      throw e
    }
  }

  return [
    { path: '/attachments', handle },
    { path: '/attachments/', handle },
  ]
}
