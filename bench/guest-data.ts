/**
 * What removing guests' personal data costs: N sent reservations past the retention (two guests each,
 * with the InsertReservation request and a look-up answer stored, as the sync stores them) purged
 * through the real app context; the longest a batch holds the write lock (the app and the command line
 * wait that long at most); a second run (nothing to do); and what overwriting deleted content
 * (secure_delete, on for the app's connection) costs a reservation import commit, which deletes its
 * staged rows. Prints figures; exits 1 if the purge did not really happen.
 * Usage: npx tsx bench/guest-data.ts [-- --count N --import N]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { openAppContext, type AppContext } from '../src/main/app-context'
import { createMemoryStore } from '../src/main/credentials'
import { createMemoryLogger } from '../src/main/log'

const { values: flags } = parseArgs({
  options: { count: { type: 'string', default: '20000' }, import: { type: 'string', default: '500' } },
})
const count = Number(flags.count)
const importCount = Number(flags.import)
const migrationsFolder = join(import.meta.dirname, '..', 'drizzle')
const NOW = new Date('2027-01-01T00:00:00.000Z')

const guests = (i: number) => [
  {
    title: 'Mr',
    titleAsReceived: 'Mr',
    firstName: `Oleksandr${i}`,
    lastName: 'Kovalenko',
    birthDate: '1980-03-02',
    passportNo: `FU${String(i).padStart(6, '0')}`,
    nationality: 'UA',
  },
  {
    title: 'Mrs',
    titleAsReceived: 'Mrs',
    firstName: 'Iryna',
    lastName: 'Kovalenko',
    birthDate: null,
    passportNo: null,
    nationality: 'UA',
  },
]
const customers = (i: number) =>
  guests(i).map((g, n) => ({
    Title: g.title,
    FirstName: g.firstName.toUpperCase(),
    LastName: g.lastName.toUpperCase(),
    ...(g.birthDate ? { BirthDate: g.birthDate, Age: 45, PassNo: g.passportNo } : {}),
    Nationality: 'UKRAYNA',
    NationalityId: 79,
    SourceId: `R${i}-abc-${n + 1}`,
  }))

async function open(dir: string, secureDelete: boolean): Promise<AppContext> {
  const ctx = await openAppContext({
    dataDir: dir,
    migrationsFolder,
    version: 'bench',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
  })
  if (!secureDelete) ctx.database.sqlite.pragma('main.secure_delete = OFF')
  return ctx
}

function seed(ctx: AppContext) {
  const sqlite = ctx.database.sqlite
  const reservation = sqlite.prepare(
    `insert into reservations (source_id, voucher_no, hotel_name, hotel_key, check_in, check_out, room_code, board_code,
       adults, guests, dedupe_key, content_hash, status, sedna_rec_id)
     values (?, ?, 'Mandarin Resort', 'mandarin', '2026-03-01', '2026-03-08', 'STDSV', 'AI', 2, ?, ?, 'x', 'synced', ?)`,
  )
  const attempt = sqlite.prepare(
    `insert into reservation_attempts (reservation_id, phase, outcome, request_body, response_body) values (?, ?, 'ok', ?, ?)`,
  )
  sqlite.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const id = Number(
        reservation.run(`R${i}-abc`, `V${i}`, JSON.stringify(guests(i)), `V${i}|m`, 500000 + i).lastInsertRowid,
      )
      const room = { Voucher: `V${i}`, HotelId: 18, SourceId: `R${i}-abc`, Customers: customers(i) }
      attempt.run(
        id,
        'send',
        JSON.stringify([room]),
        JSON.stringify([{ ErrorType: 0, Message: null, RecId: 500000 + i }]),
      )
      attempt.run(
        id,
        'lookup',
        JSON.stringify({ VoucherNo: `V${i}` }),
        JSON.stringify([{ ...room, RecId: 500000 + i }]),
      )
    }
  })()
}

async function purgeFigures() {
  const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-guests-'))
  const ctx = await open(dir, true)
  try {
    seed(ctx)
    const batches: number[] = []
    let last = performance.now()
    ctx.events.subscribe((name) => {
      if (name !== 'reservations.changed') return
      const t = performance.now()
      batches.push(t - last)
      last = t
    })
    const t0 = performance.now()
    last = t0
    const first = await ctx.guestData.purge(NOW)
    const firstMs = performance.now() - t0
    const t1 = performance.now()
    const second = await ctx.guestData.purge(NOW)
    const secondMs = performance.now() - t1
    const left = ctx.database.sqlite
      .prepare(
        "select count(*) n from reservation_attempts where request_body like '%KOVALENKO%' or response_body like '%KOVALENKO%'",
      )
      .get() as { n: number }
    if (first.reservations !== count || second.reservations !== 0 || left.n !== 0) {
      console.error('the purge did not happen as it should', { first, second, left })
      process.exit(1)
    }
    console.log(`purge: ${count} reservations, ${first.attempts} stored requests/answers`)
    console.log(
      `  first run  ${firstMs.toFixed(0)} ms  (${((firstMs / count) * 1000).toFixed(0)} ms per 1,000 reservations)`,
    )
    console.log(`  longest batch (write lock held, ≤ ${batches.length} batches) ${Math.max(...batches).toFixed(1)} ms`)
    console.log(`  second run ${secondMs.toFixed(0)} ms (nothing to do)`)
  } finally {
    await ctx.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Preview + commit of `importCount` reservations; the commit deletes the staged rows it imported. */
async function importCommitMs(secureDelete: boolean, round: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-guests-'))
  const ctx = await open(dir, secureDelete)
  try {
    const records = Array.from({ length: importCount }, (_, i) => ({
      voucher_no: `IMP${round}-${i}`,
      hotel_name: 'Mandarin Resort',
      check_in: '2027-07-10',
      check_out: '2027-07-17',
      room_type: 'STDSV',
      board_type: 'AI',
      adults: 2,
      guests: guests(i).map((g) => ({
        title: g.title,
        first_name: g.firstName,
        last_name: g.lastName,
        birth_date: g.birthDate,
        passport_no: g.passportNo,
        nationality: g.nationality,
      })),
    }))
    const bytes = Buffer.from(JSON.stringify(records))
    const preview = await ctx.services.reservationImports.preview({ fileName: 'r.json', bytes })
    const t0 = performance.now()
    ctx.services.reservationImports.commit(preview.importId)
    return performance.now() - t0
  } finally {
    await ctx.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

await purgeFigures()
const on: number[] = []
const off: number[] = []
await importCommitMs(true, -1) // warm-up, not counted
for (let round = 0; round < 8; round++) {
  // Alternating which goes first, so warming up favours neither.
  for (const secure of round % 2 ? [true, false] : [false, true]) {
    ;(secure ? on : off).push(await importCommitMs(secure, round))
  }
}
console.log(`reservation import commit of ${importCount} (median of 8):`)
console.log(`  secure_delete off ${median(off).toFixed(1)} ms, on ${median(on).toFixed(1)} ms`)
