// Sending email with nodemailer: to SMTP when SMTP_URL is set, otherwise to files (one .eml per
// email in .data/mail/), so `npm start` needs no mail server and every email can be opened.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'

export type Mail = { to: string; subject: string; text: string; html: string; headers?: Record<string, string> }
export type Mailer = {
  send(mail: Mail): Promise<{ messageId: string | null }>
  /** Where mail goes, for the startup log ("files in .data/mail" / "smtp://host:port"). */
  readonly describe: string
  close(): void
}

export type MailerOptions = { smtpUrl?: string | undefined; dir: string; from: string }

export function createMailer(opts: MailerOptions): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl)
    const url = new URL(opts.smtpUrl)
    return {
      describe: `${url.protocol}//${url.host}`,
      async send(mail) {
        const info = await transport.sendMail({ from: opts.from, ...mail })
        return { messageId: info.messageId ?? null }
      },
      close: () => transport.close(),
    }
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    describe: `files in ${opts.dir}`,
    async send(mail) {
      const info = await transport.sendMail({ from: opts.from, ...mail })
      mkdirSync(opts.dir, { recursive: true })
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${(info.messageId ?? 'mail').replace(/[^\w.-]/g, '')}.eml`
      writeFileSync(path.join(opts.dir, name), info.message as Buffer)
      return { messageId: info.messageId ?? null }
    },
    close: () => transport.close(),
  }
}
