// Importing a domain's file registers its types on the builder; the order does not matter.
import { builder } from '../builder.ts'
import './errors.ts'
import './catalog/supplier.ts'
import './catalog/product.ts'
import './identity/types.ts'
import './identity/team.ts'
import './identity/mutations.ts'
import './identity/invitation-preview.ts'
import './messaging/types.ts'
import './messaging/queries.ts'
import './messaging/mutations.ts'
import './messaging/subscriptions.ts'
import './messaging/relationship.ts'
import { assertEveryRootFieldDeclaresAccess } from './access.ts'

export const schema = builder.toSchema({ sortSchema: true })
assertEveryRootFieldDeclaresAccess(schema)
