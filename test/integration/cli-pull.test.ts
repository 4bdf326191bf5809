/**
 * `pull` through the built CLI (its launcher, as child processes) on a temp data folder, against the
 * simulator over real HTTP behind a TCP proxy (so Sedna can go down): the first pull is full, an edit in
 * Sedna's screens comes with the next one, `--full` notices a deletion and says how far it is on stderr,
 * Sedna down exits 3 with the reason coded, bad usage exits 2. The steps share the data folder.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { ensureCliBuilt, forgetCliPassword, type Proxy, runCli, startProxy } from '../support/cli'
import { tempDataDir } from '../support/fixtures'

const PASSWORD = 'Ayna-Kule-4417'
const USER = { username: 'acente', password: PASSWORD, operatorId: 571 }
const KEYCHAIN_SERVICE = `Sedna Stop Sales cli-pull test ${randomUUID()}`

let sim: Simulator
let proxy: Proxy
const recIds: number[] = []
const data = tempDataDir('sedna-cli-pull-')
const env = { SEDNA_KEYCHAIN_SERVICE: KEYCHAIN_SERVICE, SEDNA_PASSWORD: PASSWORD, SEDNA_DATA_DIR: undefined, LANG: 'C' }
const cli = (...args: string[]) => runCli([...args, '--data-dir', data.dir], { env })
const url = () => `http://127.0.0.1:${proxy.port}/SednaAgencyb2bApi`
const outputs: string[] = []

/** This computer's day `offset` days from today (the pull window is counted in local days). */
function night(offset: number): string {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
}

beforeAll(async () => {
  ensureCliBuilt()
  sim = await startSimulator({ users: [USER] })
  proxy = await startProxy(sim.port)
  for (const [user, hotel, from, to] of [
    ['ayse', 18, 5, 8],
    ['mehmet', 28, 40, 40],
    ['ayse', 1187, 300, 310],
  ] as const) {
    const entry = { HotelId: hotel, BeginDate: night(from), EndDate: night(to), children: { operators: [571] } }
    recIds.push(sim.ui.enterStopSale(user, entry).RecId)
  }
}, 120_000)

afterAll(async () => {
  await proxy?.close()
  await sim?.close()
  await forgetCliPassword(KEYCHAIN_SERVICE, url(), USER.username)
  data.cleanup()
})

describe('sedna-stop-sales pull', { timeout: 60_000 }, () => {
  it('needs an account first (exit 2); takes no ids and no other options', async () => {
    const none = await cli('pull', '--json')
    expect(none.code).toBe(2)
    expect(none.json().error.message).toMatch(/no Sedna account is set up/)
    for (const args of [
      ['pull', '5'],
      ['pull', '--all'],
    ]) {
      const bad = await cli(...args)
      expect(bad.code, bad.stderr).toBe(2)
      expect(bad.stdout).toBe('')
    }
    const set = await cli('profile', 'set', '--url', url(), '--username', USER.username, '--allow-http', '--json')
    expect(set.code, set.stderr).toBe(0)
  })

  it('--json: the first pull is full and fills the mirror; counts, mark and time as one document', async () => {
    const run = await cli('pull', '--json')
    outputs.push(run.stdout, run.stderr)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toBe('')
    const out = run.json()
    expect(out).toMatchObject({
      kind: 'full',
      received: 3,
      changed: 3,
      gone: 0,
      records: 3,
      skipped: 0,
      highWater: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      tookMs: expect.any(Number),
      windowFrom: night(-30),
      sinceDay: null,
    })
    expect(out.requests).toBeGreaterThanOrEqual(7)
    const db = new Database(join(data.dir, 'sedna-stop-sales.sqlite'), { readonly: true })
    try {
      expect(
        db
          .prepare('select rec_id as recId, record_user as user, operators from sedna_stop_sales order by rec_id')
          .all(),
      ).toEqual([
        { recId: recIds[0], user: 'ayse', operators: '[571]' },
        { recId: recIds[1], user: 'mehmet', operators: '[571]' },
        { recId: recIds[2], user: 'ayse', operators: '[571]' },
      ])
    } finally {
      db.close()
    }
  })

  it('an edit in Sedna comes with the next pull (what changed since the mark); words for people', async () => {
    sim.ui.editStopSale(recIds[1]!, { EndDate: night(42) })
    const run = await cli('pull')
    outputs.push(run.stdout, run.stderr)
    expect(run.code, run.stderr).toBe(0)
    // One request: no progress to tell.
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(
      /^Read what changed in Sedna since \d{4}-\d{2}-\d{2}: 3 received, 1 new or changed; the app's copy holds 3 \(\d+\.\d s\)\.\n$/,
    )
  })

  it('--full notices a deletion and tells its progress on stderr; in Turkish with --lang tr', async () => {
    sim.ui.deleteStopSale(recIds[0]!)
    const run = await cli('pull', '--full', '--lang', 'tr')
    outputs.push(run.stdout, run.stderr)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(
      /^Sedna’daki \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2} geceleri için tüm stop sale’ler okundu: 2 kayıt geldi, 0 yeni ya da değişmiş, 1 Sedna’da silinmiş; uygulamadaki kopyada 2 kayıt var/,
    )
    const lines = run.stderr.trim().split('\n')
    expect(lines.length).toBeGreaterThanOrEqual(2)
    expect(lines.at(-1)).toMatch(/^Sedna’daki stop sale’ler okunuyor: (\d+) ayın \1 ayı tamam, şu ana kadar 2 kayıt\.$/)
    const json = await cli('pull', '--full', '--json')
    expect(json.stderr).toBe('')
    expect(json.json()).toMatchObject({ kind: 'full', received: 2, changed: 0, gone: 0, records: 2 })
  })

  it('Sedna down: exit 3, the reason coded; the mirror keeps what it had', async () => {
    await proxy.close()
    try {
      const down = await cli('pull', '--json')
      outputs.push(down.stdout, down.stderr)
      expect(down.code, down.stderr).toBe(3)
      expect(down.json()).toMatchObject({
        error: {
          kind: 'network',
          code: 'mirror.pullFailed',
          message: expect.stringMatching(/^Sedna's stop sales could not be read: /),
        },
        exitCode: 3,
      })
      expect(down.stderr).toMatch(
        /^sedna-stop-sales: Sedna's stop sales could not be read: .* What was read before is kept\.\n$/,
      )
    } finally {
      await proxy.open()
    }
    const db = new Database(join(data.dir, 'sedna-stop-sales.sqlite'), { readonly: true })
    try {
      expect(db.prepare('select count(*) from sedna_stop_sales where gone_at is null').pluck().get()).toBe(2)
      expect(db.prepare('select error_code from sedna_pulls order by id desc limit 1').pluck().get()).toMatch(
        /^sednaFailure\.connection/,
      )
    } finally {
      db.close()
    }
    const back = await cli('pull', '--json')
    expect(back.code, back.stderr).toBe(0)
    expect(back.json()).toMatchObject({ kind: 'changes', records: 2 })
    for (const output of outputs) expect(output).not.toContain(PASSWORD)
  })
})
