/**
 * Plain constants about reservations, free of zod, so the renderer can use them without carrying the
 * schema library in its bundle (as stop-sale-basics.ts does for stop sales).
 */

/**
 * Where a reservation stands on its way to Sedna. The sync engine moves a record
 * pending → queued → sending (InsertReservation may be out) → synced (RecId stored);
 * a cancel moves synced → cancelling → cancelled. The others are parking states.
 */
export const reservationStatuses = [
  'pending',
  'queued',
  'sending',
  'synced',
  'cancelling',
  'cancelled',
  'needs_attention',
  'needs_review',
  'failed',
] as const
export type ReservationStatusName = (typeof reservationStatuses)[number]

/** Columns the reservations list can be sorted by (createdAt is the insertion order, i.e. id). */
export const reservationSortColumns = [
  'status',
  'voucher',
  'hotel',
  'checkIn',
  'checkOut',
  'nights',
  'pax',
  'recId',
  'lastAttemptAt',
  'createdAt',
] as const

/** The customer titles Sedna knows (vendor samples): adults Mr/Mrs, child Chd, infant Inf, group leader Grp. */
export const sednaTitles = ['Mr', 'Mrs', 'Chd', 'Inf', 'Grp'] as const
export type SednaTitle = (typeof sednaTitles)[number]

/** Nights of a stay: check-out day minus check-in day. */
export function stayNights(checkIn: string, checkOut: string): number {
  const ms = Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)
  return Math.round(ms / 86_400_000)
}

/** Whole years from birth to the day (the guest's age at check-in). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}
