/**
 * Two desks of one agency (#14): two data folders, two command-line processes, one Sedna account on one
 * simulator. The same parsed e-mails reach both (a shared inbox), both import them and send.
 *  - One after the other: each stop sale and each reservation is in Sedna exactly once.
 *  - At the same moment, 20 rounds (two long-running app processes): the duplicates that remain are
 *    counted and printed. What is left is the window between a desk's look in Sedna and its phase 1
 *    landing (see the README, "Two desks").
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { ensureCliBuilt, forgetCliPassword, runCli } from '../support/cli'
import { migrationsFolder, projectRoot } from '../harness/server'
import { tempDataDir } from '../support/fixtures'

const SAMPLES = join(import.meta.dirname, '../../../shared/samples/parsed')
const USER = { username: 'acente', password: 'Iki-Masa-4410!', operatorId: 571 }
const ROUNDS = 20

let sim: Simulator
const files = tempDataDir('sedna-desks-files-')

interface Desk {
  name: string
  data: ReturnType<typeof tempDataDir>
  service: string
  cli(args: string[], input?: string): ReturnType<typeof runCli>
  rows(table: 'stop_sales' | 'reservations'): { id: number; status: string; recId: number | null }[]
}

function desk(name: string): Desk {
  const data = tempDataDir(`sedna-desk-${name}-`)
  // Each desk is its own machine: its own keychain entry too.
  const service = `Sedna Stop Sales desk ${name} ${randomUUID()}`
  return {
    name,
    data,
    service,
    cli: (args, input) =>
      runCli([...args, '--data-dir', data.dir], {
        env: { SEDNA_KEYCHAIN_SERVICE: service, SEDNA_PASSWORD: undefined, SEDNA_DATA_DIR: undefined },
        ...(input === undefined ? {} : { input }),
        timeoutMs: 90_000,
      }),
    rows(table) {
      const db = new Database(join(data.dir, 'sedna-stop-sales.sqlite'), { readonly: true })
      try {
        return db.prepare(`select id, status, sedna_rec_id as recId from ${table} order by id`).all() as never
      } finally {
        db.close()
      }
    },
  }
}

const desks = [desk('a'), desk('b')] as const
const [deskA, deskB] = desks

async function ok(run: ReturnType<typeof runCli>, codes = [0]) {
  const r = await run
  expect(codes, `${r.stdout}\n${r.stderr}`).toContain(r.code)
  return r
}

/** Stop sales in the simulator with the same scope more than once: how many extra copies. */
function duplicateStopSales(s: Simulator = sim): number {
  const scopes = new Map<string, number>()
  for (const r of s.stopSales()) {
    const c = r.children
    const key = JSON.stringify([
      r.HotelId,
      r.BeginDate,
      r.EndDate,
      r.StopType,
      [...c.rooms].sort(),
      [...c.boards].sort(),
      [...c.operators].sort(),
    ])
    scopes.set(key, (scopes.get(key) ?? 0) + 1)
  }
  return [...scopes.values()].reduce((n, k) => n + k - 1, 0)
}

/** Live reservations booked more than once for a voucher: how many extra bookings. */
function duplicateBookings(s: Simulator = sim): number {
  const vouchers = new Map<string, number>()
  for (const r of s.reservations().filter((x) => x.status === 'active')) {
    vouchers.set(r.voucher, (vouchers.get(r.voucher) ?? 0) + 1)
  }
  return [...vouchers.values()].reduce((n, k) => n + k - 1, 0)
}

