/** Reading and writing stop sales. Plain TypeScript over drizzle: runs in the app, the CLI and tests. */
import { and, asc, count, desc, eq, gte, inArray, lte, max, or, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import {
  isoDateSchema,
  stopSaleStatuses,
  type StopSale,
  type StopSaleSortColumn,
  type StopSaleStatus,
} from '../../shared/stop-sales'
import type { CallOutput, CallParsedInput } from '../../shared/ipc'
import type { Db } from '../db/database'
import { dedupeKey } from '../import/dedupe'
import { normalizeCode } from '../reference/hotel-matching'
import { stopSales, type NewStopSaleRow, type StopSaleRow } from '../db/schema'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'
import { fillMissingHotelKeys, hotelKeyOf } from './hotel-keys'

export type NewStopSale = Omit<
  NewStopSaleRow,
  'id' | 'createdAt' | 'updatedAt' | 'status' | 'sednaRecId' | 'hotelKey' | 'nights'
>

export type ListQuery = CallParsedInput<'stopSales.list'>

export interface StopSaleService {
  list(query: ListQuery): CallOutput<'stopSales.list'>
  get(id: number): StopSale
  add(records: readonly NewStopSale[]): number[]
  /** Fills hotel_key on rows stored without one (see hotel-keys.ts); returns how many. */
  fillMissingHotelKeys(): number
}

/**
 * Sort columns and their order. Each list ends with the id in the same direction, so that a page
 * is stable and SQLite can walk one index (every index ends in the rowid) instead of sorting.
 * createdAt is the insertion order: the id.
 */
const SORT_COLUMNS: Record<StopSaleSortColumn, SQLiteColumn[]> = {
  status: [stopSales.status],
  hotel: [stopSales.hotelKey],
  firstNight: [stopSales.firstNight, stopSales.lastNight],
  lastNight: [stopSales.lastNight],
  nights: [stopSales.nights],
  kind: [stopSales.kind],
  recId: [stopSales.sednaRecId],
  lastAttemptAt: [stopSales.lastAttemptAt],
  createdAt: [],
}

/** Free text: at most this many words are looked for (each one must match). */
const MAX_TEXT_TERMS = 8

export function createStopSaleService(db: Db, events: EventBus): StopSaleService {
  // Rows stored before hotel_key existed get theirs now (see hotel-keys.ts for why not in a migration).
  fillMissingHotelKeys(db)

  /** The SQL conditions of the list's filters other than status (none: an empty list). */
  function filterConditions(q: ListQuery): SQL[] {
    const conditions: SQL[] = []
    const hotel = q.hotel?.trim()
    if (hotel) {
      const key = hotelKeyOf(hotel)
      // A name without any letter or digit matches nothing (as in hotel matching).
      conditions.push(key ? sql`instr(${stopSales.hotelKey}, ${key}) > 0` : sql`0`)
    }
    if (q.from !== undefined || q.to !== undefined) conditions.push(...overlap(q.from, q.to))
    const terms = (q.text ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_TEXT_TERMS)
    for (const term of terms) conditions.push(textCondition(term))
    return conditions
  }

  /**
   * Nights overlapping [from, to]: first_night <= to and last_night >= from. The second half alone is
   * an open-ended range; bounded by the longest stop stored (first_night >= from - (longest - 1) days,
   * implied by the other two), it becomes a narrow range on the (first_night, last_night) index.
   */
  function overlap(from: string | undefined, to: string | undefined): SQL[] {
    const out: SQL[] = []
    if (to !== undefined) out.push(lte(stopSales.firstNight, to))
    if (from !== undefined) {
      out.push(gte(stopSales.lastNight, from))
      const longest =
        db
          .select({ n: max(stopSales.nights) })
          .from(stopSales)
          .get()?.n ?? 1
      out.push(gte(stopSales.firstNight, addDays(from, -(Math.max(1, longest) - 1))))
    }
    return out
  }

  /**
   * One word of the free text: in the hotel's key (Turkish-insensitive), a room or board code, the
   * reason (LIKE: ASCII letters case-insensitive, no allocation per row, unlike upper()), or the RecId.
   */
  function textCondition(term: string): SQL {
    const either: SQL[] = []
    const key = hotelKeyOf(term)
    if (key) either.push(sql`instr(${stopSales.hotelKey}, ${key}) > 0`)
    const code = likeContaining(normalizeCode(term))
    either.push(sql`${stopSales.roomCodes} like ${code} escape '\\'`)
    either.push(sql`${stopSales.boardCodes} like ${code} escape '\\'`)
    either.push(sql`${stopSales.reason} like ${likeContaining(term)} escape '\\'`)
    if (/^\d{1,15}$/.test(term)) either.push(eq(stopSales.sednaRecId, Number(term)))
    return or(...either)!
  }

  /** The page, the filter's total and the counts per status (inside one read transaction). */
  function page(q: ListQuery, sortColumn: StopSaleSortColumn, direction: 'asc' | 'desc'): CallOutput<'stopSales.list'> {
    const { statuses, limit, offset } = q
    const filters = filterConditions(q)
    const byStatus = statuses?.length ? inArray(stopSales.status, statuses) : undefined
    const where = and(byStatus, ...filters)
    const order = [...SORT_COLUMNS[sortColumn], stopSales.id].map((c) => (direction === 'asc' ? asc(c) : desc(c)))
    const rows = db
      .select()
      .from(stopSales)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset)
      .all()

    // Counts per status are over all rows (staff see the whole picture); one pass over the status index.
    const counts = db.select({ status: stopSales.status, n: count() }).from(stopSales).groupBy(stopSales.status).all()
    const countsByStatus = Object.fromEntries(stopSaleStatuses.map((s) => [s, 0])) as Record<StopSaleStatus, number>
    let total = 0
    for (const { status, n } of counts) {
      countsByStatus[status] = n
      if (!statuses?.length || statuses.includes(status)) total += n
    }
    // With other filters the total needs its own count (with statuses alone the counts above tell it),
    // unless this page is the last one: then it is known without another pass over the rows.
    if (filters.length) {
      total =
        rows.length < limit && (rows.length > 0 || offset === 0)
          ? offset + rows.length
          : (db.select({ n: count() }).from(stopSales).where(where).get()?.n ?? 0)
    }
    return { rows: rows.map(toStopSale), total, countsByStatus }
  }

  return {
    list(q) {
      const sortColumn = q.sort?.column ?? 'createdAt'
      const direction = q.sort?.direction ?? 'desc'
      if (q.hotel?.trim() || q.text?.trim() || sortColumn === 'hotel') fillMissingHotelKeys(db)
      // One read transaction: the page, the total and the counts come from the same snapshot even
      // while the sync engine or the command line writes.
      return db.transaction(() => page(q, sortColumn, direction))
    },

    fillMissingHotelKeys: () => fillMissingHotelKeys(db),

    get(id) {
      const row = db.select().from(stopSales).where(eq(stopSales.id, id)).get()
      if (!row) throw new AppFailure('not-found', `Stop sale #${id} does not exist (it may have been deleted).`)
      return toStopSale(row)
    },

    add(records) {
      if (records.length === 0) return []
      records.forEach((r, i) => {
        for (const night of [r.firstNight, r.lastNight]) {
          if (!isoDateSchema.safeParse(night).success) {
            throw new AppFailure('validation', `Stop sale ${i + 1}: "${night}" is not a real date (YYYY-MM-DD).`)
          }
        }
      })
      const ids = db.transaction((tx) =>
        records.map(
          (r) =>
            tx
              .insert(stopSales)
              .values({
                ...r,
                hotelKey: hotelKeyOf(r.hotelName),
                dedupeKey:
                  r.dedupeKey ??
                  dedupeKey({
                    ...r,
                    roomCodes: r.roomCodes ?? [],
                    boardCodes: r.boardCodes ?? [],
                    marketIds: r.marketIds ?? [],
                  }),
              })
              .returning({ id: stopSales.id })
              .get().id,
        ),
      )
      events.emit('stopSales.changed', { ids })
      return ids
    },
  }
}

export function toStopSale(row: StopSaleRow): StopSale {
  return {
    id: row.id,
    hotelName: row.hotelName,
    hotelId: row.hotelId,
    roomCodes: row.roomCodes,
    boardCodes: row.boardCodes,
    marketIds: row.marketIds,
    firstNight: row.firstNight,
    lastNight: row.lastNight,
    kind: row.kind,
    reason: row.reason,
    sourceMessageId: row.sourceMessageId,
    sourceReceivedAt: row.sourceReceivedAt,
    sourceSubject: row.sourceSubject,
    status: row.status,
    sednaRecId: row.sednaRecId,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** A LIKE pattern for "contains this text", escaped for `escape '\'`. */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`

/** YYYY-MM-DD plus (or minus) whole days, in UTC (no DST). */
function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
