export { startConversation } from './start-conversation.ts'
export type { StartConversationInput, StartResult } from './start-conversation.ts'
export { sendMessage, pairHasOrder, MAX_BODY } from './send-message.ts'
export type { SendMessageInput, SendResult } from './send-message.ts'
// The send's statements, for benchmark P5's raw baseline.
export { sendFactsSql, appendSentMessageSql, trackResponseSql } from './send-sql.ts'
export { editMessage, deleteMessage, react, markRead, setTyping, EDIT_WINDOW_MS, UNSEND_WINDOW_MS } from './message-actions.ts'
export {
  assignConversation,
  setConversationStatus,
  setConversationLabels,
  confirmResolved,
  setBlocked,
  setReceiptsHidden,
  reportConversation,
  TEAM_ONLY_FIELDS,
  announceConversationChange,
} from './team-inbox.ts'
export type { ReportReason } from './team-inbox.ts'
export { updateConversations, nextLabels } from './bulk-actions.ts'
export type { BulkChanges, BulkInput } from './bulk-actions.ts'
export {
  listBuyerConversations,
  listSupplierInbox,
  listMessages,
  messagesAfter,
  unreadCounts,
  totalUnreadConversations,
  readPositions,
  messageDTOsByIds,
} from './queries.ts'
export type { ConversationFilter, ReadReceipt } from './queries.ts'
export { loadConversation, visibleConversationIds, sideOf, counterpartUserIds } from './access.ts'
export type { Side } from './access.ts'
export { listSavedReplies, saveReply, deleteSavedReply, renderSavedReply, fillPlaceholders, SAVED_REPLY_PLACEHOLDERS } from './saved-replies.ts'
export { updateSupplierSettings, supplierSettings } from './settings.ts'
export type { SupplierSettingsInput } from './settings.ts'
export {
  supplierResponseMetrics,
  supplierMetricsByAgent,
  supplierMetricsTrend,
  buyerResponseMetrics,
  expectedReplyBy,
  rebuildResponseIntervals,
  listResponseIntervals,
  BUYER_TARGET_SECONDS,
} from './response-metrics.ts'
export type { DescribedMetrics, DescribedPeriod, IntervalPage, ResponseIntervalView } from './response-metrics.ts'
export { describeResponseMetrics } from './metrics/definition.ts'
export type { ResponseMetricsBasis, ResponseMetricsDefinition, MetricFormula } from './metrics/definition.ts'
export { maskContactDetails, MASKING_NOTICE } from './masking.ts'
export { searchMessages, searchTerms, parseHeadline, searchSql, searchScope } from './search.ts'
export type { SearchHit, SearchOrder, SearchPage, SearchCursor } from './search.ts'
export { setViewing, VIEWING } from './viewing.ts'
export { addInternalNote, listInternalNotes, notesAfter } from './internal-notes.ts'
export type { MessageDTO, InternalNoteDTO, AttachmentDTO, ConversationEvent, InboxEvent, MessagingEvent, Publish } from './events.ts'
export type { AssignedNotice, ConversationChange, MessageSentHook, MessagingDeps, SendLimiter } from './deps.ts'
export { uploadAttachment, readAttachment, localDiskStore, MAX_ATTACHMENT_BYTES, ALLOWED_TYPES } from './attachments.ts'
export type { BlobStore } from './attachments.ts'
export type { MetricsPeriod } from './metrics/index.ts'
export { relationshipView, pairOrders, pairOrderCount, pairConversations, pairConversationCount, buyerOrders } from './relationship.ts'
export type { RelationshipView } from './relationship.ts'
export { MESSAGING_LIMITS, megabytes } from './limits.ts'
export { conversationAccessLog } from './access-log.ts'
export type { AccessLogEntryDTO } from './access-log.ts'
