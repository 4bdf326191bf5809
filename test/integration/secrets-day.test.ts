/**
 * A whole working day with each of the passwords that broke the old redaction: `1234` (the vendor's
 * own test password: replacing its text everywhere turned RecId 12345 into ***5), `p"w\\x` and `p"w\x`
 * (JSON-escaped, were not scrubbed at all), `çğüş€` (non-ASCII, URL-encoded on the wire) and `x`
 * (one letter). The day: profile set, a connection test, reference data, imports of both kinds, a sync
 * of both kinds with failures on the way (a 500, a reset, an expired session), the queue flushed, lists,
 * a cancel, a failing login — through the built command line (--json and text) and the app's own
 * dispatcher (what the window gets), with the real keychain, the real log, the real SQLite file.
 *
 * Then: every --json output is one valid document; every number is intact (RecIds and the operator id
 * contain "1234"); and the password appears in no output, IPC answer, log line, database
 * value or database file. A short password ("x", "1234") cannot be searched for as text (every "x" of
 * the log would match), so for those the search is for the password as a whole token or value;
 * longer ones are searched for anywhere, in every encoding they could take.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppContext } from '../../src/main/app-context'
import { createKeychainStore } from '../../src/main/credentials'
import { createFileLogger } from '../../src/main/log'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { migrationsFolder } from '../harness/server'
import { ensureCliBuilt, runCli, type CliRun } from '../support/cli'
import { tempDataDir } from '../support/fixtures'

const PASSWORDS = process.env.DAY_PASSWORD ? [process.env.DAY_PASSWORD] : ['1234', 'p"w\\\\x', 'p"w\\x', 'çğüş€', 'x']
const OPERATOR_ID = 571
const FIRST_REC_ID = 1_234_000

beforeAll(() => ensureCliBuilt(), 120_000)

/** The forms a password takes on its way: as typed, inside JSON, in a URL query. */
function forms(pw: string): string[] {
  return [
    ...new Set([
      pw,
      JSON.stringify(pw).slice(1, -1),
      encodeURIComponent(pw),
      new URLSearchParams({ p: pw }).toString().slice(2),
    ]),
  ]
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Where the password shows in `text`, if it does (see the header for short ones). */
function findLeak(text: string, pw: string): string | undefined {
  const distinctive = pw.length >= 4 && !/^[\p{L}\p{N}]+$/u.test(pw)
  for (const f of forms(pw)) {
    const at = distinctive
      ? text.indexOf(f)
      : (new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(f)}(?![\\p{L}\\p{N}])`, 'u').exec(text)?.index ?? -1)
    if (at >= 0) return JSON.stringify(text.slice(Math.max(0, at - 60), at + f.length + 60))
  }
  return undefined
}

function stopSalesFile(dir: string): string {
  const records = Array.from({ length: 6 }, (_, i) => ({
    message_id: `<day.${i}@secrets.example>`,
    received_at: `2026-11-30T09:1${i}:00+03:00`,
    hotel_name: 'Mandarin Resort',
    date_from: `2027-0${1 + i}-10`,
    date_to: `2027-0${1 + i}-12`,
    room_types: ['STDSV'],
    board_types: ['AI'],
    is_close: i !== 5,
    reason: 'Doluluk',
  }))
  const file = join(dir, 'stop-sales.json')
  writeFileSync(file, JSON.stringify(records))
  return file
}

function reservationsFile(dir: string): string {
  const rows = [1, 2].map((n) => ({
    voucher_no: `DAY-${n}`,
    hotel_name: 'Mandarin Resort',
    check_in: '2027-05-01',
    check_out: '2027-05-05',
    room_type: 'STDSV',
    board_type: 'AI',
    adults: 2,
    guests: [
      { title: 'Mr', first_name: 'Ali', last_name: 'Veli', nationality: 'TR', passport_no: `U1234${n}` },
      { title: 'Mrs', first_name: 'Ayşe', last_name: 'Veli', nationality: 'TR' },
    ],
    source_email_id: `day-${n}`,
  }))
  const file = join(dir, 'reservations.json')
  writeFileSync(file, JSON.stringify(rows))
  return file
}

/** Every text value of every table that holds the password (short ones: as a token). */
function databaseLeaks(file: string, pw: string): string[] {
  const db = new Database(file, { readonly: true })
  try {
    const found: string[] = []
    const tables = db.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[]
    for (const table of tables) {
      const columns = db.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]
      for (const column of columns) {
        const values = db
          .prepare(`select cast("${column}" as text) from "${table}" where instr(cast("${column}" as text), ?) > 0`)
          .pluck()
          .all(pw) as string[]
        for (const v of values) {
          const leak = findLeak(v, pw)
          if (leak) found.push(`${table}.${column}: ${leak}`)
        }
      }
    }
    return found
  } finally {
    db.close()
  }
}

describe.each(PASSWORDS)('a working day with the password %j', (PASSWORD) => {
  const USER = { username: 'acente', password: PASSWORD, operatorId: OPERATOR_ID }
  const service = `Sedna Stop Sales day test ${randomUUID()}`
  const data = tempDataDir('sedna-day-')
  const files = tempDataDir('sedna-day-files-')
  const outputs: { step: string; run: CliRun }[] = []
  const answers: unknown[] = []
  let sim: Simulator

  const env = { SEDNA_KEYCHAIN_SERVICE: service, SEDNA_PASSWORD: undefined, SEDNA_DATA_DIR: undefined }
  async function cli(step: string, args: string[], input?: string): Promise<CliRun> {
    const run = await runCli([...args, '--data-dir', data.dir], { env, ...(input !== undefined ? { input } : {}) })
    outputs.push({ step, run })
    return run
  }
  const json = async (step: string, args: string[], input?: string) => {
    const run = await cli(step, [...args, '--json'], input)
    return { run, doc: run.json() }
  }

  beforeAll(async () => {
    sim = await startSimulator({ users: [USER], firstRecId: FIRST_REC_ID })
  })
  afterAll(async () => {
    await sim?.close()
    try {
      await createKeychainStore({ service }).delete({ profileId: 1, baseUrl: sim.url, username: USER.username })
    } catch {
      // no keychain: nothing stored
    }
    data.cleanup()
    files.cleanup()
  })

  it('keeps JSON valid, numbers intact and the password out of every output, answer, log and file', async () => {
    const set = await json(
      'profile set',
      ['profile', 'set', '--url', sim.url, '--username', USER.username, '--operator-code', '7STAR', '--allow-http'],
      `${PASSWORD}\n`,
    )
    expect(set.run.code, set.run.stderr).toBe(0)
    expect(set.doc.passwordStorage).toBe('keychain')
    const tested = await json('profile test', ['profile', 'test'])
    expect(tested.doc.operatorId).toBe(OPERATOR_ID)
    expect((await json('refs refresh', ['refs', 'refresh'])).run.code).toBe(0)
    const imported = await json('import', ['import', stopSalesFile(files.dir)])
    expect(imported.doc.imported).toBe(6)
    const resImported = await json('reservations import', ['reservations', 'import', reservationsFile(files.dir)])
    expect(resImported.doc.imported).toBe(2)

    // Failures on the way: phase 1 answered 500 (unknown: looked up before sending again), the first
    // InsertReservation reset, every session expired (a 401, then a login again with the password).
    sim.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault: { kind: 'http-500' } })
    sim.addFault({ path: 'Integratiion/InsertReservation', calls: [1], fault: { kind: 'reset' } })
    sim.expireSessions()
    const first = await json('sync --all', ['sync', '--all', '--wait', '0'])
    expect([0, 3, 1]).toContain(first.run.code)
    const flushed = await json('queue --flush', ['queue', '--flush'])
    expect(flushed.run.code, JSON.stringify(flushed.doc, null, 1) + JSON.stringify(first.doc, null, 1)).toBe(0)
    expect((await json('reservations sync', ['reservations', 'sync', '--all'])).run.code).toBe(0)

    const list = await json('list', ['list'])
    const resList = await json('reservations list', ['reservations', 'list'])
    await json('queue', ['queue'])
    const text = await cli('list (text)', ['list'])
    expect(text.code).toBe(0)
    await cli('reservations list (text)', ['reservations', 'list'])
    const cancelled = await json('cancel', ['reservations', 'cancel', String(resList.doc.reservations[0].id), '--yes'])
    expect(cancelled.doc.status).toBe('cancelled')
    // A failing login: the error is printed.
    sim.addFault({ path: 'Integratiion/AgencyLogin', fault: { kind: 'http-500' } })
    sim.expireSessions()
    const failed = await json('profile test (failing)', ['profile', 'test'])
    expect(failed.run.code).not.toBe(0)
    sim.clearFaults()

    // Every number intact: the RecIds Sedna issued (each containing 1234) are the ones listed, in
    // JSON and in the text table.
    const recIds = sim
      .stopSales()
      .map((r) => r.RecId)
      .sort((a, b) => a - b)
    expect(recIds).toHaveLength(6)
    expect(recIds.every((id) => String(id).includes('1234'))).toBe(true)
    const listedIds = list.doc.stopSales.map((s: { recId: number }) => s.recId).sort((a: number, b: number) => a - b)
    expect(listedIds).toEqual(recIds)
    for (const id of recIds) expect(text.stdout).toMatch(new RegExp(`\\b${id}\\b`))
    expect(resList.doc.reservations.map((r: { recId: number }) => r.recId).sort()).toEqual(
      sim
        .reservations()
        .map((r) => r.RecId)
        .sort(),
    )

    // What the window gets: the same data folder through the app's dispatcher, with the real keychain.
    const ctx = await openAppContext({
      dataDir: data.dir,
      migrationsFolder,
      version: 'day',
      credentials: createKeychainStore({ service }),
    })
    Object.assign(ctx.logger, createFileLogger(data.dir))
    try {
      const ask = async (channel: string, input: unknown) => {
        const answer = await ctx.dispatch(channel, input)
        answers.push(answer)
        return answer
      }
      await ask('profiles.list', {})
      expect(await ask('profiles.testConnection', { id: 1 })).toMatchObject({
        ok: true,
        value: { operatorId: OPERATOR_ID },
      })
      await ask('stopSales.list', {})
      for (const s of list.doc.stopSales) {
        await ask('stopSales.detail', { id: s.id })
        await ask('stopSales.attempts', { id: s.id })
      }
      for (const r of resList.doc.reservations) {
        await ask('reservations.detail', { id: r.id })
        await ask('reservations.attempts', { id: r.id })
      }
      await ask('queue.list', {})
      await ask('sync.status', {})

      // Sedna's 404 quotes the request URI decoded — InsertReservation's carries the password. Its
      // answer is stored with the attempt: the password in it must be gone before that.
      const preview = await ask('reservationImport.preview', {
        fileName: 'late.json',
        contentBase64: Buffer.from(
          JSON.stringify([
            { ...JSON.parse(readFileSync(reservationsFile(files.dir), 'utf8'))[0], voucher_no: 'DAY-404' },
          ]),
        ).toString('base64'),
      })
      const committed = await ask('reservationImport.commit', { importId: (preview as any).value.importId })
      sim.addFault({ path: 'Integratiion/InsertReservation', fault: { kind: 'not-found' } })
      await ask('sync.reservations', { ids: (committed as any).value.ids })
      sim.clearFaults()
      const echoed = await ask('reservations.attempts', { id: (committed as any).value.ids[0] })
      expect(JSON.stringify(echoed)).toMatch(/matches the request URI[^"]*password=\*\*\*/)
    } finally {
      await ctx.close()
    }

    // The password did travel to Sedna — so finding it nowhere else means something.
    expect(sim.requests().some((r) => r.query.password === PASSWORD)).toBe(true)

    const leaks: string[] = []
    for (const { step, run } of outputs) {
      for (const [stream, textOut] of [
        ['stdout', run.stdout],
        ['stderr', run.stderr],
      ] as const) {
        const leak = findLeak(textOut, PASSWORD)
        if (leak) leaks.push(`${step} ${stream}: ${leak}`)
      }
    }
    for (const a of answers) {
      const leak = findLeak(JSON.stringify(a), PASSWORD)
      if (leak) leaks.push(`IPC answer: ${leak}`)
    }
    const logDir = join(data.dir, 'logs')
    const logs = readdirSync(logDir)
    expect(logs).toContain('app.log')
    for (const f of logs) {
      const lines = readFileSync(join(logDir, f), 'utf8').split('\n').filter(Boolean)
      expect(lines.length).toBeGreaterThan(5)
      for (const line of lines) {
        JSON.parse(line) // every log line stays valid JSON
        const leak = findLeak(line, PASSWORD)
        if (leak) leaks.push(`log ${f}: ${leak}`)
      }
    }
    leaks.push(...databaseLeaks(join(data.dir, 'sedna-stop-sales.sqlite'), PASSWORD))
    // Raw bytes of the database and its WAL: only a distinctive password can be searched for as bytes.
    if (PASSWORD.length >= 4 && !/^[\p{L}\p{N}]+$/u.test(PASSWORD)) {
      for (const f of readdirSync(data.dir).filter((n) => n.startsWith('sedna-stop-sales.sqlite'))) {
        const bytes = readFileSync(join(data.dir, f))
        for (const text of [bytes.toString('utf8'), bytes.toString('latin1')]) {
          const leak = findLeak(text, PASSWORD)
          if (leak) leaks.push(`file ${f}: ${leak}`)
        }
      }
    }
    expect(leaks).toEqual([])
  }, 180_000)
})
