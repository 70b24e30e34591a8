// Email templates: every email in text and HTML, with the same content.
export type UnreadItem = { conversationUrl: string; from: string; about: string | null; body: string; at: Date }

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const clip = (s: string, n = 280) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

type Links = { preferencesUrl: string; unsubscribeUrl: string }

/** Every email's greeting and footer (the preferences link and the visible unsubscribe), in text and HTML. */
function frame(name: string, links: Links, text: string[], html: string): { text: string; html: string } {
  return {
    text: [`Hi ${name},`, '', ...text, '—', `Change which emails you get: ${links.preferencesUrl}`, `Stop these emails: ${links.unsubscribeUrl}`].join('\n'),
    html: `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#1c1f1e">
<p>Hi ${escape(name)},</p>
${html}
<p style="font-size:13px;color:#555"><a href="${escape(links.preferencesUrl)}">Change which emails you get</a> · <a href="${escape(links.unsubscribeUrl)}">Stop these emails</a></p>
</body></html>`,
  }
}

export function renderUnreadEmail(args: { name: string; items: UnreadItem[]; preferencesUrl: string; unsubscribeUrl: string }): { subject: string; text: string; html: string } {
  const n = args.items.length
  const senders = [...new Set(args.items.map((i) => i.from))]
  const subject = n === 1 ? `New message from ${senders[0]}` : `${n} unread messages from ${senders.slice(0, 2).join(' and ')}${senders.length > 2 ? ' and others' : ''}`
  const lead = n === 1 ? 'A message is waiting for you on Rapport:' : `${n} messages are waiting for you on Rapport:`
  const { text, html } = frame(
    args.name,
    args,
    [lead, '', ...args.items.flatMap((i) => [`${i.from}${i.about ? ` — ${i.about}` : ''}:`, clip(i.body), `Reply: ${i.conversationUrl}`, ''])],
    `<p>${lead}</p>
${args.items
  .map(
    (i) => `<div style="margin:0 0 16px;padding:12px 14px;border:1px solid #ddd;border-radius:8px">
<p style="margin:0 0 4px"><strong>${escape(i.from)}</strong>${i.about ? ` — ${escape(i.about)}` : ''}</p>
<p style="margin:0 0 8px;white-space:pre-line">${escape(clip(i.body))}</p>
<a href="${escape(i.conversationUrl)}">Reply</a></div>`,
  )
  .join('\n')}`,
  )
  return { subject, text, html }
}

export function renderReviewInvitationEmail(args: {
  name: string
  supplierName: string
  orderNumber: string
  items: string
  reviewUrl: string
  closesAt: Date
  preferencesUrl: string
  unsubscribeUrl: string
}): { subject: string; text: string; html: string } {
  const until = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(args.closesAt)
  const subject = `How was your order from ${args.supplierName}?`
  const { text, html } = frame(
    args.name,
    args,
    [
      `Your order ${args.orderNumber} from ${args.supplierName} (${args.items}) has arrived.`,
      `A few words help other buyers choose, and tell ${args.supplierName} what to keep doing. You can review it until ${until}:`,
      args.reviewUrl,
      '',
    ],
    `<p>Your order ${escape(args.orderNumber)} from <strong>${escape(args.supplierName)}</strong> (${escape(args.items)}) has arrived.</p>
<p>A few words help other buyers choose, and tell ${escape(args.supplierName)} what to keep doing. You can review it until ${escape(until)}.</p>
<p><a href="${escape(args.reviewUrl)}">Write a review</a></p>`,
  )
  return { subject, text, html }
}

/** One notification as an email (every kind without an email of its own): its line and a link. */
export function renderNotificationEmail(args: { name: string; text: string; url: string; preferencesUrl: string; unsubscribeUrl: string }): { subject: string; text: string; html: string } {
  const { text, html } = frame(
    args.name,
    args,
    [args.text, '', `Open: ${args.url}`, ''],
    `<p>${escape(args.text)}</p>\n<p><a href="${escape(args.url)}">Open on Rapport</a></p>`,
  )
  return { subject: clip(args.text), text, html }
}

/**
 * An account email: something the person asked for (their data archive). No unsubscribe: it is
 * sent once, because they asked, whatever their notification settings.
 */
export function renderDataExportReadyEmail(args: { name: string; url: string; expiresAt: Date; byteSize: number }): { subject: string; text: string; html: string } {
  const until = args.expiresAt.toUTCString().replace(/:\d\d GMT$/, ' UTC')
  const size = args.byteSize < 1024 * 1024 ? `${Math.max(1, Math.round(args.byteSize / 1024))} KB` : `${(args.byteSize / 1024 / 1024).toFixed(1)} MB`
  const lead = `The copy of your data you asked for is ready (a zip file, ${size}). You can download it once, until ${until}:`
  return {
    subject: 'Your Rapport data is ready to download',
    text: [`Hi ${args.name},`, '', lead, args.url, '', 'Sign in to download it. If you did not ask for this, change your password.', ''].join('\n'),
    html: `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#1c1f1e">
<p>Hi ${escape(args.name)},</p>
<p>${escape(lead)}</p>
<p><a href="${escape(args.url)}">Download your data</a></p>
<p style="font-size:13px;color:#555">Sign in to download it. If you did not ask for this, change your password.</p>
</body></html>`,
  }
}
