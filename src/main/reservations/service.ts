/**
 * Reading reservations: the list (filtered, sorted and paged by SQLite, as stopSales.list), one
 * reservation, its detail (as imported, what it resolves to, the InsertReservation request as sent or as
 * it would be sent now, every request made) and its attempts. Reads only: a resolution made here for
 * display is never stored.
 */
import { and, asc, count, desc, eq, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { CallOutput, CallParsedInput } from '../../shared/ipc'
import {
  reservationStatuses,
  stayNights,
  type Reservation,
  type ReservationAttempt,
  type ReservationDetail,
  type ReservationResolution,
  type ReservationSortColumn,
  type ReservationStatus,
} from '../../shared/reservations'
import type { Db } from '../db/database'
import {
  reservationAttempts,
  reservationImports,
  reservations,
  sednaProfiles,
  type ProfileRow,
  type ReservationRow,
} from '../db/schema'
import { AppFailure } from '../errors'
import { normalizeCode } from '../reference/hotel-matching'
import { describeReservationUnresolved } from './resolve'
import { buildReservationPayload, sednaName, type ResolvedReservation } from '../sedna/reservation-payload'
import { normalizeBaseUrl } from '../sedna/client'
import { redactUrl } from '../sedna/redact'
import { hotelKeyOf } from '../stop-sales/hotel-keys'
import type { ProfileService } from '../services/profiles'

export type ReservationListQuery = CallParsedInput<'reservations.list'>

export interface ReservationService {
  list(q: ReservationListQuery): CallOutput<'reservations.list'>
  get(id: number): Reservation
  detail(id: number): ReservationDetail
  attempts(id: number): ReservationAttempt[]
}

const SORT_COLUMNS: Record<ReservationSortColumn, SQLiteColumn[]> = {
  status: [reservations.status],
  voucher: [reservations.voucherNo],
  hotel: [reservations.hotelKey],
  checkIn: [reservations.checkIn, reservations.checkOut],
  checkOut: [reservations.checkOut],
  nights: [reservations.nights],
  pax: [reservations.pax],
  recId: [reservations.sednaRecId],
  lastAttemptAt: [reservations.lastAttemptAt],
  createdAt: [],
}
const MAX_TEXT_TERMS = 8

export function createReservationService(deps: {
  db: Db
  profiles: ProfileService
  resolve: (profile: ProfileRow, row: ReservationRow) => ReservationResolution
}): ReservationService {
  const { db, profiles } = deps

  function row(id: number): ReservationRow {
    const r = db.select().from(reservations).where(eq(reservations.id, id)).get()
    if (!r) throw new AppFailure('not-found', `Reservation #${id} does not exist (it may have been deleted).`)
    return r
  }

  function filters(q: ReservationListQuery): SQL[] {
    const out: SQL[] = []
    const hotel = q.hotel?.trim()
    if (hotel) {
      const key = hotelKeyOf(hotel)
      out.push(key ? sql`instr(${reservations.hotelKey}, ${key}) > 0` : sql`0`)
    }
    // Stays with a night in [from, to]: arrives on or before `to`, leaves after `from`.
    if (q.to !== undefined) out.push(lte(reservations.checkIn, q.to))
    if (q.from !== undefined) out.push(gt(reservations.checkOut, q.from))
    for (const term of (q.text ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_TEXT_TERMS)) {
      const either: SQL[] = [
        sql`${reservations.voucherNo} like ${likeContaining(term)} escape '\\'`,
        sql`${reservations.guests} like ${likeContaining(term)} escape '\\'`,
        eq(reservations.roomCode, normalizeCode(term)),
        eq(reservations.boardCode, normalizeCode(term)),
        eq(reservations.sourceId, term),
      ]
      const key = hotelKeyOf(term)
      if (key) either.push(sql`instr(${reservations.hotelKey}, ${key}) > 0`)
      if (/^\d{1,15}$/.test(term)) either.push(eq(reservations.sednaRecId, Number(term)))
      out.push(or(...either)!)
    }
    return out
  }

  function attempts(id: number): ReservationAttempt[] {
    return db
      .select()
      .from(reservationAttempts)
      .where(eq(reservationAttempts.reservationId, id))
      .orderBy(asc(reservationAttempts.id))
      .all()
      .map(({ reservationId: _, ...a }) => a)
  }

  function profileFor(r: ReservationRow): ProfileRow | undefined {
    if (r.profileId !== null) return db.select().from(sednaProfiles).where(eq(sednaProfiles.id, r.profileId)).get()
    return profiles.active()
  }

  return {
    list(q) {
      const sortColumn = q.sort?.column ?? 'createdAt'
      const direction = q.sort?.direction ?? 'desc'
      return db.transaction(() => {
        const conditions = filters(q)
        const byStatus = q.statuses?.length ? inArray(reservations.status, q.statuses) : undefined
        const where = and(byStatus, ...conditions)
        const order = [...SORT_COLUMNS[sortColumn], reservations.id].map((c) =>
          direction === 'asc' ? asc(c) : desc(c),
        )
        const rows = db
          .select()
          .from(reservations)
          .where(where)
          .orderBy(...order)
          .limit(q.limit)
          .offset(q.offset)
          .all()
        const counts = db
          .select({ status: reservations.status, n: count() })
          .from(reservations)
          .groupBy(reservations.status)
          .all()
        const countsByStatus = Object.fromEntries(reservationStatuses.map((s) => [s, 0])) as Record<
          ReservationStatus,
          number
        >
        for (const { status, n } of counts) countsByStatus[status] = n
        const total = db.select({ n: count() }).from(reservations).where(where).get()?.n ?? 0
        return { rows: rows.map(toReservation), total, countsByStatus }
      })
    },

    get: (id) => toReservation(row(id)),

    attempts: (id) => (row(id), attempts(id)),

    detail(id) {
      const r = row(id)
      const fromImport =
        r.importId === null
          ? undefined
          : db
              .select({
                id: reservationImports.id,
                fileName: reservationImports.fileName,
                createdAt: reservationImports.createdAt,
                committedAt: reservationImports.committedAt,
              })
              .from(reservationImports)
              .where(eq(reservationImports.id, r.importId))
              .get()
      const profile = profileFor(r)
      const history = attempts(id)

      let resolution: ReservationDetail['resolution']
      // What was sent with (or parked with) is kept; a pending one's note from the import may be outdated.
      const keep = r.resolution !== null && (r.status !== 'pending' || r.sendStartedAt !== null || !profile)
      if (r.resolution && keep) {
        resolution = {
          source: 'stored',
          profileId: r.profileId ?? profile?.id ?? null,
          resolution: r.resolution,
          message: r.resolution.ok ? null : describeReservationUnresolved(r.resolution.unresolved),
        }
      } else if (!profile) {
        resolution = {
          source: 'unavailable',
          profileId: null,
          resolution: null,
          message: 'No Sedna account is set up: add one in Settings to see what this reservation resolves to.',
        }
      } else {
        const now = deps.resolve(profile, r)
        resolution = {
          source: 'resolved-now',
          profileId: profile.id,
          resolution: now,
          message: now.ok ? null : describeReservationUnresolved(now.unresolved),
        }
      }

      // The request as sent: the last successful send, else the last one with a body.
      const sends = history.filter((a) => a.phase === 'send' && a.requestBody !== null)
      const sent = sends.findLast((a) => a.outcome === 'ok') ?? sends[sends.length - 1]
      let payload: ReservationDetail['payload']
      const unavailable = (message: string): ReservationDetail['payload'] => ({
        source: 'unavailable',
        url: null,
        body: null,
        attemptId: null,
        sentAt: null,
        outcome: null,
        message,
      })
      if (sent) {
        payload = {
          source: 'sent',
          url: sent.url,
          body: sent.requestBody,
          attemptId: sent.id,
          sentAt: sent.startedAt,
          outcome: sent.outcome,
          message: null,
        }
      } else if (r.guestDataPurgedAt !== null) {
        payload = unavailable("The guests' personal data was removed, so there is no request to show.")
      } else if (!resolution.resolution) payload = unavailable(resolution.message ?? 'Not resolved yet.')
      else if (!resolution.resolution.ok)
        payload = unavailable(describeReservationUnresolved(resolution.resolution.unresolved))
      else if (!profile) payload = unavailable('The Sedna account for this reservation no longer exists.')
      else {
        const operatorId = r.operatorId ?? profile.operatorId
        if (operatorId === null) {
          payload = unavailable(
            `The operator id of "${profile.name}" is learned at the first login to Sedna: use Test connection in Settings.`,
          )
        } else {
          payload = {
            source: 'preview',
            url: insertUrl(profile, r.voucherNo),
            // Serialised as the client serialises it, so the preview reads exactly as the request would.
            body: JSON.stringify(buildReservationPayload(r, resolution.resolution as ResolvedReservation, operatorId)),
            attemptId: null,
            sentAt: null,
            outcome: null,
            message: null,
          }
        }
      }

      return {
        record: {
          ...toReservation(r),
          guests: r.guests,
          saleDate: r.saleDate,
          importId: r.importId,
          sourceRow: r.sourceRow,
          profileId: r.profileId,
          operatorId: r.operatorId,
          attempts: r.attempts,
          nextAttemptAt: r.nextAttemptAt,
          sendStartedAt: r.sendStartedAt,
          syncedAt: r.syncedAt,
          cancelRequestedAt: r.cancelRequestedAt,
          waitingForNetwork: r.waitingForNetwork,
        },
        import: fromImport ?? null,
        resolution,
        payload,
        attempts: history,
      }
    },
  }
}

/** The URL InsertReservation would be sent to, the password shown as ***. */
function insertUrl(profile: ProfileRow, voucherNo: string): string {
  let base: string
  try {
    base = normalizeBaseUrl(profile.baseUrl)
  } catch {
    base = profile.baseUrl
  }
  const url = new URL(`${base}/api/Integratiion/InsertReservation`)
  url.searchParams.set('username', profile.username)
  url.searchParams.set('password', 'secret')
  url.searchParams.set('voucherNo', voucherNo)
  return `POST ${redactUrl(url.toString())}`
}

export function toReservation(r: ReservationRow): Reservation {
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
    lastError: r.lastError,
    lastAttemptAt: r.lastAttemptAt,
    cancelledAt: r.cancelledAt,
    guestDataPurgedAt: r.guestDataPurgedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }
}

const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`
