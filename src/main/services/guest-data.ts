/**
 * Guests' personal data (names, birth dates, passport numbers) is kept only as long as it is needed:
 * `guestDataRetentionDays` (Settings, default 180) after check-out it is removed from the reservation
 * and from every copy the app made — the requests sent to Sedna and its answers (reservation_attempts),
 * and the import's staged rows (reservation_import_rows). The reservation itself stays (voucher, hotel,
 * dates, pax, titles, nationalities, status, RecId, SourceId), so lists, counts, look-ups in Sedna and
 * cancelling still work; `guest_data_purged_at` says when.
 *
 * Only reservations Sedna already holds (a RecId) or that were cancelled are purged: one not sent yet
 * still needs the names to be sent, so it keeps them however old it is, until it is sent or cancelled.
 *
 * One IMMEDIATE transaction per batch (nothing half-purged; the app and the command line may write
 * meanwhile), idempotent (a second run changes nothing). The connection overwrites deleted content
 * (secure_delete, set in app-context) and the WAL is emptied afterwards, so the removed values do not
 * linger in the file's free pages.
 */
import type Database from 'better-sqlite3'
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import type { ReservationGuest } from '../../shared/reservations'
import type { Db } from '../db/database'
import { reservationAttempts, reservationImportRows, reservationImports, reservations } from '../db/schema'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import {
  anonymousGuest,
  INVALID_REASON_UNSCRUBBED_GLOB,
  scrubberFor,
  scrubInvalidReason,
  scrubReasonMessages,
  type Scrubber,
} from './guest-data-scrub'

export interface GuestDataPurgeResult {
  /** Reservations whose guests' personal data was removed by this run. */
  reservations: number
  /** Stored requests and answers that held some of it. */
  attempts: number
  /** Import rows scrubbed, and open previews discarded because their bookings were past the retention. */
  importRows: number
  previewsDiscarded: number
  /** Past the retention but not in Sedna yet: kept, because sending them needs the names. */
  keptUnsent: number
}

export interface GuestDataService {
  /** Removes what is past the retention now (one run at a time; a second call joins the first). */
  purge(now?: Date): Promise<GuestDataPurgeResult>
  /** Stops after the current batch and waits for it. */
  close(): Promise<void>
}

const BATCH = 200

interface StoredAttempt {
  id: number
  requestBody: string | null
  responseBody: string | null
  message: string | null
}
const DAY_MS = 86_400_000

/** The first check-out day still kept: a stay that ended before it ended more than `days` days ago. */
export function retentionCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10)
}

