export { createPubSub } from './pubsub.ts'
export type { PubSub, PubSubOptions, TopicMap } from './pubsub.ts'
export { createAttemptLimiter } from './limiter.ts'
export type { AttemptLimiterOptions } from './limiter.ts'
