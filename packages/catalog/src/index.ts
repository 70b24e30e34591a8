export { listSuppliers, countSuppliers, getSupplierBySlug, getSuppliersByIds } from './list-suppliers.ts'
export type { ListSuppliersInput, SupplierSummary } from './list-suppliers.ts'
export { listProducts, getProductsByIds, serviceHoursFor } from './products.ts'
export type { ProductSummary, ServiceHoursRow } from './products.ts'
