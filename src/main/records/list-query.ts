/**
 * What both record lists (stop sales, reservations) build their queries from: the sort with its id
 * tie-break, the free text's words, LIKE patterns, the hotel-key filter and the counts per status.
 */
import { asc, count, desc, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from '../db/database'
import { normalizeHotelName } from '../reference/hotel-matching'

/** Free text: at most this many words are looked for (each one must match). */
const MAX_TEXT_TERMS = 8

/** The words of a free-text filter. */
export const textTerms = (text: string | undefined) =>
  (text ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_TEXT_TERMS)

/** A LIKE pattern for "contains this text", escaped for `escape '\'`. */
export const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`

/** `column like '%text%'`, escaped. */
export const contains = (column: SQLiteColumn, text: string): SQL =>
  sql`${column} like ${likeContaining(text)} escape '\\'`

/**
 * The sort: its columns, then the id in the same direction, so that a page is stable and SQLite can
 * walk one index (every index ends in the rowid) instead of sorting.
 */
export const orderOf = (columns: readonly SQLiteColumn[], id: SQLiteColumn, direction: 'asc' | 'desc') =>
  [...columns, id].map((c) => (direction === 'asc' ? asc(c) : desc(c)))

/** The sort columns both lists have (createdAt is the insertion order: the id alone). */
export const sharedSortColumns = (t: {
  status: SQLiteColumn
  hotelKey: SQLiteColumn
  nights: SQLiteColumn
  sednaRecId: SQLiteColumn
  lastAttemptAt: SQLiteColumn
}) => ({
  status: [t.status],
  hotel: [t.hotelKey],
  nights: [t.nights],
  recId: [t.sednaRecId],
  lastAttemptAt: [t.lastAttemptAt],
  createdAt: [],
})

/** Hotel names containing this text, Turkish-insensitive, by their stored keys (none for a text without letters). */
export function hotelKeyContains(hotelKey: SQLiteColumn, text: string): SQL {
  const key = normalizeHotelName(text)
  return key ? sql`instr(${hotelKey}, ${key}) > 0` : sql`0`
}

/** How many records of each status there are (over all rows: staff see the whole picture). */
export function countsByStatus<S extends string>(
  db: Db,
  table: SQLiteTable,
  status: SQLiteColumn,
  statuses: readonly S[],
): Record<S, number> {
  const byStatus = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<S, number>
  for (const r of db.select({ status, n: count() }).from(table).groupBy(status).all()) {
    byStatus[r.status as S] = r.n
  }
  return byStatus
}
