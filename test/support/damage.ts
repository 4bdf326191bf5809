/**
 * Real damage to real SQLite files, for the backup and start-up tests: stop sales to fill a table's
 * b-tree over several pages, and bytes overwritten inside one of its pages (never the file header).
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs'
import Database from 'better-sqlite3'

/** `count` stop sales straight into the table (as the list benchmark seeds them). */
export function seedStopSales(sqlite: Database.Database, count: number, hotel = 'Kemer Işıklar Resort'): void {
  const insert = sqlite.prepare(
    "insert into stop_sales (hotel_name, room_codes, first_night, last_night, kind, status) values (?, '[\"DBL\",\"SGL\"]', ?, ?, 'close', 'pending')",
  )
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const night = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
      insert.run(`${hotel} ${i}`, night, night)
    }
  })()
}

/**
 * Overwrites the first 256 bytes (page header and cell pointers) of one of `table`'s leaf pages. The
 * file must be closed by everyone else: its WAL is folded in first, so the damage is in the file itself.
 */
export function damageTablePage(file: string, table = 'stop_sales'): number {
  const db = new Database(file)
  let page: number
  let pageSize: number
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
    pageSize = db.pragma('page_size', { simple: true }) as number
    const leaf = db
      .prepare("select pageno from dbstat where name = ? and pagetype = 'leaf' order by pageno limit 1 offset 1")
      .pluck()
      .get(table) as number | undefined
    page = leaf ?? (db.prepare('select rootpage from sqlite_master where name = ?').pluck().get(table) as number)
  } finally {
    db.close()
  }
  if (existsSync(`${file}-wal`)) throw new Error(`${file}-wal is still there: close every connection first`)
  if (page < 2) throw new Error('refusing to damage the first page (it holds the file header)')
  const fd = openSync(file, 'r+')
  try {
    writeSync(fd, Buffer.alloc(256, 0xa5), 0, 256, (page - 1) * pageSize)
  } finally {
    closeSync(fd)
  }
  return page
}
