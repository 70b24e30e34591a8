// What the gateway accepts (its Query.limits): forms take their maxlength and file checks
// from here instead of keeping their own copies of the domain's rules.
export const LimitsQuery = /* GraphQL */ `
  query Limits {
    limits {
      messageBodyMaxLength
      attachmentsPerMessage
      attachmentMaxBytes
      attachmentContentTypes
      subjectMaxLength
      labelMaxLength
      labelsPerConversation
      bulkConversationsMax
      catalogSearchMaxLength
      reportDetailsMaxLength
      savedReplyTitleMaxLength
      awayMessageMaxLength
      reviewTitleMaxLength
      reviewBodyMaxLength
      reviewResponseMaxLength
      questionMaxLength
      answerMaxLength
      flagDetailsMaxLength
      moderationReasonMaxLength
      staffAccessReferenceMaxLength
      supplierUpdateTitleMaxLength
      supplierUpdateBodyMaxLength
      supplierUpdatesPerDay
      dataExportDownloadHours
      dataExportsPerDay
    }
  }
`

export type Limits = {
  supplierUpdateTitleMaxLength: number
  supplierUpdateBodyMaxLength: number
  supplierUpdatesPerDay: number
  dataExportDownloadHours: number
  dataExportsPerDay: number
  messageBodyMaxLength: number
  attachmentsPerMessage: number
  attachmentMaxBytes: number
  attachmentContentTypes: string[]
  subjectMaxLength: number
  labelMaxLength: number
  labelsPerConversation: number
  bulkConversationsMax: number
  catalogSearchMaxLength: number
  reportDetailsMaxLength: number
  savedReplyTitleMaxLength: number
  awayMessageMaxLength: number
  reviewTitleMaxLength: number
  reviewBodyMaxLength: number
  reviewResponseMaxLength: number
  questionMaxLength: number
  answerMaxLength: number
  flagDetailsMaxLength: number
  moderationReasonMaxLength: number
  staffAccessReferenceMaxLength: number
}

/** "10 MB" for a byte limit, in the words of form errors. */
export function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`
}