/** A round's e-mails: three stop sales at Mandarin Resort on nights of their own, and one booking. */
function roundFiles(round: number): { stopSales: string; reservation: string } {
  const records = [0, 1, 2].map((i) => {
    const first = new Date(Date.UTC(2027, 0, 1 + round * 12 + i * 4))
    const last = new Date(first.getTime() + 2 * 86_400_000)
    return {
      message_id: `<race-${round}-${i}@mandarin.example>`,
      received_at: `2026-11-${String(1 + (round % 28)).padStart(2, '0')}T10:0${i}:00+03:00`,
      hotel_name: 'Mandarin Resort',
      date_from: first.toISOString().slice(0, 10),
      date_to: last.toISOString().slice(0, 10),
      room_types: ['STDSV'],
      board_types: ['AI'],
      is_close: i !== 2,
      reason: 'Doluluk',
    }
  })
  const stopSales = join(files.dir, `race-${round}.json`)
  writeFileSync(stopSales, JSON.stringify(records))
  const sample = JSON.parse(readFileSync(join(SAMPLES, 'reservation-row.sample.json'), 'utf8'))
  const reservation = join(files.dir, `race-${round}-res.json`)
  writeFileSync(
    reservation,
    JSON.stringify([
      {
        ...sample,
        voucher_no: `RACE${round}`,
        source_email_id: 9000 + round,
        hotel_name: 'Mandarin Resort',
        room_type: 'STDSV',
        board_type: 'AI',
        check_in: '2027-03-01',
        check_out: '2027-03-05',
      },
    ]),
  )
  return { stopSales, reservation }
}

/** A desk as a long-running process (test/support/desk-child.ts), asked one JSON line at a time. */
async function startDesk(name: string, simUrl: string) {
  const data = tempDataDir(`sedna-desk-${name}-`)
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'test/support/desk-child.ts')], {
    cwd: projectRoot,
    env: { ...process.env, DATA_DIR: data.dir, MIGRATIONS: migrationsFolder, SEDNA_URL: simUrl },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
  const next = async () => JSON.parse(((await lines.next()).value as string | undefined) ?? 'null')
  expect(await next()).toEqual({ ready: true })
  return {
    async ask(command: Record<string, unknown>): Promise<unknown> {
      child.stdin!.write(`${JSON.stringify(command)}\n`)
      const answer = await next()
      if (!answer?.ok) throw new Error(`desk ${name}: ${answer?.error ?? 'no answer'}`)
      return answer.value
    },
    async stop() {
      child.stdin!.end()
      await new Promise((done) => child.once('close', done))
      data.cleanup()
    },
  }
}

beforeAll(async () => {
  ensureCliBuilt()
  sim = await startSimulator({ users: [USER] })
  await Promise.all(
    desks.map(async (d) => {
      const url = `${sim.url}`
      await ok(
        d.cli(
          ['profile', 'set', '--url', url, '--username', USER.username, '--operator-code', '7star', '--allow-http'],
          `${USER.password}\n`,
        ),
      )
      await ok(d.cli(['refs', 'refresh']))
    }),
  )
}, 180_000)

afterAll(async () => {
  await sim?.close()
  for (const d of desks) {
    await forgetCliPassword(d.service, sim.url, USER.username)
    d.data.cleanup()
  }
  files.cleanup()
})

