// The conversation page's actions on messages: send (with files), edit, unsend, react, and
// the reading and typing notices the page sends as it goes.
import { MARK_READ, DELETE_MESSAGE, EDIT_MESSAGE, REACT, SEND_MESSAGE, SET_TYPING } from '$lib/graphql/messaging'
import { REACTIONS } from '$lib/messages'
import { unfilledPlaceholders } from '$lib/text'
import { GatewayError, uploadAttachment } from '$lib/server/gateway'
import { getLimits } from '$lib/server/limits'
import { resultErrorStatus } from '$lib/server/http-status'
import {
  back,
  failure,
  isEnhanced,
  resultMessage,
  run,
  text,
  type ConversationResult,
  type MessageResult,
  type SendResult,
} from './action-support.server'
import { addNote } from './note-actions.server'
import type { Actions } from './$types'


async function upload(file: File) {
  try {
    const result = await uploadAttachment(file)
    if ('error' in result)
      return { status: result.status === 413 ? 413 : 400, message: `${file.name}: ${result.error}` }
    return result
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] upload: ${err.toLogString()}`)
    return { status: 503, message: 'We couldn’t reach the server to upload the file. Please try again.' }
  }
}

export const messageActions = {
  send: async (event) => {
    const form = await event.request.formData()
    // The composer's "Internal note" mode, posted without JavaScript (the page calls ?/note itself).
    if (form.get('mode') === 'note') return addNote(event, form)
    const body = text(form, 'body')
    const clientMessageId = text(form, 'clientMessageId')
    const replyToId = text(form, 'replyToId') || null
    const refuse = (status: number, message: string, field?: string) =>
      failure(status, { action: 'send', message, field, body, clientMessageId, replyToId })

    // Files arrive either already uploaded (the page uploads them first, then sends their ids)
    // or, without JavaScript, with this very form.
    const attachmentIds = text(form, 'attachmentIds').split(',').filter(Boolean)
    const files = form.getAll('files').filter((f): f is File => f instanceof File && f.size > 0)
    if (!body && attachmentIds.length === 0 && files.length === 0) return refuse(400, 'Write a message first.', 'body')
    const limits = await getLimits()
    if (body.length > limits.messageBodyMaxLength)
      return refuse(400, `Keep it under ${limits.messageBodyMaxLength.toLocaleString('en')} characters.`, 'body')
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(clientMessageId)) return refuse(400, 'Please send the message again.')
    // Without JavaScript the same check as the page's: a saved reply's unfilled placeholder
    // would reach the buyer as "{{order.number}}".
    const left = unfilledPlaceholders(body)
    if (left.length > 0 && form.get('side') === 'SUPPLIER') {
      return refuse(
        400,
        `Replace ${left.join(', ')} before sending: there’s nothing to fill it with in this conversation.`,
        'body',
      )
    }
    if (attachmentIds.length + files.length > limits.attachmentsPerMessage)
      return refuse(400, `Attach at most ${limits.attachmentsPerMessage} files to one message.`, 'files')
    for (const file of files) {
      const uploaded = await upload(file)
      if ('message' in uploaded) return refuse(uploaded.status, uploaded.message, 'files')
      attachmentIds.push(uploaded.attachment.id)
    }

    const outcome = await run<{ sendMessage: SendResult }>('send', SEND_MESSAGE, {
      input: {
        conversationId: event.params.id,
        body,
        clientMessageId,
        ...(replyToId ? { replyToId } : {}),
        ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
      },
    })
    // The same clientMessageId goes back to the form, so sending again can't deliver it twice.
    if (!outcome.ok) return refuse(outcome.status, outcome.message)
    const result = outcome.data.sendMessage
    if (!('sentMessage' in result)) {
      return refuse(
        resultErrorStatus(result),
        resultMessage(result),
        'field' in result && result.field === 'body' ? 'body' : undefined,
      )
    }
    if (isEnhanced(event)) {
      return { action: 'send', sent: result.sentMessage, conversation: result.conversation, notice: result.notice }
    }
    back(event, `#m${result.sentMessage.sequence}`)
  },

  /** One file, uploaded before its message is sent (the page shows it while the message is pending). */
  upload: async (event) => {
    const form = await event.request.formData()
    const file = form.get('file')
    if (!(file instanceof File) || file.size === 0)
      return failure(400, { action: 'upload', message: 'Choose a file to attach.' })
    const uploaded = await upload(file)
    if ('message' in uploaded) return failure(uploaded.status, { action: 'upload', message: uploaded.message })
    return { action: 'upload', attachment: uploaded.attachment }
  },

  edit: async (event) => {
    const form = await event.request.formData()
    const messageId = text(form, 'messageId')
    const body = text(form, 'body')
    if (!body) return failure(400, { action: 'edit', message: 'A message can’t be empty. Unsend it instead.', body })
    const outcome = await run<{ editMessage: MessageResult }>('edit', EDIT_MESSAGE, { input: { messageId, body } })
    if (!outcome.ok) return failure(outcome.status, { action: 'edit', message: outcome.message, body })
    const result = outcome.data.editMessage
    if (!('sequence' in result)) return failure(400, { action: 'edit', message: resultMessage(result), body })
    if (isEnhanced(event)) return { action: 'edit', message: result }
    back(event, `#m${result.sequence}`)
  },

  unsend: async (event) => {
    const form = await event.request.formData()
    const outcome = await run<{ deleteMessage: MessageResult }>('unsend', DELETE_MESSAGE, {
      input: { messageId: text(form, 'messageId') },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'unsend', message: outcome.message })
    const result = outcome.data.deleteMessage
    if (!('sequence' in result)) return failure(400, { action: 'unsend', message: resultMessage(result) })
    if (isEnhanced(event)) return { action: 'unsend', message: result }
    back(event, `#m${result.sequence}`)
  },

  react: async (event) => {
    const form = await event.request.formData()
    // "👍|add" or "👍|remove": one button per emoji carries both.
    const [emoji = '', mode = 'add'] = text(form, 'reaction').split('|')
    if (!(REACTIONS as readonly string[]).includes(emoji)) {
      return failure(400, { action: 'react', message: 'Choose one of the reactions offered.' })
    }
    const outcome = await run<{ react: MessageResult }>('react', REACT, {
      input: { messageId: text(form, 'messageId'), emoji, add: mode !== 'remove' },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'react', message: outcome.message })
    const result = outcome.data.react
    if (!('sequence' in result)) return failure(400, { action: 'react', message: resultMessage(result) })
    if (isEnhanced(event)) return { action: 'react', message: result }
    back(event, `#m${result.sequence}`)
  },

  read: async (event) => {
    const form = await event.request.formData()
    const sequence = Number(text(form, 'sequence'))
    if (!Number.isInteger(sequence) || sequence < 0) return failure(400, { action: 'read', message: 'Bad sequence.' })
    const outcome = await run<{ markRead: ConversationResult }>('read', MARK_READ, {
      input: { conversationId: event.params.id, sequence },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'read', message: outcome.message })
    return { action: 'read', sequence }
  },

  typing: async (event) => {
    const form = await event.request.formData()
    const outcome = await run<{ setTyping: boolean }>('typing', SET_TYPING, {
      input: { conversationId: event.params.id, typing: text(form, 'typing') !== 'false' },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'typing', message: outcome.message })
    return { action: 'typing' }
  },
} satisfies Actions
