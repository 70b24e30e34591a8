#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded on offline machines.
# The prisma CLI only checks that this file exists before `generate`. Migrations run through
# @prisma/schema-engine-wasm: use `npm run db:migrate|db:deploy|db:reset|db:status`.
if [ "$1" = "--version" ]; then echo "schema-engine-cli offline-stub (use npm run db:*)"; exit 0; fi
echo "schema-engine: the native engine is not installed here; use npm run db:migrate / db:deploy / db:reset / db:status." >&2
exit 1
