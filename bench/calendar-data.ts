/**
 * The calendar benchmark's data set (#15 Performance), reusable by the render half: a real SQLite file
 * migrated from drizzle/ in a temp folder, opened as the app opens it, holding one Sedna account, a hotel
 * with 40 room types and 6 boards in the reference cache, and 2,000 notices over a year at that hotel —
 * 1,500 of Sedna's records in the mirror and 500 of this desk's (waiting ones resolved by name and codes
 * as the sync would, synced ones linked to mirror records, some mid-send with a stored resolution, some
 * whose room code is unknown) — close and open mixed, random rooms, boards and nights. Seeded: the same
 * data every run.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openAppContext, type AppContext } from '../src/main/app-context'
import { createMemoryStore } from '../src/main/credentials'
import { createMemoryLogger } from '../src/main/log'
import { normalizeHotelName } from '../src/main/reference/hotel-matching'

export interface CalendarData {
  ctx: AppContext
  profileId: number
  hotelId: number
  /** The first night of the year the notices cover (YYYY-MM-DD). */
  from: string
  /** `from` plus `nights - 1` days. */
  to(nights: number): string
  close(): Promise<void>
}

export interface CalendarDataOptions {
  roomTypes?: number
  sednaRecords?: number
  localRecords?: number
  year?: number
}

