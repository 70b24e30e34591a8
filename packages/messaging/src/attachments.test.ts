import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ValidationError } from '@rapport/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDiskStore, readAttachment, uploadAttachment } from './attachments.ts'
import { sendMessage } from './send-message.ts'
import { startConversation } from './start-conversation.ts'
import { cid, createWorld, type World } from './test-support.ts'

// A 2×3 PNG and the start of a PDF, built here so the tests carry no binary files.
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000002000000030806000000b8b3c6a00000001049444154789c63f8cfc0f01f0003000301ff5ea9f2560000000049454e44ae426082',
  'hex',
)
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')

let w: World
let dir: string
beforeAll(async () => {
  w = await createWorld()
  dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-attachments-'))
})
afterAll(async () => {
  await w.db.drop()
  rmSync(dir, { recursive: true, force: true })
})

describe('attachments', () => {
  it('accepts an image, detecting its type and size from the bytes whatever the name says', async () => {
    const store = localDiskStore(dir)
    const a = await uploadAttachment({ db: w.db.prisma, store }, w.buyer, { fileName: 'photo.pdf', bytes: png })
    expect(a).toMatchObject({ contentType: 'image/png', byteSize: png.length, width: 2, height: 3, fileName: 'photo.pdf.png' })
  })

  it('refuses files that are not images or PDF, and oversized ones, storing nothing', async () => {
    const store = localDiskStore(dir)
    const before = await w.db.prisma.messageAttachment.count()
    await expect(uploadAttachment({ db: w.db.prisma, store }, w.buyer, { fileName: 'x.png', bytes: Buffer.from('<script>alert(1)</script>') })).rejects.toThrow(ValidationError)
    await expect(uploadAttachment({ db: w.db.prisma, store }, w.buyer, { fileName: 'big.pdf', bytes: Buffer.alloc(10 * 1024 * 1024 + 1) })).rejects.toThrow('Files are limited to 10 MB.')
    expect(await w.db.prisma.messageAttachment.count()).toBe(before)
  })

  it('lets the conversation’s participants download a sent file, and nobody else', async () => {
    const store = localDiskStore(dir)
    const a = await uploadAttachment({ db: w.db.prisma, store }, w.buyer, { fileName: 'invoice.pdf', bytes: pdf })
    expect(a.contentType).toBe('application/pdf')
    const { conversationId } = await startConversation(w.deps, w.buyer, { supplierId: w.supplierId, body: 'See attached', clientMessageId: cid() })
    const sent = await sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: cid(), body: 'The invoice', attachmentIds: [a.id] })
    expect(sent.message.attachments).toEqual([expect.objectContaining({ id: a.id, fileName: 'invoice.pdf' })])
    expect((await readAttachment({ db: w.db.prisma, store }, w.agent, a.id)).bytes.equals(pdf)).toBe(true)
    await expect(readAttachment({ db: w.db.prisma, store }, w.otherBuyer, a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    // An attachment can be sent once, by its uploader.
    await expect(sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: cid(), body: 'again', attachmentIds: [a.id] })).rejects.toThrow(/already sent/)
  })
})
