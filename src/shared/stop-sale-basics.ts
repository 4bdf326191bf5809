/**
 * Plain constants and helpers about stop sales, free of zod, so the renderer can use them without
 * carrying the schema library in its bundle.
 */

/**
 * Where a stop sale stands on its way to Sedna. The sync engine moves a record
 * pending → creating → created (RecId known) → updating → synced; the others are parking states.
 * changed_in_sedna / missing_in_sedna: synced, then Sedna's copy changed or vanished (seen by a pull);
 * a person accepts Sedna's version or sends ours again.
 */
export const stopSaleStatuses = [
  'pending',
  'queued',
  'creating',
  'created',
  'updating',
  'synced',
  'changed_in_sedna',
  'missing_in_sedna',
  'needs_attention',
  'needs_review',
  'failed',
] as const

/** Number of nights a stop covers (both ends inclusive). */
export function nightCount(firstNight: string, lastNight: string): number {
  const ms = Date.parse(`${lastNight}T00:00:00Z`) - Date.parse(`${firstNight}T00:00:00Z`)
  return Math.round(ms / 86_400_000) + 1
}
