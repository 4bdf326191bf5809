/**
 * Crash safety of the two-phase sync: a child process running the sync is killed with SIGKILL at
 * named points of the state machine, over randomised runs; after a restart the simulator must hold
 * exactly one correct record per stop sale, and no stop sale may be lost.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppContext } from '../../src/main/app-context'
import { createMemoryStore } from '../../src/main/credentials'
import { createMemoryLogger } from '../../src/main/log'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import type { CheckpointName } from '../../src/main/outbox/outcome'
import { migrationsFolder, projectRoot } from '../harness/server'
import { tempDataDir } from '../support/fixtures'
import { mandarin } from '../support/sync-app'
import { addSimAccount } from '../support/account'

const POINTS: CheckpointName[] = ['before-phase1', 'phase1-answered', 'recid-stored', 'phase2-sent', 'phase2-answered']
const RESERVATION_POINTS: CheckpointName[] = [
  'reservation-before-send',
  'reservation-send-answered',
  'reservation-recid-stored',
]
const RESERVATION_RUNS = Number(process.env.CRASH_RUNS ?? 6)
const RUNS = Number(process.env.CRASH_RUNS ?? 15)
const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000)

/** Small deterministic PRNG, so a failing run can be repeated with CRASH_SEED. */
function mulberry32(a: number) {
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ latencyMs: 2 })
  console.log(`crash test: ${RUNS} runs, CRASH_SEED=${seed}`)
})
afterAll(async () => {
  await sim.close()
})

function runChild(
  env: Record<string, string>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'test/support/sync-child.ts')], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve({ code, signal, out }))
  })
}

/** A fresh data folder's app, with a profile on the simulator and its reference data (the caller closes it). */
async function seedProfile(dataDir: string) {
  const setup = await openAppContext({
    dataDir,
    migrationsFolder,
    version: 'crash-setup',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
  })
  const { id: profileId } = await addSimAccount(setup, sim.url)
  return { setup, profileId }
}

/** Runs the sync in a child killed with SIGKILL at `point` (its `hit`-th time), then again to the end. */
async function crashThenRestart(dataDir: string, profileId: number, point: CheckpointName, hit: number, label: string) {
  const env = {
    DATA_DIR: dataDir,
    MIGRATIONS: migrationsFolder,
    PROFILE_ID: String(profileId),
    SEDNA_URL: sim.url,
    SEDNA_USERNAME: 'demo',
    SEDNA_PASSWORD: 'demo',
  }
  const crashed = await runChild({ ...env, CRASH_AT: point, CRASH_HIT: String(hit) })
  expect(crashed.signal, `${label}: the child was not killed\n${crashed.out}`).toBe('SIGKILL')
  const restarted = await runChild(env)
  expect(restarted.code, `${label}: restart failed\n${restarted.out}`).toBe(0)
}

/** Every local row is still there, in order, and synced. */
function expectAllSynced(local: { id: number; status: string }[], ids: number[], label: string) {
  expect(
    local.map((r) => r.id),
    label,
  ).toEqual(ids)
  expect(
    local.map((r) => r.status),
    `${label}: ${JSON.stringify(local)}`,
  ).toEqual(ids.map(() => 'synced'))
}

/** What the data folder holds after the restart. */
async function readBack<Row>(dataDir: string, query: string): Promise<Row[]> {
  const check = await openAppContext({
    dataDir,
    migrationsFolder,
    version: 'check',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
  })
  const rows = check.database.sqlite.prepare(query).all() as Row[]
  await check.close()
  return rows
}

