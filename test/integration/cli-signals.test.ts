/**
 * SIGINT / SIGTERM during `sync --all`, through the real launcher and the built CLI, against the
 * simulator over HTTP with every save slowed down. A first signal lets the stop sales in flight finish
 * (both phases) and starts nothing new; a second one ends the process at once — and whatever it left
 * half-sent goes to Sedna exactly once on the next run.
 */
import { randomUUID } from 'node:crypto'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeychainStore } from '../../src/main/credentials'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { ensureCliBuilt, launcher, runCli } from '../support/cli'
import { tempDataDir } from '../support/fixtures'

const PASSWORD = 'Sinyal-4821!'
const USER = { username: 'acente', password: PASSWORD, operatorId: 571 }
const KEYCHAIN_SERVICE = `Sedna Stop Sales signals test ${randomUUID()}`
const SAVE = 'Contract/UpdateStopSale'
const COUNT = 10

let sim: Simulator
const files = tempDataDir('sedna-signals-files-')
const dirs: Array<ReturnType<typeof tempDataDir>> = []
// SEDNA_PASSWORD: the account's password without a keychain (the keychain is tested elsewhere).
const env = { SEDNA_KEYCHAIN_SERVICE: KEYCHAIN_SERVICE, SEDNA_PASSWORD: PASSWORD, SEDNA_DATA_DIR: undefined }

function stopSalesFile(name: string): string {
  const records = Array.from({ length: COUNT }, (_, i) => ({
    message_id: `<${name}.${i}@signals.example>`,
    received_at: `2026-11-30T09:${String(10 + i)}:00+03:00`,
    hotel_name: 'Mandarin Resort',
    date_from: `2027-03-${String(1 + i * 2).padStart(2, '0')}`,
    date_to: `2027-03-${String(2 + i * 2).padStart(2, '0')}`,
    room_types: ['STDSV'],
    board_types: ['AI'],
    is_close: true,
    reason: 'Doluluk',
  }))
  const file = join(files.dir, `${name}.json`)
  writeFileSync(file, JSON.stringify(records))
  return file
}

/** A data folder with the account set up and COUNT stop sales imported, all pending. */
async function dayWithPending(name: string) {
  const data = tempDataDir(`sedna-signals-${name}-`)
  dirs.push(data)
  const cli = (args: string[]) => runCli([...args, '--data-dir', data.dir, '--json'], { env })
  const set = await cli([
    'profile',
    'set',
    '--url',
    sim.url,
    '--username',
    USER.username,
    '--operator-code',
    '7star',
    '--allow-http',
  ])
  expect(set.code, set.stderr).toBe(0)
  expect((await cli(['refs', 'refresh'])).code).toBe(0)
  const imported = await cli(['import', stopSalesFile(name)])
  expect(imported.code, imported.stderr).toBe(0)
  expect(imported.json()).toMatchObject({ imported: COUNT, needsAttention: 0 })
  return { dir: data.dir, cli }
}

function statuses(dir: string): Record<string, number> {
  const db = new Database(join(dir, 'sedna-stop-sales.sqlite'), { readonly: true })
  try {
    const rows = db.prepare('select status, count(*) as n from stop_sales group by status').all() as Array<{
      status: string
      n: number
    }>
    return Object.fromEntries(rows.map((r) => [r.status, r.n]))
  } finally {
    db.close()
  }
}

