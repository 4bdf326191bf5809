/** Reading and writing stop sales. Plain TypeScript over drizzle: runs in the app, the CLI and tests. */
import { and, count, eq, gte, inArray, lte, max, or, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import {
  isoDateSchema,
  stopSaleStatuses,
  type StopSale,
  type StopSaleSortColumn,
  type StopSaleStatus,
} from '../../shared/stop-sales'
import type { CallOutput, CallParsedInput } from '../../shared/ipc'
import { message } from '../../shared/messages'
import { stopSaleActions } from '../../shared/record-actions'
import type { Db } from '../db/database'
import { dedupeKey } from './import/dedupe'
import { normalizeCode } from '../reference/hotel-matching'
import { stopSales, type NewStopSaleRow, type StopSaleRow } from '../db/schema'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'
import { fillMissingHotelKeys, hotelKeyOf } from './hotel-keys'
import { contains, countsByStatus, orderOf, sharedSortColumns, textTerms } from '../records/list-query'
import { storedMessage } from '../records/stored-message'

export type NewStopSale = Omit<
  NewStopSaleRow,
  'id' | 'createdAt' | 'updatedAt' | 'status' | 'sednaRecId' | 'hotelKey' | 'nights'
>

export type ListQuery = CallParsedInput<'stopSales.list'>
type CountsByStatus = Record<StopSaleStatus, number>
/** The hotel filter's condition, the rows it matches, and whether it looks them up by key. */
type HotelMatch = { condition: SQL; rows: number; byKey: boolean }

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
  ...sharedSortColumns(stopSales),
  firstNight: [stopSales.firstNight, stopSales.lastNight],
  lastNight: [stopSales.lastNight],
  kind: [stopSales.kind],
}

