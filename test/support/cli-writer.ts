/**
 * Another process writing to the same SQLite file, as the app or a second command line does while a
 * sync runs: inserts pending stop sales and pending reservations one by one, in turns (each insert its
 * own transaction), for WRITE_MS.
 */
import { openDatabase } from '../../src/main/db/database'

const { DB_FILE, MIGRATIONS, WRITE_MS } = process.env
const database = await openDatabase(DB_FILE!, { migrationsFolder: MIGRATIONS! })
const insertStopSale = database.sqlite.prepare(
  "insert into stop_sales (hotel_name, hotel_key, first_night, last_night, status) values ('Mandarin Resort', 'mandarin', '2030-01-01', '2030-01-02', 'pending')",
)
const insertReservation = database.sqlite.prepare(
  `insert into reservations (source_id, voucher_no, hotel_name, hotel_key, check_in, check_out, room_code, board_code,
     adults, dedupe_key, content_hash, status)
   values (@key, @key, 'Mandarin Resort', 'mandarin', '2030-01-01', '2030-01-02', 'DBL', 'AI', 2, @key, 'x', 'pending')`,
)
console.log('ready')
const until = Date.now() + Number(WRITE_MS ?? 2000)
let stopSales = 0
let reservations = 0
while (Date.now() < until) {
  insertStopSale.run()
  stopSales++
  insertReservation.run({ key: `W${process.pid}-${reservations}` })
  reservations++
}
console.log(JSON.stringify({ stopSales, reservations }))
database.close()
