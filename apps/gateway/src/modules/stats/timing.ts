// Timing every query and mutation, on both transports, from the moment it is about to run to its
// answer. Subscriptions are left out: they last as long as a page is open. An answer with errors
// counts as failed; a domain error answered as a result type (a wrong password) does not.
import type { Context } from '../../context.ts'
import type { OperationHooks, Services } from '../module.ts'

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/

export function operationTiming(services: Pick<Services, 'stats'>): OperationHooks {
  const started = new WeakMap<Context, number>()
  return {
    willExecute(ctx, op) {
      if (op.type !== 'subscription') started.set(ctx, performance.now())
    },
    willRespond(ctx, op, response) {
      const t0 = started.get(ctx)
      if (t0 === undefined || !op) return
      started.delete(ctx)
      const name = op.operationName && GRAPHQL_NAME.test(op.operationName) ? op.operationName : 'anonymous'
      services.stats.record('operation', name, performance.now() - t0, response.errors.length > 0)
    },
  }
}
