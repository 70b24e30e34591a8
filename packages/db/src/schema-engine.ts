// Loads Prisma's schema engine compiled to WebAssembly on plain Node 20. `import` of the
// package fails there (no ESM-wasm integration), so the .wasm is instantiated by hand, the
// way Prisma 6's own loader did.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'
import type * as RuntimeModule from '@prisma/schema-engine-wasm/schema_engine_bg'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'

// Node has WebAssembly, but @types/node 20 does not declare it without the DOM lib.
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<object>
  instantiate(module: object, imports: Record<string, unknown>): Promise<{ exports: Record<string, unknown> }>
  RuntimeError: new (...args: unknown[]) => Error
}

const require = createRequire(import.meta.url)
type Runtime = typeof RuntimeModule
type PanicRegistry = { message: string; set_message(m: string): void }

let engineClass: Promise<typeof SchemaEngine> | undefined

async function loadEngineClass(): Promise<typeof SchemaEngine> {
  // The Rust panic hook writes the panic message here (wasm-bindgen js_namespace "global").
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry }
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: '',
    set_message(m: string) {
      this.message = `RuntimeError: ${m}`
    },
  }
  const runtime: Runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg')
  const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
  const module = await WebAssembly.compile(await readFile(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm')))
  const instance = await WebAssembly.instantiate(module, {
    './schema_engine_bg.js': runtime,
  })
  ;(runtime as unknown as { __wbg_set_wasm(x: unknown): void }).__wbg_set_wasm(instance.exports)
  ;(instance.exports as unknown as { __wbindgen_start(): void }).__wbindgen_start()
  return runtime.SchemaEngine
}

/** Opens the engine on a migration-aware adapter factory; errors come out unwrapped. */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schemaFiles: [path: string, content: string][],
  log: (msg: string) => void = () => {},
): Promise<SchemaEngine> {
  engineClass ??= loadEngineClass()
  const Engine = await engineClass
  const bound = bindMigrationAwareSqlAdapterFactory(factory)
  let engine: SchemaEngine
  try {
    engine = await Engine.new({ datamodels: schemaFiles }, log, bound)
  } catch (e) {
    throw unwrapEngineError(e, bound.errorRegistry)
  }
  return new Proxy(engine, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop)
      if (typeof value !== 'function') return value
      if (prop === 'free' || prop === 'debugPanic') return value.bind(target)
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
        } catch (e) {
          throw unwrapEngineError(e, bound.errorRegistry)
        }
      }
    },
  })
}

/** JS errors raised inside the adapter reach us as "External error id#N"; panics as "unreachable". */
export function unwrapEngineError(e: unknown, registry?: { consumeError(id: number): { error: unknown } | undefined }): unknown {
  const message = (e as Error | undefined)?.message
  const id = typeof message === 'string' ? /External error id#(\d+)/.exec(message)?.[1] : undefined
  if (registry && id !== undefined) {
    const found = registry.consumeError(Number(id))
    if (found) return found.error
  }
  if (e instanceof WebAssembly.RuntimeError) {
    const panic = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry }).PRISMA_WASM_PANIC_REGISTRY?.message
    if (panic) return new Error(`schema engine panic: ${panic}`)
  }
  return e
}
