// Catalog: suppliers and products as buyers browse them.
import { defineModule } from '../module.ts'
import './supplier.ts'
import './product.ts'

export const catalog = defineModule({ name: 'catalog' })
