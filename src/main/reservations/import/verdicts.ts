/**
 * The verdict of each record of a reservations file: invalid (with every problem), a duplicate (the same
 * voucher and source e-mail stored already, or earlier in the file — saying how it differs), or new —
 * with what needs a person before it can be sent (a mapping, or the same voucher from another e-mail).
 */
import { and, eq, ne } from 'drizzle-orm'
import { message, type Message } from '../../../shared/messages'
import { wordMessage } from '../../../shared/messages/word'
import type { ReservationResolution } from '../../../shared/reservations'
import type { Db } from '../../db/database'
import { reservations, type ProfileRow, type ReservationRow } from '../../db/schema'
import type { TextNote } from '../../files/clean-text'
import { normalizeHotelName } from '../../reference/hotel-matching'
import { unresolvedMessage } from '../../reference/unresolved'
import { contentHash, differences, reservationDedupeKey } from './identity'
import { canonicalizeReservation, type CanonicalReservation } from './parse'
import type { RawRecord } from './read-file'

/** What is staged for a new row: the record, and what the commit stores besides it. */
export interface StagedPayload extends CanonicalReservation {
  hotelKey: string
  contentHash: string
  /** What is missing (stored, so that a mapping made later finds the reservations waiting for it). */
  resolution: ReservationResolution | null
  notes?: TextNote[]
}

export interface StagedRow {
  row: number
  line: number | null
  state: 'new' | 'duplicate' | 'invalid'
  reason: string | null
  attention: string | null
  reasonMessages: Message[] | null
  attentionMessages: Message[] | null
  dedupeKey?: string
  payload: Record<string, unknown> | null
}

export interface Judged {
  rows: StagedRow[]
  counts: { rows: number; newCount: number; duplicates: number; invalid: number; needsAttention: number }
  textCleaned: number
}

/** A reservation row's messages in English, as stored beside their codes: sentences one after another. */
export const messagesText = (messages: readonly Message[]) =>
  messages.length ? messages.map((m) => wordMessage(m)).join(' ') : null

export function judgeReservations(
  db: Db,
  records: readonly RawRecord[],
  profile: ProfileRow | undefined,
  resolve: (profile: ProfileRow, r: CanonicalReservation) => ReservationResolution,
): Judged {
  const rows: StagedRow[] = []
  const inFile = new Map<string, { row: number; value: CanonicalReservation }>()
  const vouchersInFile = new Map<string, { row: number; key: string }>()
  const counts = { rows: records.length, newCount: 0, duplicates: 0, invalid: 0, needsAttention: 0 }
  let textCleaned = 0
  const staged = (base: RawRecord, state: StagedRow['state'], reasons: Message[], attention: Message[]) => ({
    row: base.row,
    line: base.line,
    state,
    reason: messagesText(reasons),
    attention: messagesText(attention),
    reasonMessages: reasons.length ? reasons : null,
    attentionMessages: attention.length ? attention : null,
  })

  for (const record of records) {
    // The row's notes live in its payload (an invalid row's payload holds only them).
    const noted = record.notes ? { notes: record.notes } : {}
    if (record.notes) textCleaned++
    const canonical = record.notAnObject
      ? {
          ok: false as const,
          errors: [message('reservationRow.notARecord', { record: record.row, ...record.notAnObject })],
        }
      : canonicalizeReservation(record.fields)
    if (!canonical.ok) {
      counts.invalid++
      rows.push({ ...staged(record, 'invalid', canonical.errors, []), payload: record.notes ? noted : null })
      continue
    }
    const value = canonical.value
    const key = reservationDedupeKey(value)
    const stored = db.select().from(reservations).where(eq(reservations.dedupeKey, key)).get()
    const earlier = inFile.get(key)
    if (stored || earlier) {
      counts.duplicates++
      const reasons = [
        stored
          ? value.sourceEmailId
            ? message('reservationImport.duplicateOfEmail', {
                id: stored.id,
                voucher: stored.voucherNo,
                email: value.sourceEmailId,
              })
            : message('reservationImport.duplicateOf', { id: stored.id, voucher: stored.voucherNo })
          : message('reservationImport.sameAsRow', { row: earlier!.row }),
      ]
      const diff = differences(stored ? canonicalOf(stored) : earlier!.value, value)
      if (diff.length) {
        reasons.push(...diff.map((d) => message(`reservationImport.differs.${d}`)))
        reasons.push(message(stored ? 'reservationImport.keptStored' : 'reservationImport.keptEarlier'))
      }
      rows.push({ ...staged(record, 'duplicate', reasons, []), dedupeKey: key, payload: { ...value, ...noted } })
      continue
    }
    inFile.set(key, { row: record.row, value })

    const attention: Message[] = []
    let resolution: ReservationResolution | null = null
    if (profile) {
      const r = resolve(profile, value)
      if (!r.ok) {
        attention.push(unresolvedMessage(r.unresolved))
        resolution = r
      }
    }
    const voucherKey = value.voucherNo.toUpperCase()
    const sameVoucher = db
      .select({ id: reservations.id, source: reservations.sourceEmailId })
      .from(reservations)
      .where(and(eq(reservations.voucherNo, value.voucherNo), ne(reservations.dedupeKey, key)))
      .get()
    const sameVoucherInFile = vouchersInFile.get(voucherKey)
    if (sameVoucher) {
      attention.push(
        sameVoucher.source
          ? message('reservationImport.sameVoucherStored', {
              voucher: value.voucherNo,
              email: sameVoucher.source,
              id: sameVoucher.id,
            })
          : message('reservationImport.sameVoucherStoredElsewhere', { voucher: value.voucherNo, id: sameVoucher.id }),
      )
    } else if (sameVoucherInFile) {
      attention.push(
        message('reservationImport.sameVoucherInFile', { voucher: value.voucherNo, row: sameVoucherInFile.row }),
      )
    }
    vouchersInFile.set(voucherKey, { row: record.row, key })
    counts.newCount++
    if (attention.length) counts.needsAttention++
    const payload: StagedPayload = {
      ...value,
      hotelKey: normalizeHotelName(value.hotelName),
      contentHash: contentHash(value),
      resolution,
      ...noted,
    }
    rows.push({
      ...staged(record, 'new', [], attention),
      dedupeKey: key,
      payload: payload as unknown as Record<string, unknown>,
    })
  }
  return { rows, counts, textCleaned }
}

/** A stored reservation as a canonical record (to tell how a duplicate differs). */
export function canonicalOf(r: ReservationRow): CanonicalReservation {
  return {
    voucherNo: r.voucherNo,
    hotelName: r.hotelName,
    hotelId: r.hotelId,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    roomCode: r.roomCode,
    boardCode: r.boardCode,
    adults: r.adults,
    children: r.children,
    guests: r.guests,
    totalPrice: r.totalPrice,
    currency: r.currency,
    saleDate: r.saleDate,
    sourceEmailId: r.sourceEmailId,
  }
}
