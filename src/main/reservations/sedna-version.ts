/**
 * Sedna's version of a reservation, as the look before its first send stored it (reservations.sedna_found),
 * and ours beside it: what the detail shows side by side and what a person decides on.
 */
import {
  sednaReservationFoundSchema,
  type ReservationResolution,
  type SednaReservationFound,
} from '../../shared/reservations'
import type { ReservationRow } from '../db/schema'

/** The stored JSON, read back through its schema (null when there is none or it is not readable). */
export function storedSednaFound(json: unknown): SednaReservationFound | null {
  if (json === null || json === undefined) return null
  const parsed = sednaReservationFoundSchema.safeParse(json)
  return parsed.success ? parsed.data : null
}

/**
 * Parked by the look before its first send: ours never went out (no send started, no RecId). A person may
 * send ours anyway (Sync) or cancel it here.
 */
export const parkedByFirstLook = (r: Pick<ReservationRow, 'status' | 'sendStartedAt' | 'sednaRecId'>) =>
  r.status === 'needs_review' && r.sendStartedAt === null && r.sednaRecId === null

/** Ours as compared with Sedna's: the ids it is (or would be) sent with, and the SourceId. */
export function ourVersion(r: ReservationRow, resolution: ReservationResolution | null, sourceId: string) {
  const ok = resolution?.ok ? resolution : null
  return {
    voucherNo: r.voucherNo,
    sourceId,
    hotelId: ok?.hotelId ?? r.hotelId,
    hotelName: r.hotelName,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    roomTypeId: ok?.roomTypeId ?? null,
    roomCode: r.roomCode,
    boardId: ok?.boardId ?? null,
    boardCode: r.boardCode,
    adults: r.adults,
    children: r.children,
    status: r.status,
    recId: r.sednaRecId,
  }
}