export function createStopSaleService(db: Db, events: EventBus): StopSaleService {
  // Rows stored before hotel_key existed get theirs now (see hotel-keys.ts for why not in a migration).
  fillMissingHotelKeys(db)

  /** The SQL conditions of the list's filters other than status (none: an empty list). */
  function filterConditions(q: ListQuery, allRows: number): { conditions: SQL[]; hotel?: HotelMatch } {
    const conditions: SQL[] = []
    let hotelMatch: HotelMatch | undefined
    const hotel = q.hotel?.trim()
    if (hotel) {
      hotelMatch = hotelCondition(hotel, q.offset + q.limit, allRows)
      conditions.push(hotelMatch.condition)
    }
    if (q.from !== undefined || q.to !== undefined) conditions.push(...overlap(q.from, q.to))
    for (const term of textTerms(q.text)) conditions.push(textCondition(term))
    return hotelMatch ? { conditions, hotel: hotelMatch } : { conditions }
  }

  /**
   * The hotel filter, and how many rows it matches. A substring cannot use an index, but the keys can
   * be read from the hotel-key index alone (narrow, no table rows): one pass finds the matching keys
   * with their row counts. Few matching rows: the page looks them up by key (an index search, then a
   * small sort) instead of walking the whole table for them. Many: walking the table in the sort's
   * order finds a page of them quickly, so the substring test stays. (With n matching rows out of N,
   * walking costs about (offset + limit) · N / n rows, looking up costs n.)
   */
  function hotelCondition(hotel: string, needed: number, allRows: number): HotelMatch {
    const key = hotelKeyOf(hotel)
    // A name without any letter or digit matches nothing (as in hotel matching).
    if (!key) return { condition: sql`0`, rows: 0, byKey: false }
    // One row back, not one per key: the count, and the keys (as a JSON array) only when few rows.
    const found = db.get<{ n: number | null; keys: string | null }>(sql`
      select sum(n) as n, case when sum(n) * sum(n) <= ${needed * allRows} then json_group_array(k) end as keys
      from (
        select ${stopSales.hotelKey} as k, count(*) as n from ${stopSales}
        where instr(${stopSales.hotelKey}, ${key}) > 0 group by ${stopSales.hotelKey}
      )`)
    const rows = found?.n ?? 0
    if (!rows) return { condition: sql`0`, rows, byKey: false }
    if (found!.keys !== null)
      return {
        condition: sql`${stopSales.hotelKey} in (select value from json_each(${found!.keys}))`,
        rows,
        byKey: true,
      }
    return { condition: sql`instr(${stopSales.hotelKey}, ${key}) > 0`, rows, byKey: false }
  }

  /**
   * Counts per status and filter totals are kept between calls while the table is unchanged: a
   * scroll through a filtered list asks for page after page with the same total, and the counts
   * change only when a row does. "Unchanged" is this connection's change counter (total_changes)
   * and SQLite's data_version, which moves when another connection (the command line) commits. Read
   * before the snapshot's first read, a marker can only be older than the data, never newer.
   */
  const cache = { marker: '', counts: undefined as CountsByStatus | undefined, totals: new Map<string, number>() }
  function checkCache() {
    const { marker } = db.get<{ marker: string }>(
      sql`select total_changes() || ':' || (select data_version from pragma_data_version) as marker`,
    )
    if (marker !== cache.marker) {
      cache.marker = marker
      cache.counts = undefined
      cache.totals.clear()
    }
  }
  function statusCounts(): CountsByStatus {
    // One pass over the status index.
    return (cache.counts ??= countsByStatus(db, stopSales, stopSales.status, stopSaleStatuses))
  }
  function filteredTotal(q: ListQuery, where: SQL | undefined): number {
    const key = JSON.stringify([q.statuses, q.hotel, q.from, q.to, q.text])
    let total = cache.totals.get(key)
    if (total === undefined) {
      total = db.select({ n: count() }).from(stopSales).where(where).get()?.n ?? 0
      if (cache.totals.size >= 32) cache.totals.delete(cache.totals.keys().next().value!)
      cache.totals.set(key, total)
    }
    return total
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
    either.push(contains(stopSales.roomCodes, normalizeCode(term)))
    either.push(contains(stopSales.boardCodes, normalizeCode(term)))
    either.push(contains(stopSales.reason, term))
    if (/^\d{1,15}$/.test(term)) either.push(eq(stopSales.sednaRecId, Number(term)))
    return or(...either)!
  }

  /** The page, the filter's total and the counts per status (inside one read transaction). */
  function page(q: ListQuery, sortColumn: StopSaleSortColumn, direction: 'asc' | 'desc'): CallOutput<'stopSales.list'> {
    const { statuses, limit, offset } = q
    checkCache()
    const counts = statusCounts()
    const allRows = stopSaleStatuses.reduce((sum, s) => sum + counts[s], 0)
    const { conditions: filters, hotel } = filterConditions(q, allRows)
    // Looking the hotel's rows up by key, the status must not lead: without statistics SQLite would take
    // the status index (a few values, so it guesses few rows) and walk a fifth of the table. `+status`
    // keeps that term out of index choice.
    const byStatus = !statuses?.length
      ? undefined
      : hotel?.byKey
        ? inArray(sql`+${stopSales.status}`, statuses)
        : inArray(stopSales.status, statuses)
    const where = and(byStatus, ...filters)
    const order = orderOf(SORT_COLUMNS[sortColumn], stopSales.id, direction)
    const rows = db
      .select()
      .from(stopSales)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset)
      .all()

    // With statuses alone the counts tell the total; with the hotel alone, its keys' counts do.
    let total = 0
    for (const s of stopSaleStatuses) if (!statuses?.length || statuses.includes(s)) total += counts[s]
    if (filters.length) {
      // Otherwise it needs its own count, unless this page is the last one: then it is known as is.
      total =
        rows.length < limit && (rows.length > 0 || offset === 0)
          ? offset + rows.length
          : filters.length === 1 && hotel && !statuses?.length
            ? hotel.rows
            : filteredTotal(q, where)
    }
    return { rows: rows.map((r) => toStopSale(r)), total, countsByStatus: { ...counts } }
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
      if (!row) throw AppFailure.coded('not-found', message('record.stopSaleNotFound', { id }))
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

/** `unresolved`: it lacks a mapping (by default, as stored when it was parked). */
export function toStopSale(row: StopSaleRow, unresolved = row.resolution?.ok === false): StopSale {
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
    lastError: storedMessage(row.lastErrorCode, row.lastErrorParams, row.lastError),
    lastAttemptAt: row.lastAttemptAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: stopSaleActions({ status: row.status, unresolved }),
    adopted: row.sednaFound ? { recordUser: row.sednaFound.recordUser, adoptedAt: row.sednaFound.adoptedAt } : null,
  }
}

/** YYYY-MM-DD plus (or minus) whole days, in UTC (no DST). */
function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
