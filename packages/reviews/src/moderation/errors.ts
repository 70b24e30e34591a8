import { DomainError } from '@rapport/core'

/** Reporting one's own review, response, question or answer (delete or edit it instead). */
export class CannotFlagOwnContentError extends DomainError {
  readonly code = 'CANNOT_FLAG_OWN_CONTENT'
  override name = 'CannotFlagOwnContentError'
  constructor() {
    super('You cannot report your own content. You can edit or delete it instead.')
  }
}

/** Someone decided first: the report is closed, or the content is already in the asked state. */
export class AlreadyDecidedError extends DomainError {
  readonly code = 'ALREADY_DECIDED'
  override name = 'AlreadyDecidedError'
  constructor(
    message: string,
    /** The content's status now (PUBLISHED, HIDDEN, REMOVED); null for a conversation or deleted content. */
    readonly currentStatus: 'PUBLISHED' | 'HIDDEN' | 'REMOVED' | null,
  ) {
    super(message)
  }
}
