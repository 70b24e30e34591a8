// Attachments: images and PDF up to 10 MB, their type detected from the bytes (file-type),
// never taken from the client. Bytes go to a BlobStore — local disk when embedded; an object
// store can implement the same three methods later.
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { NotFoundError, UnauthenticatedError, ValidationError, type Viewer } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'
import { fileTypeFromBuffer } from 'file-type'
import { visibleConversationIds } from './access.ts'
import { megabytes, MESSAGING_LIMITS } from './limits.ts'

export const MAX_ATTACHMENT_BYTES = MESSAGING_LIMITS.attachmentBytes
export const ALLOWED_TYPES = MESSAGING_LIMITS.attachmentTypes

export type BlobStore = {
  put(key: string, bytes: Uint8Array): Promise<void>
  get(key: string): Promise<Buffer | null>
  delete(key: string): Promise<void>
}

export function localDiskStore(dir: string): BlobStore {
  // Keys are generated here (uuid-based); the join never sees client input.
  const file = (key: string) => path.join(dir, key.slice(0, 2), key)
  return {
    async put(key, bytes) {
      await mkdir(path.dirname(file(key)), { recursive: true })
      await writeFile(file(key), bytes, { flag: 'wx' })
    },
    async get(key) {
      try {
        return await readFile(file(key))
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw e
      }
    },
    async delete(key) {
      await rm(file(key), { force: true })
    },
  }
}

export async function uploadAttachment(
  deps: { db: PrismaClient; store: BlobStore },
  viewer: Viewer | null,
  input: { fileName: string; bytes: Uint8Array },
) {
  if (!viewer) throw new UnauthenticatedError('Sign in to attach files.')
  if (input.bytes.byteLength === 0) throw new ValidationError('The file is empty.', 'file')
  if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new ValidationError(`Files are limited to ${megabytes(MAX_ATTACHMENT_BYTES)}.`, 'file')
  const detected = await fileTypeFromBuffer(input.bytes)
  if (!detected || !(ALLOWED_TYPES as readonly string[]).includes(detected.mime))
    throw new ValidationError('Attach images (JPEG, PNG, WebP, GIF) or PDF documents.', 'file')
  const fileName = sanitizeFileName(input.fileName, detected.ext)
  const storageKey = `${randomUUID()}.${detected.ext}`
  await deps.store.put(storageKey, input.bytes)
  const { width, height } = imageSize(input.bytes, detected.mime)
  try {
    return await deps.db.messageAttachment.create({
      data: {
        uploaderId: viewer.userId,
        fileName,
        contentType: detected.mime,
        byteSize: input.bytes.byteLength,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        storageKey,
        width,
        height,
      },
    })
  } catch (e) {
    await deps.store.delete(storageKey)
    throw e
  }
}

/**
 * The uploader, and the participants of the conversation it was sent in, may download it; a
 * published supplier update's picture is public, as the update is.
 */
export async function readAttachment(deps: { db: PrismaClient; store: BlobStore }, viewer: Viewer | null, id: string) {
  const attachment = await deps.db.messageAttachment.findUnique({
    where: { id },
    include: { message: { select: { conversationId: true } }, update: { select: { status: true } } },
  })
  if (!attachment) throw new NotFoundError('No such file.')
  const isPublic = attachment.update?.status === 'PUBLISHED'
  if (!viewer && !isPublic) throw new NotFoundError('No such file.')
  const mayRead =
    isPublic ||
    attachment.uploaderId === viewer!.userId ||
    (attachment.message && (await visibleConversationIds(deps.db, viewer!, [attachment.message.conversationId])).size > 0)
  if (!mayRead) throw new NotFoundError('No such file.')
  const bytes = await deps.store.get(attachment.storageKey)
  if (!bytes) throw new NotFoundError('The file is no longer available.')
  return { attachment, bytes, isPublic }
}

function sanitizeFileName(name: string, ext: string): string {
  const base = path
    .basename(name || 'file')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 120)
    .trim()
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base || 'file'}.${ext}`
}

/** Width and height from PNG, GIF and JPEG headers; null when not an image or unknown. */
function imageSize(b: Uint8Array, mime: string): { width: number | null; height: number | null } {
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength)
  if (mime === 'image/png' && view.length >= 24) return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) }
  if (mime === 'image/gif' && view.length >= 10) return { width: view.readUInt16LE(6), height: view.readUInt16LE(8) }
  if (mime === 'image/jpeg') {
    let i = 2
    while (i + 9 < view.length) {
      if (view[i] !== 0xff) break
      const marker = view[i + 1]!
      const len = view.readUInt16BE(i + 2)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { height: view.readUInt16BE(i + 5), width: view.readUInt16BE(i + 7) }
      i += 2 + len
    }
  }
  return { width: null, height: null }
}
