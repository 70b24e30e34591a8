// Marketplace rule (as at Amazon and Airbnb): until a buyer and a supplier have an order
// together, contact details in messages are masked, so deals and disputes stay where both
// sides are protected. The sender is told why.

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi
// Links: scheme URLs, www., and bare domains with a common TLD and a path or not.
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|me|shop|store|info|biz|app|de|pt|jp|mx|za|uk|fr|es|it|nl)\b(?:\/[^\s<>()]*)?/gi
// Phone numbers: 8+ digits, allowing spaces, dots, dashes, parentheses and a leading +.
const PHONE = /(?:\+|\b00)?\(?\d[\d\s().-]{6,}\d\b/g

export const MASK = '[hidden until you order]'
export const MASKING_NOTICE =
  'Contact details (emails, phone numbers and links) are hidden until you have an order together, so both of you stay protected by the marketplace.'

export type MaskResult = { text: string; masked: boolean }

export function maskContactDetails(text: string): MaskResult {
  let masked = false
  const replace = (pattern: RegExp, input: string, keep?: (m: string) => boolean) =>
    input.replace(pattern, (m) => {
      if (keep?.(m)) return m
      masked = true
      return MASK
    })
  let out = replace(EMAIL, text)
  out = replace(URL, out)
  // Keep things that only look like numbers: order numbers ("R-10042"), prices, dates, sizes.
  out = replace(PHONE, out, (m) => m.replace(/\D/g, '').length < 8 || /^\d{4}-\d{2}-\d{2}$/.test(m.trim()))
  return { text: out, masked }
}
