// Sessions on a gateway's open sockets: signing out closes every socket of that session (on
// every process), and sign-outs or team changes made elsewhere evict cached sessions here.
import { endedSessionIds } from '@rapport/identity'
import { CloseCode } from 'graphql-ws'
import type { WebSocket } from 'ws'
import { sessionCacheFor } from '../../context.ts'
import { topic } from '../../topics.ts'
import type { ModuleRuntime, Services } from '../module.ts'

export function watchSessions(services: Services): ModuleRuntime {
  const { pubsub } = services
  // Another process signed someone out or changed a team: forget those sessions here at once,
  // instead of trusting the cached ones for the cache's few seconds.
  const sessionCache = services.sessions ?? sessionCacheFor(services.db)
  const offSessionChanges = pubsub.listen(topic.sessionsChanged, ({ sessionIds, userIds }) => {
    for (const id of sessionIds ?? []) sessionCache.evictSession(id)
    if (userIds?.length) sessionCache.evictUsers(userIds)
  })

  // One pub/sub listener per signed-in session in this process, however many sockets (tabs)
  // use it; signing out closes them all.
  const watchers = new Map<string, { sockets: Set<WebSocket>; off: () => void }>()
  const closeSockets = (sessionId: string) => {
    for (const s of watchers.get(sessionId)?.sockets ?? []) s.close(CloseCode.Forbidden, 'Session ended')
  }
  function watch(socket: WebSocket, sessionId: string) {
    let watcher = watchers.get(sessionId)
    if (!watcher) {
      const sockets = new Set<WebSocket>()
      // Closed on the next turn, not at once: when the socket itself signed out, its signOut
      // result is being sent right now and must reach the client before the close frame.
      const off = pubsub.listen(topic.sessionRevoked(sessionId), () => setImmediate(() => closeSockets(sessionId)))
      watchers.set(sessionId, (watcher = { sockets, off }))
    }
    watcher.sockets.add(socket)
  }
  function unwatch(socket: WebSocket, sessionId: string) {
    const w = watchers.get(sessionId)
    if (!w) return
    w.sockets.delete(socket)
    if (w.sockets.size === 0) {
      watchers.delete(sessionId)
      w.off()
    }
  }

  // Pub/sub was reconnected: a sign-out or team change published meanwhile never arrived. Forget
  // every cached session, and ask the database which watched sessions ended in the gap.
  const offResync = pubsub.onResync(() => {
    sessionCache.evictAll()
    const watched = [...watchers.keys()]
    endedSessionIds({ db: services.db.prisma, clock: services.clock }, watched).then(
      (ended) => ended.forEach(closeSockets),
      // The database is down too: the sockets' next operations verify their session afresh
      // (the cache is empty), and the connections' own checks end them when it is back.
      (e: unknown) => services.logger.warn({ err: e }, 'could not re-check open sessions after a pub/sub reconnect'),
    )
  })

  return {
    sockets: {
      opened: (s) => watch(s.socket, s.sessionId),
      closed: (s) => unwatch(s.socket, s.sessionId),
    },
    close() {
      for (const w of watchers.values()) w.off()
      watchers.clear()
      offSessionChanges()
      offResync()
    },
  }
}
