// The gateway's published contract (apps/gateway/schema.graphql), inlined by Vite at build time.
// The docs page renders its root fields from it, and the explorer is handed it instead of running
// introspection, which the gateway refuses in production.
import sdl from '../../../gateway/schema.graphql?raw'

export const API_SDL: string = sdl
