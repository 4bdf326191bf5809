/**
 * stop_sales.hotel_key: normalizeHotelName(hotel_name), the key the list filters and sorts hotels by.
 *
 * It is computed in JavaScript because SQLite cannot fold Turkish names (its lower() knows ASCII only:
 * no İ/ı, ş, ğ…, no noise words), so it is written with each row: by the stop-sales service's `add`
 * and by the import's commit (the key travels in the staged payload). Rows stored before the column
 * existed — or by an older app or command line, or by plain SQL — have none: a drizzle-kit migration
 * is SQL only and cannot call the folding function, so they are filled here instead, at start-up and
 * whenever the list needs keys. With nothing to fill it costs one index look-up.
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../db/database'
import { normalizeHotelName } from '../reference/hotel-matching'

/** The stored key of a hotel name ('' when the name has no letter or digit: it matches no search). */
export const hotelKeyOf = (hotelName: string): string => normalizeHotelName(hotelName)

/**
 * Fills hotel_key where it is missing, one UPDATE per distinct hotel name, in one transaction
 * (names repeat: a season's 100,000 stop sales come from a few hundred hotels). Returns the rows filled.
 */
export function fillMissingHotelKeys(db: Db): number {
  const missing = () =>
    db.get<{ one: number } | undefined>(sql`select 1 as one from stop_sales where hotel_key is null limit 1`)
  if (!missing()) return 0
  return db.transaction(
    (tx) => {
      const names = tx
        .all<{ name: string }>(sql`select distinct hotel_name as name from stop_sales where hotel_key is null`)
        .map((r) => r.name)
      let filled = 0
      for (const name of names) {
        filled += tx.run(
          sql`update stop_sales set hotel_key = ${hotelKeyOf(name)} where hotel_name = ${name} and hotel_key is null`,
        ).changes
      }
      return filled
    },
    { behavior: 'immediate' },
  )
}