describe('two desks, one Sedna account', { timeout: 600_000 }, () => {
  it('the samples imported and mapped on both desks, synced one after the other: each is in Sedna once', async () => {
    for (const d of desks) {
      // The JSON sample names rooms Sedna does not know (mapped below), the reservation a hotel it does not know.
      await ok(d.cli(['import', join(SAMPLES, 'stop-sales.sample.json')]), [1])
      await ok(d.cli(['import', join(SAMPLES, 'stop-sales.sample.csv')]))
      await ok(d.cli(['reservations', 'import', join(SAMPLES, 'reservation-row.sample.json')]), [1])
      await ok(d.cli(['map', 'room', '1187', 'TRP', '9422']))
      await ok(d.cli(['map', 'room', '1021', 'STDLV', '8811']))
      await ok(d.cli(['map', 'hotel', 'Grand Paradise Resort', '1187']))
    }

    const first = (await ok(deskA.cli(['sync', '--all', '--json']))).json()
    expect(first).toMatchObject({ synced: 9, failed: 0, queued: 0, needsAttention: 0 })
    const writesAfterA = sim.requests().filter((r) => /UpdateStopSale|InsertReservation/i.test(r.path)).length
    const second = (await ok(deskB.cli(['sync', '--all', '--json']))).json()
    expect(second).toMatchObject({ synced: 9, failed: 0, queued: 0, needsAttention: 0 })

    // Desk B wrote nothing: it found every record and adopted it.
    expect(sim.requests().filter((r) => /UpdateStopSale|InsertReservation/i.test(r.path))).toHaveLength(writesAfterA)
    expect(sim.stopSales()).toHaveLength(8)
    expect(sim.reservations()).toHaveLength(1)
    expect(duplicateStopSales()).toBe(0)
    const recIds = (d: Desk, t: 'stop_sales' | 'reservations') =>
      d
        .rows(t)
        .map((r) => r.recId)
        .sort()
    expect(recIds(deskB, 'stop_sales')).toEqual(recIds(deskA, 'stop_sales'))
    expect(recIds(deskB, 'reservations')).toEqual(recIds(deskA, 'reservations'))
    expect(recIds(deskA, 'stop_sales').sort()).toEqual(
      sim
        .stopSales()
        .map((r) => r.RecId)
        .sort(),
    )
  })

  it(`synced at the same moment, ${ROUNDS} rounds: the duplicates that remain are counted`, async () => {
    // Two desks as long-running processes (an app each), so that both really press Sync at one moment.
    const raceSim = await startSimulator()
    const processes = await Promise.all(['c', 'd'].map((name) => startDesk(name, raceSim.url)))
    try {
      const perRound: number[] = []
      for (let round = 0; round < ROUNDS; round++) {
        const { stopSales, reservation } = roundFiles(round)
        await Promise.all(
          processes.map(async (d) => {
            await d.ask({ cmd: 'import', path: stopSales })
            await d.ask({ cmd: 'importReservations', path: reservation })
          }),
        )
        const before = duplicateStopSales(raceSim) + duplicateBookings(raceSim)
        // Both desks press "Sync all pending" at the same moment.
        const summaries = await Promise.all(processes.map((d) => d.ask({ cmd: 'sync' })))
        for (const s of summaries)
          expect(s, JSON.stringify(s)).toMatchObject({ synced: 4, failed: 0, queued: 0, needsAttention: 0 })
        perRound.push(duplicateStopSales(raceSim) + duplicateBookings(raceSim) - before)
      }
      const stopSaleDups = duplicateStopSales(raceSim)
      const bookingDups = duplicateBookings(raceSim)
      console.log(
        `two desks, ${ROUNDS} rounds at the same moment (3 stop sales and 1 booking each): ` +
          `${stopSaleDups} duplicate stop sales of ${ROUNDS * 3}, ${bookingDups} duplicate bookings of ${ROUNDS}` +
          ` (per round: ${perRound.join(' ')})`,
      )
      // Every local record is synced on both desks, each to a record that exists in Sedna.
      const inSedna = new Set(raceSim.stopSales().map((r) => r.RecId))
      for (const d of processes) {
        const rows = (await d.ask({ cmd: 'rows' })) as { stopSales: { status: string; recId: number }[] }
        expect(rows.stopSales).toHaveLength(ROUNDS * 3)
        for (const r of rows.stopSales) {
          expect(r.status).toBe('synced')
          expect(inSedna.has(r.recId)).toBe(true)
        }
      }
      // A booking is never made twice: both desks carry the same SourceId; the second is refused and adopted.
      expect(bookingDups).toBe(0)
      expect(raceSim.reservations().filter((r) => r.status === 'active')).toHaveLength(ROUNDS)
    } finally {
      await Promise.all(processes.map((d) => d.stop()))
      await raceSim.close()
    }
  })
})