describe('crash safety', () => {
  it(`SIGKILL at any step, ${RUNS} randomised runs: exactly one correct record per stop sale, none lost`, async () => {
    const random = mulberry32(seed)
    const killedAt = new Map<string, number>()
    for (let run = 0; run < RUNS; run++) {
      sim.reset()
      const data = tempDataDir()
      try {
        const count = 2 + Math.floor(random() * 5)
        const point = POINTS[run % POINTS.length]!
        const hit = 1 + Math.floor(random() * count)
        // Seed the data folder: a profile, the reference data, `count` pending stop sales.
        const { setup, profileId } = await seedProfile(data.dir)
        const ids = setup.services.stopSales.add(
          Array.from({ length: count }, (_, i) =>
            mandarin({
              firstNight: `2027-0${1 + (i % 9)}-1${run % 9}`,
              lastNight: `2027-0${1 + (i % 9)}-2${run % 9}`,
              sourceReceivedAt: `2026-10-${String(1 + (run % 28)).padStart(2, '0')}T0${i}:00:00+03:00`,
            }),
          ),
        )
        await setup.close()

        const label = `run ${run} (seed ${seed}): ${count} stop sales, kill at ${point} #${hit}`
        await crashThenRestart(data.dir, profileId, point, hit, label)
        killedAt.set(point, (killedAt.get(point) ?? 0) + 1)

        const local = await readBack<{ id: number; status: string; recId: number; lastError: string | null }>(
          data.dir,
          'select id, status, sedna_rec_id as recId, last_error as lastError from stop_sales order by id',
        )
        expectAllSynced(local, ids, label)
        const records = sim.stopSales()
        expect(records.length, `${label}: records in Sedna`).toBe(count)
        expect(records.map((r) => r.RecId).sort(), label).toEqual(local.map((r) => r.recId).sort())
        for (const r of records) {
          expect(r.children, `${label}: children of RecId ${r.RecId}`).toEqual({
            rooms: [63],
            operators: [571],
            boards: [1],
            markets: [10],
          })
        }
      } finally {
        data.cleanup()
      }
    }
    expect([...killedAt.keys()].sort()).toEqual([...POINTS].sort())
  }, 300_000)

  it(`reservations: SIGKILL around InsertReservation, ${RESERVATION_RUNS} randomised runs: exactly one reservation each in Sedna`, async () => {
    const random = mulberry32(seed + 1)
    const killedAt = new Map<string, number>()
    for (let run = 0; run < RESERVATION_RUNS; run++) {
      sim.reset()
      const data = tempDataDir()
      try {
        const count = 2 + Math.floor(random() * 4)
        const point = RESERVATION_POINTS[run % RESERVATION_POINTS.length]!
        const hit = 1 + Math.floor(random() * count)
        const { setup, profileId } = await seedProfile(data.dir)
        const records = Array.from({ length: count }, (_, i) => ({
          voucher_no: `CR-${run}-${i}`,
          hotel_name: 'Mandarin Resort',
          check_in: `2027-0${1 + (i % 9)}-10`,
          check_out: `2027-0${1 + (i % 9)}-17`,
          room_type: 'STDSV',
          board_type: 'AI',
          adults: 2,
          guests: [
            { title: 'Mr', first_name: 'Ivan', last_name: `Petrov${i}`, nationality: 'RU' },
            { title: 'Mrs', first_name: 'Olga', last_name: `Petrova${i}`, nationality: 'RU' },
          ],
          source_email_id: `crash-${run}`,
        }))
        const preview = await setup.dispatch('reservationImport.preview', {
          fileName: 'r.json',
          contentBase64: Buffer.from(JSON.stringify(records)).toString('base64'),
        })
        if (!preview.ok) throw new Error(preview.error.message)
        const committed = await setup.dispatch('reservationImport.commit', {
          importId: (preview.value as { importId: number }).importId,
        })
        if (!committed.ok) throw new Error(committed.error.message)
        const ids = (committed.value as { ids: number[] }).ids
        await setup.close()

        const label = `reservation run ${run} (seed ${seed}): ${count} reservations, kill at ${point} #${hit}`
        await crashThenRestart(data.dir, profileId, point, hit, label)
        killedAt.set(point, (killedAt.get(point) ?? 0) + 1)

        const local = await readBack<{ id: number; status: string; recId: number; sourceId: string }>(
          data.dir,
          'select id, status, sedna_rec_id as recId, source_id as sourceId from reservations order by id',
        )
        expectAllSynced(local, ids, label)
        const inSedna = sim.reservations()
        expect(inSedna.length, `${label}: reservations in Sedna`).toBe(count)
        expect(inSedna.map((r) => r.RecId).sort(), label).toEqual(local.map((r) => r.recId).sort())
        expect(inSedna.map((r) => r.SourceId).sort(), label).toEqual(local.map((r) => r.sourceId).sort())
      } finally {
        data.cleanup()
      }
    }
    expect([...killedAt.keys()].sort()).toEqual([...RESERVATION_POINTS].sort())
  }, 300_000)
})
