// The whole schema: the shared types (errors), then every module's (importing the module list
// registers their types on the builder; the order does not matter).
import { builder } from './builder.ts'
import './schema/errors.ts'
import './modules/index.ts'
import { assertEveryRootFieldDeclaresAccess } from './schema/access.ts'

export const schema = builder.toSchema({ sortSchema: true })
assertEveryRootFieldDeclaresAccess(schema)
