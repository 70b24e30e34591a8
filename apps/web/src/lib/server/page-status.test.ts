import { describe, expect, it } from 'vitest'
import { renderedStatus } from './page-status'

describe('renderedStatus', () => {
  it('reads the status from SvelteKit’s hydration script', () => {
    const html = `<script>\n\t\t\t\t\t\tdata: [null],\n\t\t\t\t\t\tform: null,\n\t\t\t\t\t\terror: {message:"Not Found"},\n\t\t\t\t\t\tstatus: 404\n\t\t\t\t\t}`
    expect(renderedStatus(html)).toBe(404)
    expect(renderedStatus(html.replace('status: 404\n', 'status: 403,\n'))).toBe(403)
  })

  it('is null for a 200 page, which has no status line, whatever the page’s data says', () => {
    expect(renderedStatus('<script>\n\t\tdata: [{body:"status: 404\\n"}],\n\t\terror: null\n\t}')).toBeNull()
  })
})
