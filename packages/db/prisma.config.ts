import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'prisma/config'

// Offline machines: every `prisma` CLI command first tries to download the native schema
// engine, which these machines cannot reach. Pointing PRISMA_SCHEMA_ENGINE_BINARY at an
// existing file skips the download; `generate` never runs it. Migrations use Prisma's own
// engine compiled to WebAssembly instead (src/migrations.ts, `npm run db:*`).
// PRISMA_NATIVE_ENGINE=1 keeps the stock behaviour on a machine that has the native engine.
const here = path.dirname(fileURLToPath(import.meta.url))
const enginesDir = path.dirname(createRequire(import.meta.url).resolve('@prisma/engines/package.json'))
const hasNativeEngine = existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine-'))
if (!process.env.PRISMA_NATIVE_ENGINE && !hasNativeEngine) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(here, 'scripts', 'schema-engine-stub.sh')
}

export default defineConfig({
  schema: path.join(here, '../../prisma/schema.prisma'),
  migrations: { path: path.join(here, '../../prisma/migrations') },
})