export function createGuestDataService(deps: {
  db: Db
  sqlite: Database.Database
  events: EventBus
  logger: Logger
  retentionDays: () => number
  batchSize?: number
}): GuestDataService {
  const { db, events, logger } = deps
  const batchSize = deps.batchSize ?? BATCH
  let running: Promise<GuestDataPurgeResult> | undefined
  let closed = false

  const immediate = <T>(fn: () => T): T => db.transaction(fn, { behavior: 'immediate' })
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve))

  // The hot path, prepared once: a purge may go through tens of thousands of reservations.
  const sql$ = {
    // Purgeable: past the retention, and in Sedna (never sent again) or cancelled.
    batch: deps.sqlite.prepare<[string, number], { id: number; guests: string; lastError: string | null }>(
      `select id, guests, last_error as lastError from reservations
        where check_out < ? and guest_data_purged_at is null and (sedna_rec_id is not null or status = 'cancelled')
        order by id limit ?`,
    ),
    purged: deps.sqlite.prepare<[string, string | null, string, number]>(
      'update reservations set guests = ?, last_error = ?, guest_data_purged_at = ? where id = ?',
    ),
    attempts: deps.sqlite.prepare<[number, string], StoredAttempt>(
      `select id, request_body as requestBody, response_body as responseBody, message from reservation_attempts
        where reservation_id = ? and started_at >= ?`,
    ),
    attempt: deps.sqlite.prepare<[string | null, string | null, string | null, number]>(
      'update reservation_attempts set request_body = ?, response_body = ?, message = ? where id = ?',
    ),
  }

  /** One batch of reservations: the rows and every stored request and answer of theirs. */
  function reservationBatch(cutoff: string, at: string) {
    return immediate(() => {
      const rows = sql$.batch.all(cutoff, batchSize)
      let attempts = 0
      for (const r of rows) {
        const guests = JSON.parse(r.guests) as ReservationGuest[]
        const scrub = scrubberFor(guests)
        sql$.purged.run(JSON.stringify(guests.map(anonymousGuest)), scrub.text(r.lastError), at, r.id)
        attempts += scrubAttempts(r.id, '', scrub)
      }
      return { ids: rows.map((r) => r.id), attempts }
    })
  }

  /** Scrubs a reservation's stored requests and answers made since `since`; returns how many changed. */
  function scrubAttempts(reservationId: number, since: string, scrub: Scrubber): number {
    let changed = 0
    for (const a of sql$.attempts.all(reservationId, since)) {
      const next = [scrub.body(a.requestBody), scrub.body(a.responseBody), scrub.text(a.message)] as const
      if (next[0] === a.requestBody && next[1] === a.responseBody && next[2] === a.message) continue
      sql$.attempt.run(...next, a.id)
      changed++
    }
    return changed
  }

  /**
   * Requests made for a reservation after it was purged (a cancel, and the look-up after a refused one,
   * whose answer echoes what Sedna holds): scrubbed by field name, in batches of reservations.
   */
  async function laterAttempts(): Promise<number> {
    let changed = 0
    let after = 0
    for (;;) {
      const purged = db
        .selectDistinct({ id: reservations.id, at: reservations.guestDataPurgedAt })
        .from(reservationAttempts)
        .innerJoin(reservations, eq(reservations.id, reservationAttempts.reservationId))
        .where(
          and(
            isNotNull(reservations.guestDataPurgedAt),
            gte(reservationAttempts.startedAt, reservations.guestDataPurgedAt),
            gt(reservations.id, after),
          ),
        )
        .orderBy(asc(reservations.id))
        .limit(batchSize)
        .all()
      if (!purged.length || closed) return changed
      // Their names are gone, so what is removed is found by field name.
      const byKey = scrubberFor([])
      changed += immediate(() => purged.reduce((n, r) => n + scrubAttempts(r.id, r.at!, byKey), 0))
      after = purged[purged.length - 1]!.id
      await pause()
    }
  }

  /**
   * Import rows: an open preview holding a booking past the retention is discarded (committing it would
   * store names already due for removal; an abandoned one would keep them forever — preview the file
   * again to import it). Other rows with a booking past the retention lose the guests' personal fields;
   * invalid rows (no booking to date them by) lose the values their reason quotes, that long after the import.
   */
  function importRowsPass(cutoff: string): { importRows: number; previewsDiscarded: number } {
    const checkOut = sql<string>`json_extract(${reservationImportRows.payload}, '$.checkOut')`
    return immediate(() => {
      const stale = db
        .selectDistinct({ id: reservationImportRows.importId })
        .from(reservationImportRows)
        .innerJoin(reservationImports, eq(reservationImports.id, reservationImportRows.importId))
        .where(
          and(eq(reservationImports.status, 'preview'), eq(reservationImportRows.state, 'new'), lt(checkOut, cutoff)),
        )
        .all()
        .map((r) => r.id)
      if (stale.length) {
        db.update(reservationImports).set({ status: 'discarded' }).where(inArray(reservationImports.id, stale)).run()
        db.delete(reservationImportRows).where(inArray(reservationImportRows.importId, stale)).run()
      }
      let importRows = 0
      const withGuests = db
        .select({ id: reservationImportRows.id, payload: reservationImportRows.payload })
        .from(reservationImportRows)
        .where(
          and(
            isNotNull(reservationImportRows.payload),
            lt(checkOut, cutoff),
            sql`json_extract(${reservationImportRows.payload}, '$.guestDataPurgedAt') is null`,
          ),
        )
        .all()
      const at = new Date().toISOString()
      for (const r of withGuests) {
        const payload = r.payload as { guests?: ReservationGuest[] }
        const guests = Array.isArray(payload.guests) ? payload.guests : []
        db.update(reservationImportRows)
          .set({ payload: { ...payload, guests: guests.map(anonymousGuest), guestDataPurgedAt: at } })
          .where(eq(reservationImportRows.id, r.id))
          .run()
        importRows++
      }
      const invalid = db
        .select({
          id: reservationImportRows.id,
          reason: reservationImportRows.reason,
          reasonMessages: reservationImportRows.reasonMessages,
        })
        .from(reservationImportRows)
        .innerJoin(reservationImports, eq(reservationImports.id, reservationImportRows.importId))
        .where(
          and(
            eq(reservationImportRows.state, 'invalid'),
            lt(reservationImports.createdAt, cutoff),
            or(...INVALID_REASON_UNSCRUBBED_GLOB.map((g) => sql`${reservationImportRows.reason} glob ${g}`)),
          ),
        )
        .all()
      for (const r of invalid) {
        db.update(reservationImportRows)
          .set({
            reason: scrubInvalidReason(r.reason ?? ''),
            reasonMessages: r.reasonMessages && scrubReasonMessages(r.reasonMessages),
          })
          .where(eq(reservationImportRows.id, r.id))
          .run()
        importRows++
      }
      return { importRows, previewsDiscarded: stale.length }
    })
  }

  async function run(now: Date): Promise<GuestDataPurgeResult> {
    const cutoff = retentionCutoff(now, deps.retentionDays())
    const at = now.toISOString()
    const result: GuestDataPurgeResult = {
      reservations: 0,
      attempts: 0,
      importRows: 0,
      previewsDiscarded: 0,
      keptUnsent: 0,
    }
    for (;;) {
      if (closed) return result
      const batch = reservationBatch(cutoff, at)
      result.reservations += batch.ids.length
      result.attempts += batch.attempts
      if (batch.ids.length) events.emit('reservations.changed', { ids: batch.ids })
      if (batch.ids.length < batchSize) break
      await pause()
    }
    result.attempts += await laterAttempts()
    if (closed) return result
    Object.assign(result, importRowsPass(cutoff))
    result.keptUnsent =
      db
        .select({ n: sql<number>`count(*)` })
        .from(reservations)
        .where(and(lt(reservations.checkOut, cutoff), isNull(reservations.guestDataPurgedAt)))
        .get()?.n ?? 0
    if (result.reservations || result.attempts || result.importRows || result.previewsDiscarded) {
      // The old page images (names and all) are still in the WAL until it is checkpointed and emptied.
      deps.sqlite.pragma('wal_checkpoint(TRUNCATE)')
      logger.info("guests' personal data removed", { cutoff, ...result })
    }
    if (result.keptUnsent) {
      logger.info("guests' personal data kept: reservations past the retention not in Sedna yet", {
        cutoff,
        count: result.keptUnsent,
      })
    }
    return result
  }

  return {
    purge(now = new Date()) {
      running ??= run(now).finally(() => (running = undefined))
      return running
    },
    async close() {
      closed = true
      await running?.catch(() => undefined)
    },
  }
}
