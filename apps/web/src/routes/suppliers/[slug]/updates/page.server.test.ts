import { isActionFailure, type RequestEvent } from '@sveltejs/kit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { actions } from './+page.server'

const LIMITS = {
  limits: {
    attachmentMaxBytes: 10 * 1024 * 1024,
    attachmentContentTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'],
  },
}
const IMAGE_ID = '0b0e5d2a-55c1-4a43-9a55-6f0f3f7c2a10'
const PNG = Uint8Array.from(Buffer.from('89504e470d0a1a0a0000000d49484452000000020000000308060000', 'hex'))

type Call = { url: string; body: BodyInit | null | undefined }

/** The gateway, by URL: limits, the upload endpoint and postSupplierUpdate. */
function gateway(answers: { upload?: () => Response; post?: unknown } = {}) {
  const calls: Call[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input)
      calls.push({ url, body: init?.body })
      if (url.includes('/attachments')) {
        return (
          answers.upload?.() ??
          Response.json(
            { id: IMAGE_ID, fileName: 'shop.png', contentType: 'image/png', byteSize: PNG.length, width: 2, height: 3 },
            { status: 201 },
          )
        )
      }
      const { query } = JSON.parse(String(init?.body)) as { query: string }
      if (query.includes('query Limits')) return Response.json({ data: LIMITS })
      return Response.json({ data: { postSupplierUpdate: answers.post ?? { __typename: 'SupplierUpdate', id: 'u1' } } })
    }),
  )
  const posts = () =>
    calls
      .filter((c) => c.url.endsWith('/graphql') && String(c.body).includes('PostSupplierUpdate'))
      .map((c) => (JSON.parse(String(c.body)) as { variables: { input: Record<string, unknown> } }).variables.input)
  const uploads = () => calls.filter((c) => c.url.includes('/attachments'))
  return { posts, uploads }
}

function post(fields: Record<string, string>, file?: File) {
  const body = new FormData()
  for (const [key, value] of Object.entries(fields)) body.set(key, value)
  // No file chosen: browsers send an empty, nameless part.
  body.set('image', file ?? new File([], '', { type: 'application/octet-stream' }))
  const event = {
    request: new Request('http://web.test/suppliers/olive-oak/updates?/post', { method: 'POST', body }),
    params: { slug: 'olive-oak' },
    locals: { viewer: { memberships: [] }, token: 'tok' },
  } as unknown as RequestEvent
  return (actions.post as (e: RequestEvent) => Promise<unknown>)(event)
}

const FIELDS = { supplierId: 's1', title: 'New harvest', body: 'Green and peppery.' }

describe('posting a supplier update with a picture', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('posts as before when no picture is chosen', async () => {
    const { posts, uploads } = gateway()
    expect(await post(FIELDS)).toEqual({ posted: true })
    expect(uploads()).toEqual([])
    expect(posts()).toEqual([{ supplierId: 's1', title: 'New harvest', body: 'Green and peppery.' }])
  })

  it('uploads the picture first and posts the update with its id', async () => {
    const { posts, uploads } = gateway()
    expect(await post(FIELDS, new File([PNG], 'shop.png', { type: 'image/png' }))).toEqual({ posted: true })
    expect(uploads()).toHaveLength(1)
    expect(uploads()[0]?.url).toMatch(/\/attachments\?name=shop\.png$/)
    expect(posts()).toEqual([{ ...FIELDS, imageId: IMAGE_ID }])
  })

  it('refuses a PDF beside the field, keeps what was written and posts nothing', async () => {
    const { posts, uploads } = gateway()
    const result = await post(FIELDS, new File(['%PDF-1.4'], 'price-list.pdf', { type: 'application/pdf' }))
    expect(isActionFailure(result)).toBe(true)
    expect(result).toMatchObject({
      status: 400,
      data: {
        field: 'image',
        title: 'New harvest',
        body: 'Green and peppery.',
        postProblem: 'price-list.pdf isn’t a picture. Choose a JPEG, PNG, WebP or GIF file.',
      },
    })
    expect(uploads()).toEqual([])
    expect(posts()).toEqual([])
  })

  it('refuses an empty file', async () => {
    const { posts } = gateway()
    const result = await post(FIELDS, new File([], 'blank.png', { type: 'image/png' }))
    expect(result).toMatchObject({
      status: 400,
      data: { field: 'image', postProblem: 'blank.png is empty. Choose a photo to add.' },
    })
    expect(posts()).toEqual([])
  })

  it('refuses a file whose bytes are not an image, whatever its name says', async () => {
    const { posts } = gateway({
      upload: () =>
        Response.json(
          {
            id: IMAGE_ID,
            fileName: 'photo.png',
            contentType: 'application/pdf',
            byteSize: 8,
            width: null,
            height: null,
          },
          { status: 201 },
        ),
    })
    const result = await post(FIELDS, new File(['%PDF-1.4'], 'photo.png', { type: 'image/png' }))
    expect(result).toMatchObject({
      status: 400,
      data: { field: 'image', postProblem: expect.stringContaining('isn’t a picture') },
    })
    expect(posts()).toEqual([])
  })

  it('words the gateway’s size refusal itself', async () => {
    const { posts } = gateway({
      upload: () => Response.json({ error: { message: 'Files are limited to 10 MB.' } }, { status: 413 }),
    })
    const result = await post(FIELDS, new File([PNG], 'shop.png', { type: 'image/png' }))
    expect(result).toMatchObject({
      status: 413,
      data: { field: 'image', postProblem: expect.stringContaining('is larger than') },
    })
    expect(posts()).toEqual([])
  })

  it('shows the gateway’s refusal of the picture beside the field', async () => {
    gateway({
      post: {
        __typename: 'ValidationError',
        message: 'That picture is already used elsewhere; upload it again.',
        field: 'imageId',
      },
    })
    const result = await post(FIELDS, new File([PNG], 'shop.png', { type: 'image/png' }))
    expect(result).toMatchObject({
      status: 400,
      data: {
        field: 'image',
        title: 'New harvest',
        postProblem: 'That picture is already used elsewhere; upload it again.',
      },
    })
  })
})
