// The partner platform's limits: one home each.

/**
 * The default cost bucket per key. Our cost model counts 10 per object and 1 per scalar
 * (gateway limits.ts), about ten times Shopify's unit, so this is Shopify's 1,000 points
 * restoring 50/s in those units: a page of 50 reviews with five fields costs ~750.
 */
export const DEFAULT_BUCKET = { size: 10_000, restoreRate: 500 } as const
/** What a key's bucket may be configured to, so a typo cannot disable the limit. */
export const BUCKET_BOUNDS = { minSize: 100, maxSize: 1_000_000, minRestoreRate: 1, maxRestoreRate: 100_000 } as const

export const PARTNER_LIMITS = {
  keyNameLength: 80,
  /** Live keys per partner (revoked ones do not count). */
  keysPerPartner: 25,
  /** How long a rotated key keeps working beside its replacement, at most. */
  maxRotationOverlapHours: 7 * 24,
  /** lastUsedAt/lastUsedIp are written at most this often per key, so reads do not each cost a write. */
  touchIntervalMs: 60_000,
  /** How long a gateway keeps a verified key before looking it up again (revocation also evicts at once). */
  keyCacheTtlMs: 30_000,
} as const