/** `sync --all` as a child; resolves at exit with its output. */
function startSync(dir: string) {
  const child = spawn(process.execPath, [launcher, 'sync', '--all', '--json', '--data-dir', dir], {
    env: { ...process.env, ...env, SEDNA_DATA_DIR: '' } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  )
  return { child, exited }
}

const saves = () => sim.requests().filter((r) => r.path.endsWith(`/${SAVE}`)).length

async function until(what: string, ok: () => boolean, ms = 20_000) {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

beforeAll(async () => {
  ensureCliBuilt()
  sim = await startSimulator({ users: [USER] })
}, 120_000)

afterAll(async () => {
  await sim?.close()
  try {
    await createKeychainStore({ service: KEYCHAIN_SERVICE }).delete({
      profileId: 1,
      baseUrl: sim.url,
      username: USER.username,
    })
  } catch {
    // nothing was stored, or no keychain here
  }
  for (const d of dirs) d.cleanup()
  files.cleanup()
})

describe('signals during sync --all', { timeout: 90_000 }, () => {
  it('a first SIGINT: the stop sales in flight finish both phases, nothing new starts, the rest stays queued', async () => {
    sim.reset()
    const day = await dayWithPending('sigint')
    sim.addFault({ path: SAVE, fault: { kind: 'latency', ms: 800 } })
    const run = startSync(day.dir)
    await until('the first save to reach Sedna', () => saves() > 0)
    run.child.kill('SIGINT')
    const { code, stdout, stderr } = await run.exited
    const summary = JSON.parse(stdout) as { synced: number; queued: number; failed: number }

    // Every stop sale that had started went through both phases; the others were never sent.
    const records = sim.stopSales()
    expect(summary.synced, stderr).toBeGreaterThan(0)
    expect(summary.synced).toBeLessThan(COUNT)
    expect(records).toHaveLength(summary.synced)
    expect(saves()).toBe(2 * summary.synced)
    for (const r of records) expect(r.children.rooms.length).toBeGreaterThan(0)
    expect(summary).toMatchObject({ failed: 0, queued: COUNT - summary.synced })
    expect(code).toBe(3) // some stay queued for the next run
    expect(statuses(day.dir)).toEqual({ synced: summary.synced, queued: COUNT - summary.synced })

    // The next run sends the rest, each once.
    sim.clearFaults()
    const again = await day.cli(['sync', '--all'])
    expect(again.code, again.stderr).toBe(0)
    expect(sim.stopSales()).toHaveLength(COUNT)
    expect(new Set(sim.stopSales().map((r) => r.RecId)).size).toBe(COUNT)
  })

  it('a second SIGTERM ends the run at once; what it left half-sent reaches Sedna exactly once next time', async () => {
    sim.reset()
    const day = await dayWithPending('sigterm')
    // The first save is applied in Sedna but its answer comes only after 60 s: the run is mid-call.
    sim.addFault({ path: SAVE, calls: [1], fault: { kind: 'late-answer', ms: 60_000 } })
    const later = Array.from({ length: 4 * COUNT }, (_, i) => i + 2)
    sim.addFault({ path: SAVE, calls: later, fault: { kind: 'latency', ms: 800 } })
    const run = startSync(day.dir)
    await until('Sedna to apply the first save', () => sim.stopSales().length > 0)
    run.child.kill('SIGTERM')
    // (A repeat within half a second is the same signal delivered twice, and ignored.)
    await new Promise((r) => setTimeout(r, 700))
    run.child.kill('SIGTERM')
    const { code } = await run.exited
    expect(code).toBe(143)
    // It did not wait for the answer still owed to it (Sedna has not sent it yet).
    const first = sim.requests().find((r) => r.path.endsWith(`/${SAVE}`))!
    expect(first.answeredAt).toBeUndefined()

    // Sedna has the record whose answer never arrived; locally it is not synced.
    const before = sim.stopSales().length
    expect(before).toBeGreaterThan(0)
    expect(statuses(day.dir).synced ?? 0).toBeLessThan(COUNT)

    sim.clearFaults()
    const again = await day.cli(['sync', '--all'])
    expect(again.code, again.stderr).toBe(0)
    expect(statuses(day.dir)).toEqual({ synced: COUNT })
    const records = sim.stopSales()
    expect(records).toHaveLength(COUNT)
    expect(new Set(records.map((r) => r.RecId)).size).toBe(COUNT)
  })
})
