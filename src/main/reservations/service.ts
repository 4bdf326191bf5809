/**
 * Reading reservations: the list (filtered, sorted and paged by SQLite, as stopSales.list), one
 * reservation, and its attempts. Its detail is in detail.ts. Reads only.
 */
import { and, count, eq, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { CallOutput, CallParsedInput } from '../../shared/ipc'
import { message } from '../../shared/messages'
import { reservationActions } from '../../shared/record-actions'
import {
  reservationStatuses,
  stayNights,
  type Reservation,
  type ReservationAttempt,
  type ReservationDetail,
  type ReservationSortColumn,
} from '../../shared/reservations'
import type { Db } from '../db/database'
import { reservationAttempts, reservations, type ReservationRow } from '../db/schema'
import { AppFailure } from '../errors'
import { attemptView, storedAttempts } from '../records/attempts'
import {
  contains,
  countsByStatus,
  hotelKeyContains,
  orderOf,
  sharedSortColumns,
  textTerms,
} from '../records/list-query'
import { storedMessage } from '../records/stored-message'
import { normalizeCode, normalizeHotelName } from '../reference/hotel-matching'
import { sednaName } from '../sedna/reservation-payload'
import { decideToSendAnyway } from './queue'
import { parkedByFirstLook } from './sedna-version'

export type ReservationListQuery = CallParsedInput<'reservations.list'>

export interface ReservationService {
  list(q: ReservationListQuery): CallOutput<'reservations.list'>
  get(id: number): Reservation
  detail(id: number): ReservationDetail
  attempts(id: number): ReservationAttempt[]
  /** A person chose to send ours anyway after comparing it with Sedna's version (queue.ts decideToSendAnyway). */
  sendAnyway(id: number): Reservation
}

const SORT_COLUMNS: Record<ReservationSortColumn, SQLiteColumn[]> = {
  ...sharedSortColumns(reservations),
  voucher: [reservations.voucherNo],
  checkIn: [reservations.checkIn, reservations.checkOut],
  checkOut: [reservations.checkOut],
  pax: [reservations.pax],
}

/** One reservation's row (not-found when there is none). */
export function reservationRow(db: Db, id: number): ReservationRow {
  const r = db.select().from(reservations).where(eq(reservations.id, id)).get()
  if (!r) throw AppFailure.coded('not-found', message('record.reservationNotFound', { id }))
  return r
}

/** Every request made to Sedna for a reservation, oldest first (URL and bodies as stored: redacted). */
export function attemptsOf(db: Db, id: number): ReservationAttempt[] {
  return storedAttempts(db, reservationAttempts, reservationAttempts.reservationId, id).map(
    ({ reservationId: _, ...a }) => attemptView(a),
  )
}

export function createReservationService(deps: {
  db: Db
  detail: (id: number) => ReservationDetail
}): ReservationService {
  const { db } = deps

  function filters(q: ReservationListQuery): SQL[] {
    const out: SQL[] = []
    const hotel = q.hotel?.trim()
    if (hotel) out.push(hotelKeyContains(reservations.hotelKey, hotel))
    // Stays with a night in [from, to]: arrives on or before `to`, leaves after `from`.
    if (q.to !== undefined) out.push(lte(reservations.checkIn, q.to))
    if (q.from !== undefined) out.push(gt(reservations.checkOut, q.from))
    for (const term of textTerms(q.text)) {
      const either: SQL[] = [
        contains(reservations.voucherNo, term),
        contains(reservations.guests, term),
        eq(reservations.roomCode, normalizeCode(term)),
        eq(reservations.boardCode, normalizeCode(term)),
        eq(reservations.sourceId, term),
      ]
      const key = normalizeHotelName(term)
      if (key) either.push(sql`instr(${reservations.hotelKey}, ${key}) > 0`)
      if (/^\d{1,15}$/.test(term)) either.push(eq(reservations.sednaRecId, Number(term)))
      out.push(or(...either)!)
    }
    return out
  }

  return {
    list(q) {
      const direction = q.sort?.direction ?? 'desc'
      return db.transaction(() => {
        const byStatus = q.statuses?.length ? inArray(reservations.status, q.statuses) : undefined
        const where = and(byStatus, ...filters(q))
        const rows = db
          .select()
          .from(reservations)
          .where(where)
          .orderBy(...orderOf(SORT_COLUMNS[q.sort?.column ?? 'createdAt'], reservations.id, direction))
          .limit(q.limit)
          .offset(q.offset)
          .all()
        const counts = countsByStatus(db, reservations, reservations.status, reservationStatuses)
        const total = db.select({ n: count() }).from(reservations).where(where).get()?.n ?? 0
        return { rows: rows.map((r) => toReservation(r)), total, countsByStatus: counts }
      })
    },

    get: (id) => toReservation(reservationRow(db, id)),

    attempts: (id) => (reservationRow(db, id), attemptsOf(db, id)),

    detail: (id) => deps.detail(id),

    sendAnyway(id) {
      decideToSendAnyway(db, id)
      return toReservation(reservationRow(db, id))
    },
  }
}

/** `unresolved`: it lacks a mapping (by default, as stored by the import or when it was parked). */
export function toReservation(r: ReservationRow, unresolved = r.resolution?.ok === false): Reservation {
  const lead = r.guests[0]
  return {
    id: r.id,
    status: r.status,
    voucherNo: r.voucherNo,
    hotelName: r.hotelName,
    hotelId: r.hotelId,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    nights: r.nights ?? stayNights(r.checkIn, r.checkOut),
    roomCode: r.roomCode,
    boardCode: r.boardCode,
    adults: r.adults,
    children: r.children,
    pax: r.adults + r.children,
    guestCount: r.guests.length,
    // Once the names are removed there is no lead guest to show.
    leadGuest:
      lead && r.guestDataPurgedAt === null
        ? `${lead.title} ${sednaName(lead.firstName)} ${sednaName(lead.lastName)}`
        : null,
    totalPrice: r.totalPrice,
    currency: r.currency,
    sourceEmailId: r.sourceEmailId,
    sourceId: r.sourceId,
    sednaRecId: r.sednaRecId,
    lastError: storedMessage(r.lastErrorCode, r.lastErrorParams, r.lastError),
    lastAttemptAt: r.lastAttemptAt,
    cancelledAt: r.cancelledAt,
    guestDataPurgedAt: r.guestDataPurgedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    actions: actionsOf(r, unresolved),
  }
}

/**
 * The shared rule, and one thing it cannot tell from the status: a reservation the look before its first
 * send parked never went out, so it may be cancelled here. (Its "send ours anyway" is the detail's, with a
 * confirmation — reservations.sendAnyway, sednaVersion.canSendAnyway — never a Sync.)
 */
function actionsOf(r: ReservationRow, unresolved: boolean) {
  const actions = reservationActions({
    status: r.status,
    unresolved,
    sednaRecId: r.sednaRecId,
    sendStartedAt: r.sendStartedAt,
  })
  return parkedByFirstLook(r) && !actions.includes('cancel') ? [...actions, 'cancel' as const] : actions
}
