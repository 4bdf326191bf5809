/**
 * A mapping asked for from a record: the record's account (the one it was sent with, else the active
 * one) and what of it a mapping may concern — its hotel, its room and board codes, its guests'
 * nationalities.
 */
import { eq } from 'drizzle-orm'
import { message } from '../../shared/messages'
import type { Db } from '../db/database'
import { reservations, stopSales, type ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import { accountOf } from '../records/account'

export interface MappedRecord {
  kind: 'stopSale' | 'reservation'
  hotelName: string
  hotelId: number | null
  roomCodes: string[]
  boardCodes: string[]
  nationalities: string[]
}

export function recordFor(
  db: Db,
  activeProfile: () => ProfileRow | undefined,
  ref: { kind: MappedRecord['kind']; id: number },
): { profile: ProfileRow; record: MappedRecord } {
  let found: (MappedRecord & { profileId: number | null }) | undefined
  if (ref.kind === 'stopSale') {
    const r = db.select().from(stopSales).where(eq(stopSales.id, ref.id)).get()
    if (!r) throw AppFailure.coded('not-found', message('record.stopSaleNotFound', { id: ref.id }))
    found = { ...r, kind: 'stopSale', nationalities: [] }
  } else {
    const r = db.select().from(reservations).where(eq(reservations.id, ref.id)).get()
    if (!r) throw AppFailure.coded('not-found', message('record.reservationNotFound', { id: ref.id }))
    const nationalities = r.guests.flatMap((g) => (g.nationality ? [g.nationality] : []))
    found = { ...r, kind: 'reservation', roomCodes: [r.roomCode], boardCodes: [r.boardCode], nationalities }
  }
  const profile = accountOf(db, activeProfile, found.profileId)
  if (!profile) {
    throw AppFailure.coded('validation', message(found.profileId === null ? 'mapping.noAccount' : 'detail.accountGone'))
  }
  const { kind, hotelName, hotelId, roomCodes, boardCodes, nationalities } = found
  return { profile, record: { kind, hotelName, hotelId, roomCodes, boardCodes, nationalities } }
}
