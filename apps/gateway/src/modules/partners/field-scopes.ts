// What an API key may reach, field by field: the one home of the mapping from the schema to
// scopes. Every root field has an entry (a test enforces it), so a new field is refused to keys
// until someone decides which scope it belongs to. Below the root, a field or a type named here
// needs its scope too: `supplier { reviews }` needs read:suppliers and read:reviews. What a key
// may see within its scopes is then the ordinary authorization of the person it acts as,
// narrowed to its supplier (see @rapport/partners keys.ts).
import type { Scope } from '@rapport/partners'
import { GraphQLError, TypeInfo, getNamedType, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql'

/** A scope; 'any' = every key; 'people' = only a person's session (never a key). */
type Access = Scope | 'any' | 'people'

export const ROOT_ACCESS: Record<'Query' | 'Mutation' | 'Subscription', Record<string, Access>> = {
  Query: {
    supplier: 'read:suppliers',
    suppliers: 'read:suppliers',
    product: 'read:suppliers',
    products: 'read:suppliers',
    // Whatever a node turns out to be, its type's scope applies (TYPE_ACCESS).
    node: 'any',
    nodes: 'any',
    limits: 'any',
    conversation: 'read:conversations',
    searchMessages: 'read:conversations',
    relationship: 'read:conversations',
    // A person's own things: their inbox as a buyer, their feed, notifications, settings, moderation work.
    viewer: 'people',
    invitation: 'people',
    moderationQueue: 'people',
    performanceStats: 'people',
    notificationPreferences: 'people',
    supplierUpdates: 'people',
    apiKeys: 'people',
    apiScopes: 'any',
    savedReplyPlaceholders: 'any',
    webhookEndpoints: 'webhooks',
    webhookEvents: 'any',
  },
  Mutation: {
    sendMessage: 'write:messages',
    editMessage: 'write:messages',
    deleteMessage: 'write:messages',
    markRead: 'write:messages',
    react: 'write:messages',
    setTyping: 'write:messages',
    assignConversation: 'write:messages',
    setConversationStatus: 'write:messages',
    setConversationLabels: 'write:messages',
    updateConversations: 'write:messages',
    addInternalNote: 'write:messages',
    // A person's open page, not an integration's.
    setViewing: 'people',
    // Your data: an archive of the whole account, and its deletion (never a key's to take).
    requestDataExport: 'people',
    deleteAccount: 'people',
    setConversationBlocked: 'write:messages',
    renderSavedReply: 'write:messages',
    respondToReview: 'write:reviews',
    answerQuestion: 'write:reviews',
    // Everything else is a person acting for themselves (or their team's settings and people).
    acceptInvitation: 'people',
    askQuestion: 'people',
    confirmResolved: 'people',
    consentToPublicQuestion: 'people',
    openConversationForRequest: 'people',
    decideFlag: 'people',
    deleteReview: 'people',
    deleteSavedReply: 'people',
    dismissReviewInvitation: 'people',
    flagContent: 'people',
    follow: 'people',
    inviteTeamMember: 'people',
    markNotificationsRead: 'people',
    markOrderDelivered: 'people',
    muteSupplier: 'people',
    postSupplierUpdate: 'people',
    proposePublicQuestion: 'people',
    removeTeamMember: 'people',
    reportConversation: 'people',
    revokeInvitation: 'people',
    saveSavedReply: 'people',
    setPresenceVisibility: 'people',
    setReadReceiptsHidden: 'people',
    signIn: 'people',
    signOut: 'people',
    signUp: 'people',
    startConversation: 'people',
    unfollow: 'people',
    unsubscribeEmail: 'people',
    updateNotificationPreferences: 'people',
    updateReview: 'people',
    updateSupplierSettings: 'people',
    voteHelpful: 'people',
    writeReview: 'people',
    createApiKey: 'people',
    revokeApiKey: 'people',
    rotateApiKey: 'people',
    registerTrustedDocuments: 'people',
    createWebhookEndpoint: 'webhooks',
    updateWebhookEndpoint: 'webhooks',
    rotateWebhookSecret: 'webhooks',
    deleteWebhookEndpoint: 'webhooks',
    replayWebhookDelivery: 'webhooks',
  },
  Subscription: {
    conversationEvents: 'read:conversations',
    inboxEvents: 'read:conversations',
    reviewEvents: 'read:reviews',
    notificationEvents: 'people',
  },
}

/** Fields below the root that need a scope of their own (`Type.field`). */
const FIELD_ACCESS: Record<string, Access> = {
  'Supplier.inbox': 'read:conversations',
  'Supplier.savedReplies': 'read:conversations',
  'Supplier.reviews': 'read:reviews',
  'Supplier.ratingSummary': 'read:reviews',
  'Supplier.questions': 'read:reviews',
  'Product.reviews': 'read:reviews',
  'Product.ratingSummary': 'read:reviews',
  'Product.questions': 'read:reviews',
  'Supplier.responseMetrics': 'read:metrics',
  'Supplier.responseMetricsByAgent': 'read:metrics',
  'Supplier.responseMetricsTrend': 'read:metrics',
  'Supplier.responseIntervals': 'read:metrics',
  // People's addresses and the moderators' queue stay with people.
  'Supplier.invitations': 'people',
  'Supplier.flaggedContent': 'people',
}

/** Types that need a scope wherever they appear (through `node`, a connection, an event). */
const TYPE_ACCESS: Record<string, Access> = {
  Conversation: 'read:conversations',
  Message: 'read:conversations',
  Review: 'read:reviews',
  ReviewResponse: 'read:reviews',
  ProductQuestion: 'read:reviews',
  ProductAnswer: 'read:reviews',
  ResponseMetrics: 'read:metrics',
  ResponseInterval: 'read:metrics',
  Notification: 'people',
  Invitation: 'people',
}

const refusal = (what: string, access: Exclude<Access, 'any'>) =>
  access === 'people'
    ? new GraphQLError(`${what} is not available to API keys: it acts for a person. Use a signed-in session.`, { extensions: { code: 'INSUFFICIENT_SCOPE', http: { status: 403 } } })
    : new GraphQLError(`${what} needs the "${access}" scope, which this API key does not have.`, { extensions: { code: 'INSUFFICIENT_SCOPE', requiredScope: access, http: { status: 403 } } })

/**
 * The first field of the document the key may not reach, as an INSUFFICIENT_SCOPE error naming
 * the scope; null when every field is within the key's scopes. Checked before execution, so a
 * refused operation does nothing.
 */
export function scopeRefusal(schema: GraphQLSchema, document: DocumentNode, scopes: readonly string[]): GraphQLError | null {
  const typeInfo = new TypeInfo(schema)
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name])
  let refused: GraphQLError | null = null
  const allowed = (access: Access | undefined) => access === undefined || access === 'any' || (access !== 'people' && scopes.includes(access))
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (refused) return false
        const parent = typeInfo.getParentType()?.name
        const fieldName = node.name.value
        if (!parent || fieldName.startsWith('__')) return undefined
        const label = `${parent}.${fieldName}`
        const rootAccess = roots.has(parent) ? (ROOT_ACCESS[parent as keyof typeof ROOT_ACCESS]?.[fieldName] ?? 'people') : undefined
        const type = typeInfo.getType()
        const typeName = type ? getNamedType(type).name : undefined
        for (const access of [rootAccess, FIELD_ACCESS[label], typeName ? TYPE_ACCESS[typeName] : undefined]) {
          if (!allowed(access)) {
            refused = refusal(`\`${label}\``, access as Exclude<Access, 'any'>)
            return false
          }
        }
        return undefined
      },
      // A fragment on a scoped type (`... on Review`) reaches that type's fields.
      InlineFragment(node) {
        const typeName = node.typeCondition?.name.value
        const access = typeName ? TYPE_ACCESS[typeName] : undefined
        if (!refused && !allowed(access)) refused = refusal(`\`${typeName}\``, access as Exclude<Access, 'any'>)
      },
      FragmentDefinition(node) {
        const typeName = node.typeCondition.name.value
        const access = TYPE_ACCESS[typeName]
        if (!refused && !allowed(access)) refused = refusal(`\`${typeName}\``, access as Exclude<Access, 'any'>)
      },
    }),
  )
  return refused
}
