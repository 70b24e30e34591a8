// npm run print-schema -w @rapport/gateway: writes schema.graphql, the API's committed contract.
import { writeFileSync } from 'node:fs'
import { printSchemaFile, schemaFilePath } from './schema-file.ts'

writeFileSync(schemaFilePath, printSchemaFile())
console.log(`wrote ${schemaFilePath}`)
