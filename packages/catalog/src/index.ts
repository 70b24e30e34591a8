export { listSuppliers, countSuppliers, getSupplierBySlug, getSuppliersByIds } from './list-suppliers.ts'
export type { ListSuppliersInput, SupplierSummary } from './list-suppliers.ts'
