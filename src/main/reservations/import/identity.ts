/** What makes a reservation the same one again: its identity for re-imports, and what a duplicate changes. */
import { createHash } from 'node:crypto'
import { normalizeCode } from '../../reference/hotel-matching'
import type { CanonicalReservation } from './parse'

/** voucher + source e-mail: the identity of a booking for re-imports (the same e-mail imported twice). */
export function reservationDedupeKey(r: Pick<CanonicalReservation, 'voucherNo' | 'sourceEmailId'>): string {
  return `${normalizeCode(r.voucherNo)}\u0000${r.sourceEmailId ?? ''}`
}

/** What is in a record, fields in a fixed order: equal hashes = the same reservation again. */
export function contentHash(r: CanonicalReservation): string {
  const ordered = [
    r.voucherNo,
    r.hotelName,
    r.hotelId,
    r.checkIn,
    r.checkOut,
    r.roomCode,
    r.boardCode,
    r.adults,
    r.children,
    r.guests.map((g) => [g.title, g.firstName, g.lastName, g.birthDate, g.passportNo, g.nationality]),
    r.totalPrice,
    r.currency,
    r.saleDate,
    r.sourceEmailId,
  ]
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex')
}

/** What in `b` differs from `a` (for a duplicate's reason), as `reservationImport.differs.*` names it. */
export type Difference = 'hotel' | 'dates' | 'room' | 'board' | 'pax' | 'guests' | 'price'

export function differences(a: CanonicalReservation, b: CanonicalReservation): Difference[] {
  const out: Difference[] = []
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y)
  if (a.hotelName !== b.hotelName || a.hotelId !== b.hotelId) out.push('hotel')
  if (a.checkIn !== b.checkIn || a.checkOut !== b.checkOut) out.push('dates')
  if (a.roomCode !== b.roomCode) out.push('room')
  if (a.boardCode !== b.boardCode) out.push('board')
  if (a.adults !== b.adults || a.children !== b.children) out.push('pax')
  if (!same(a.guests, b.guests)) out.push('guests')
  if (a.totalPrice !== b.totalPrice || a.currency !== b.currency) out.push('price')
  return out
}