/** mulberry32: a small seeded generator, so every run measures the same data. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

export async function buildCalendarData(opts: CalendarDataOptions = {}): Promise<CalendarData> {
  const roomTypes = opts.roomTypes ?? 40
  const sednaRecords = opts.sednaRecords ?? 1_500
  const localRecords = opts.localRecords ?? 500
  const from = `${opts.year ?? 2027}-01-01`
  const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-calendar-'))
  const ctx = await openAppContext({
    dataDir: dir,
    migrationsFolder: join(import.meta.dirname, '../drizzle'),
    version: 'bench',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
  })
  const sql = ctx.database.sqlite
  const rnd = random(15)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  const some = <T>(xs: readonly T[], max: number) => {
    const n = 1 + Math.floor(rnd() * max)
    return [...new Set(Array.from({ length: n }, () => pick(xs)))]
  }
  const hotelId = 500
  const hotelName = 'Kemer Işıklar Grand Resort'
  const rooms = Array.from({ length: roomTypes }, (_, i) => ({ id: 7000 + i, code: `R${String(i).padStart(2, '0')}` }))
  const boards = ['AI', 'UAI', 'FB', 'HB', 'BB', 'RO'].map((code, i) => ({ id: i + 1, code }))
  const night = () => addDays(from, Math.floor(rnd() * 365))
  const declared = () =>
    `2026-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00`

  let profileId = 0
  sql.transaction(() => {
    profileId = Number(
      sql
        .prepare(
          `insert into sedna_profiles (kind, name, base_url, username, operator_id, operator_code, is_active)
           values ('sedna', 'Bench', 'https://sedna.example/SednaAgencyb2bApi', 'bench', 571, '7STAR', 1)`,
        )
        .run().lastInsertRowid,
    )
    const hotel = sql.prepare('insert into ref_hotels (profile_id, sedna_id, name, name_key) values (?, ?, ?, ?)')
    hotel.run(profileId, hotelId, hotelName, normalizeHotelName(hotelName))
    for (let i = 1; i <= 200; i++) hotel.run(profileId, i, `Otel ${i}`, normalizeHotelName(`Otel ${i}`))
    const room = sql.prepare(
      'insert into ref_room_types (profile_id, hotel_id, sedna_id, code, name) values (?, ?, ?, ?, ?)',
    )
    for (const r of rooms) room.run(profileId, hotelId, r.id, r.code, `Room ${r.code}`)
    const board = sql.prepare('insert into ref_boards (profile_id, sedna_id, code, name) values (?, ?, ?, ?)')
    for (const b of boards) board.run(profileId, b.id, b.code, b.code)

    const mirror = sql.prepare(
      `insert into sedna_stop_sales (profile_id, rec_id, hotel_id, begin_date, end_date, declare_date, stop_type, state,
         record_user, rooms, boards, pulled_at) values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    )
    const pulledAt = new Date().toISOString()
    for (let i = 0; i < sednaRecords; i++) {
      const first = night()
      mirror.run(
        profileId,
        900_000 + i,
        hotelId,
        first,
        addDays(first, Math.floor(rnd() * 21)),
        declared(),
        rnd() < 0.7 ? 0 : 1,
        pick(['Entegrasyon', 'Otel Resepsiyon', 'Satış']),
        JSON.stringify(rnd() < 0.1 ? [] : some(rooms, 5).map((r) => r.id)),
        JSON.stringify(rnd() < 0.3 ? [] : some(boards, 2).map((b) => b.id)),
        pulledAt,
      )
    }
    sql
      .prepare(
        `insert into sedna_pulls (profile_id, kind, started_at, finished_at, from_night, to_night, high_water)
         values (?, 'full', ?, ?, ?, ?, ?)`,
      )
      .run(profileId, pulledAt, pulledAt, from, addDays(from, 540), pulledAt)

    const local = sql.prepare(
      `insert into stop_sales (hotel_name, hotel_id, room_codes, board_codes, first_night, last_night, kind, status,
         sedna_rec_id, profile_id, declare_date, source_received_at, resolution, phase1_sent_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (let i = 0; i < localRecords; i++) {
      const first = night()
      const last = addDays(first, Math.floor(rnd() * 14))
      const kind = rnd() < 0.75 ? 'close' : 'open'
      const roomCodes = rnd() < 0.1 ? [] : some(rooms, 3).map((r) => r.code)
      const boardCodes = rnd() < 0.4 ? [] : some(boards, 2).map((b) => b.code)
      const share = i % 10
      if (share < 6) {
        // Waiting, not sent with any account yet: resolved by the hotel's name and the codes.
        const codes = share === 5 && i % 20 === 5 ? ['PENTHOUSE'] : roomCodes
        local.run(
          hotelName,
          null,
          JSON.stringify(codes),
          JSON.stringify(boardCodes),
          first,
          last,
          kind,
          pick(['pending', 'queued', 'needs_attention']),
          null,
          null,
          null,
          `${declared()}+03:00`,
          null,
          null,
        )
      } else if (share < 8) {
        // Synced: Sedna's copy is in the mirror (its record shown, linked to ours).
        local.run(
          hotelName,
          hotelId,
          JSON.stringify(roomCodes),
          JSON.stringify(boardCodes),
          first,
          last,
          kind,
          'synced',
          900_000 + i,
          profileId,
          declared(),
          null,
          null,
          null,
        )
      } else {
        // Mid-send: phase 1 out, the stored resolution is what goes.
        const ids = roomCodes.length ? rooms.filter((r) => roomCodes.includes(r.code)) : rooms
        const bs = boardCodes.length ? boards.filter((b) => boardCodes.includes(b.code)) : boards
        const resolution = {
          ok: true,
          hotelId,
          roomTypeIds: ids.map((r) => r.id),
          boardIds: bs.map((b) => b.id),
          roomRemarkCodes: ids.map((r) => r.code),
          boardRemarkCodes: bs.map((b) => b.code),
          allRooms: roomCodes.length === 0,
          allBoards: boardCodes.length === 0,
        }
        local.run(
          hotelName,
          hotelId,
          JSON.stringify(roomCodes),
          JSON.stringify(boardCodes),
          first,
          last,
          kind,
          pick(['creating', 'created', 'updating']),
          share === 8 ? 1_000_000 + i : null,
          profileId,
          declared(),
          null,
          JSON.stringify(resolution),
          pulledAt,
        )
      }
    }
  })()

  return {
    ctx,
    profileId,
    hotelId,
    from,
    to: (nights) => addDays(from, nights - 1),
    async close() {
      await ctx.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
