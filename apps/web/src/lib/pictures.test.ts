import { describe, expect, it } from 'vitest'
import { formatFileSize, pictureProblem, pictureTypeNames, pictureTypes } from './pictures'

const TYPES = pictureTypes(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'])
const rules = { types: TYPES, maxBytes: 496 * 1024 }

describe('update pictures', () => {
  it('takes the image types from the gateway’s list, leaving PDF out', () => {
    expect(TYPES).toEqual(['image/jpeg', 'image/png', 'image/webp', 'image/gif'])
    expect(pictureTypeNames(TYPES)).toBe('JPEG, PNG, WebP or GIF')
  })

  it('words a size limit in MB or KB', () => {
    expect(formatFileSize(10 * 1024 * 1024)).toBe('10 MB')
    expect(formatFileSize(2.5 * 1024 * 1024)).toBe('2.5 MB')
    expect(formatFileSize(496 * 1024)).toBe('496 KB')
  })

  it('accepts a photo within the limit, and a file the browser could not type', () => {
    expect(pictureProblem({ name: 'shop.png', size: 2048, type: 'image/png' }, rules)).toBeNull()
    expect(pictureProblem({ name: 'shop.heic', size: 2048, type: '' }, rules)).toBeNull()
  })

  it('refuses a PDF, an empty file and one that is too big, naming the file', () => {
    expect(pictureProblem({ name: 'price-list.pdf', size: 2048, type: 'application/pdf' }, rules)).toBe(
      'price-list.pdf isn’t a picture. Choose a JPEG, PNG, WebP or GIF file.',
    )
    expect(pictureProblem({ name: 'blank.png', size: 0, type: 'image/png' }, rules)).toBe(
      'blank.png is empty. Choose a photo to add.',
    )
    expect(pictureProblem({ name: 'huge.jpg', size: 600 * 1024, type: 'image/jpeg' }, rules)).toBe(
      'huge.jpg is larger than 496 KB. Choose a smaller picture.',
    )
  })
})
