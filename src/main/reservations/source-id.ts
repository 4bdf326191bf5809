/**
 * The SourceId a reservation carries to Sedna (InsertReservation; CancelReservationBySourcId).
 *
 * Two desks of one agency that send the same booking must carry the same SourceId, so it is made from
 * the booking as Sedna receives it, never from a local row id: "V1-" and 16 hex digits of the sha256 of
 * the voucher, the hotel, the stay, the room type, the board and the pax, in Sedna's ids (SourceIds are
 * scoped per operator in Sedna, so the operator is not in it). Then Sedna itself refuses the second
 * desk's copy ("SourceId already exists", GUESS) and that desk adopts the first one; either desk's cancel
 * reaches the one booking. An amended booking (same voucher, changed) is another booking and gets
 * another SourceId — the look before its first send shows it to a person beside Sedna's version. A
 * person's "send ours anyway" adds the RecIds they overruled, so two desks deciding alike agree again.
 *
 * It is formed at the first send and frozen there (reservations/queue.ts startSend), in the same
 * transaction as the send mark: what the import stored ("R<id>-<hex>") is provisional and unique only
 * here. A row that went out keeps the SourceId it went out with, forever.
 */
import { createHash } from 'node:crypto'
import type { ReservationResolution } from '../../shared/reservations'
import { storedSednaFound } from './sedna-version'

export interface BookingFields {
  voucherNo: string
  checkIn: string
  checkOut: string
  adults: number
  children: number
}

type Resolved = Extract<ReservationResolution, { ok: true }>

/** The shared SourceId of this booking; `overruled`: the Sedna RecIds a person chose to send ours over. */
export function sharedSourceId(
  r: BookingFields,
  resolved: Pick<Resolved, 'hotelId' | 'roomTypeId' | 'boardId'>,
  overruled?: readonly (number | null)[],
): string {
  const identity: unknown[] = [
    'v1',
    r.voucherNo.trim().toUpperCase(),
    resolved.hotelId,
    r.checkIn,
    r.checkOut,
    resolved.roomTypeId,
    resolved.boardId,
    r.adults,
    r.children,
  ]
  if (overruled)
    identity.push(
      'anyway',
      [...overruled].map((x) => x ?? 0).sort((a, b) => a - b),
    )
  return `V1-${createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16)}`
}

/**
 * The SourceId the next send of `r` carries: the one an earlier send went out with (it may have landed:
 * the resend must be byte-identical), else the shared one — with the person's "send anyway" decision in
 * it, and made this row's own if another reservation here already holds that (`heldByOther`).
 */
export function sourceIdToSend(
  r: BookingFields & { id: number; sourceId: string; sendStartedAt: string | null; sednaFound: unknown },
  resolved: Pick<Resolved, 'hotelId' | 'roomTypeId' | 'boardId'>,
  heldByOther: (sourceId: string) => boolean,
): string {
  if (r.sendStartedAt !== null) return r.sourceId
  const found = storedSednaFound(r.sednaFound)
  const overruled = found?.sendAnywayAt ? found.reservations.map((s) => s.recId) : undefined
  const shared = sharedSourceId(r, resolved, overruled)
  return overruled && heldByOther(shared) ? `${shared}-${r.id}` : shared
}
