// A supplier update's picture: which files can be one, and the words for those that can't.
// The same check runs in the browser (as soon as a file is chosen) and in the form action
// (without JavaScript); the gateway still decides from the file's bytes.

/** What an update's picture may be: the image types among the gateway's attachment types. */
export function pictureTypes(attachmentContentTypes: readonly string[]): string[] {
  return attachmentContentTypes.filter((t) => t.startsWith('image/'))
}

/** "JPEG, PNG, WebP or GIF", from ['image/jpeg', 'image/png', 'image/webp', 'image/gif']. */
export function pictureTypeNames(types: readonly string[]): string {
  const names = types.map(
    (t) => ({ jpeg: 'JPEG', png: 'PNG', webp: 'WebP', gif: 'GIF' })[t.slice(6)] ?? t.slice(6).toUpperCase(),
  )
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '')
}

/** "10 MB" or "496 KB": a file size limit in the words of form hints and errors. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / 1024 / 1024
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
  }
  return `${Math.floor(bytes / 1024)} KB`
}

/**
 * Why this file can't be an update's picture, or null if it may be. A file the browser could
 * not type (an unusual extension) passes here; the gateway then types it from its bytes.
 */
export function pictureProblem(
  file: { name: string; size: number; type: string },
  rules: { types: readonly string[]; maxBytes: number },
): string | null {
  const name = file.name || 'That file'
  if (file.size === 0) return `${name} is empty. Choose a photo to add.`
  if (file.type && !rules.types.includes(file.type))
    return `${name} isn’t a picture. Choose a ${pictureTypeNames(rules.types)} file.`
  if (file.size > rules.maxBytes)
    return `${name} is larger than ${formatFileSize(rules.maxBytes)}. Choose a smaller picture.`
  return null
}
