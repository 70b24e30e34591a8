// Email templates: every email in text and HTML, with the same content.
export type UnreadItem = { conversationUrl: string; from: string; about: string | null; body: string; at: Date }

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const clip = (s: string, n = 280) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

export function renderUnreadEmail(args: { name: string; items: UnreadItem[]; preferencesUrl: string; unsubscribeUrl: string }): { subject: string; text: string; html: string } {
  const n = args.items.length
  const senders = [...new Set(args.items.map((i) => i.from))]
  const subject = n === 1 ? `New message from ${senders[0]}` : `${n} unread messages from ${senders.slice(0, 2).join(' and ')}${senders.length > 2 ? ' and others' : ''}`
  const text = [
    `Hi ${args.name},`,
    '',
    n === 1 ? 'A message is waiting for you on Rapport:' : `${n} messages are waiting for you on Rapport:`,
    '',
    ...args.items.flatMap((i) => [`${i.from}${i.about ? ` — ${i.about}` : ''}:`, clip(i.body), `Reply: ${i.conversationUrl}`, '']),
    '—',
    `Change which emails you get: ${args.preferencesUrl}`,
    `Stop these emails: ${args.unsubscribeUrl}`,
  ].join('\n')
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#1c1f1e">
<p>Hi ${escape(args.name)},</p>
<p>${n === 1 ? 'A message is waiting for you on Rapport:' : `${n} messages are waiting for you on Rapport:`}</p>
${args.items
  .map(
    (i) => `<div style="margin:0 0 16px;padding:12px 14px;border:1px solid #ddd;border-radius:8px">
<p style="margin:0 0 4px"><strong>${escape(i.from)}</strong>${i.about ? ` — ${escape(i.about)}` : ''}</p>
<p style="margin:0 0 8px;white-space:pre-line">${escape(clip(i.body))}</p>
<a href="${escape(i.conversationUrl)}">Reply</a></div>`,
  )
  .join('\n')}
<p style="font-size:13px;color:#555"><a href="${escape(args.preferencesUrl)}">Change which emails you get</a> · <a href="${escape(args.unsubscribeUrl)}">Stop these emails</a></p>
</body></html>`
  return { subject, text, html }
}
