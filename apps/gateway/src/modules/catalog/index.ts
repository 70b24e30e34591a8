// Catalog: suppliers and products as buyers browse them, and orders' deliveries.
import { defineModule } from '../module.ts'
import './supplier.ts'
import './product.ts'
import './orders.ts'

export const catalog = defineModule({ name: 'catalog' })
