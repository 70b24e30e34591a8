// Importing a domain's file registers its types on the builder; the order does not matter.
import { builder } from '../builder.ts'
import './catalog/supplier.ts'

export const schema = builder.toSchema({ sortSchema: true })
