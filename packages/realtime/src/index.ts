export { createPubSub } from './pubsub.ts'
export type { PubSub, PubSubOptions, TopicMap } from './pubsub.ts'
