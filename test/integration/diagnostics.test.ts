/**
 * The zip for support (issue #16, `diagnostics.export` and `diagnostics --to FILE`): what it holds —
 * versions, the database's integrity and counts, the end of the log — and what it must never hold: the
 * Sedna password (nor the username), a guest's name or passport number, an Authorization header's value.
 * A real migrated database, an account logged in to the simulator over real HTTP with its password in
 * the (test) credential store, reservations with guests sent to it, a real log file, the built CLI.
 * The log file also gets lines written straight to it, as an older version (or a bug) could have left
 * them, so the export's own scrub is what is tested, not only the logger's.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFileLogger, type Logger } from '../../src/main/log'
import { suggestedDiagnosticsName } from '../../src/main/services/diagnostics'
import { addSimAccount } from '../support/account'
import { ensureCliBuilt, runCli } from '../support/cli'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { tempDataDir } from '../support/fixtures'
import { mandarin } from '../support/sync-app'

const PASSWORD = 'Gizli-Parola-7731'
const USERNAME = 'acente-destek'
/** A token as an Authorization header would carry it (base64 of the login). */
const TOKEN = Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')
/** The guests' personal data, as imported and as Sedna writes it. */
const GUEST_DATA = ['Oleksandr', 'OLEKSANDR', 'Kovalenko', 'KOVALENKO', 'Iryna', 'IRYNA', 'FU022013']
const FORBIDDEN = [PASSWORD, encodeURIComponent(PASSWORD), USERNAME, TOKEN, ...GUEST_DATA]
const DIAGNOSTICS = ['about.json', 'database.json', 'log-tail.txt']

const guest = (voucher: string) => ({
  voucher_no: voucher,
  hotel_name: 'Mandarin Resort',
  check_in: '2027-04-01',
  check_out: '2027-04-08',
  room_type: 'STDSV',
  board_type: 'AI',
  adults: 2,
  children: 0,
  total_price: 980,
  currency: 'EUR',
  guests: [
    {
      title: 'Mr',
      first_name: 'Oleksandr',
      last_name: 'Kovalenko',
      birth_date: '1980-03-02',
      passport_no: 'FU022013',
      nationality: 'UA',
    },
    {
      title: 'Mrs',
      first_name: 'Iryna',
      last_name: 'Kovalenko',
      birth_date: null,
      passport_no: null,
      nationality: 'UA',
    },
  ],
  source_email_id: `mail-${voucher}`,
})

const logs = tempDataDir('sedna-diagnostics-log-')
const out = tempDataDir('sedna-diagnostics-out-')
let app: TestApp
let logger: Logger
let profileId: number

beforeAll(async () => {
  ensureCliBuilt()
  logger = createFileLogger(logs.dir)
  app = await startTestApp({ logger }, { users: [{ username: USERNAME, password: PASSWORD, operatorId: 571 }] })
  profileId = (await addSimAccount(app.ctx, app.sim.url, { username: USERNAME, password: PASSWORD })).id
  expect(await app.ctx.credentials.get({ profileId, baseUrl: app.sim.url, username: USERNAME })).toBe(PASSWORD)

  app.ctx.services.stopSales.add([mandarin(), mandarin({ firstNight: '2026-02-01', lastNight: '2026-02-03' })])
  const preview = await invoke(app.ctx, 'reservationImport.preview', {
    fileName: 'reservations.json',
    contentBase64: Buffer.from(JSON.stringify([guest('DIAG-1'), guest('DIAG-2')])).toString('base64'),
  })
  const [first] = (await invoke(app.ctx, 'reservationImport.commit', { importId: preview.importId })).ids as number[]
  // InsertReservation carries the password in its query string: the simulator saw it.
  await invoke(app.ctx, 'sync.reservations', { ids: [first!] })
  expect(app.sim.requests().some((r) => r.query.password === PASSWORD)).toBe(true)

  // Through the logger (which redacts by name) and straight into the file (which nothing redacted).
  logger.info('request sent', { url: `${app.sim.url}/api/Integratiion/AgencyLogin?username=x&password=${PASSWORD}` })
  logger.warn('guest check', { firstName: 'Oleksandr', passportNo: 'FU022013', note: 'for KOVALENKO IRYNA' })
  appendFileSync(
    logger.file!,
    [
      JSON.stringify({ level: 'info', message: 'raw', data: { headers: { Authorization: `Basic ${TOKEN}` } } }),
      `GET /api/x?username=${USERNAME}&password=${PASSWORD} Authorization: Basic ${TOKEN}`,
      JSON.stringify({ level: 'warn', message: 'raw guest', data: { text: 'Oleksandr Kovalenko FU022013' } }),
      JSON.stringify({ level: 'info', message: 'marker: nothing personal here' }),
      '',
    ].join('\n'),
  )
  // The secrets really are in the raw log, so finding none in the zip means something.
  const raw = readFileSync(logger.file!, 'utf8')
  for (const s of [PASSWORD, TOKEN, 'Oleksandr', 'FU022013', 'KOVALENKO']) expect(raw).toContain(s)
}, 120_000)

afterAll(async () => {
  await app?.close()
  logs.cleanup()
  out.cleanup()
})

const entriesOf = (file: string) =>
  Object.fromEntries(Object.entries(unzipSync(readFileSync(file))).map(([name, bytes]) => [name, strFromU8(bytes)]))

function expectNothingSecret(entries: Record<string, string>) {
  for (const [name, text] of Object.entries(entries)) {
    for (const s of FORBIDDEN) expect(text.includes(s), `${s} found in ${name}`).toBe(false)
    // The header's name may stay; its value never.
    const values = [...text.matchAll(/authorization"?:\s*"?([^\s",}]*)/gi)].map((m) => m[1])
    for (const value of values) expect(value, `an Authorization value in ${name}`).toBe('***')
  }
}

describe('diagnostics for support', () => {
  it('writes a zip with versions, the integrity check, counts, accounts without secrets and the scrubbed log tail', async () => {
    const file = join(out.dir, 'diagnostics.zip')
    const result = await invoke(app.ctx, 'diagnostics.export', { to: file })
    expect(result).toEqual({
      file,
      bytes: statSync(file).size,
      entries: ['about.json', 'database.json', 'log-tail.txt'],
    })
    const entries = entriesOf(file)
    expect(Object.keys(entries).sort()).toEqual(['about.json', 'database.json', 'log-tail.txt'])

    const about = JSON.parse(entries['about.json']!)
    expect(about).toMatchObject({
      version: 'test',
      runtime: { node: process.versions.node, platform: process.platform, arch: process.arch },
      dataDir: app.dataDir,
      databaseBytes: statSync(app.ctx.database.file).size,
      schema: { state: 'current' },
    })
    expect(about.schema.appliedMigrations).toBeGreaterThan(0)

    const database = JSON.parse(entries['database.json']!)
    expect(database).toMatchObject({
      integrity: 'ok',
      stopSales: { pending: 2 },
      reservations: { synced: 1, pending: 1 },
      queue: { waiting: 0 },
      accounts: [
        { account: profileId, kind: 'sedna', host: new URL(app.sim.url).host, operatorCode: '7STAR', active: true },
      ],
      mirror: [{ account: profileId, records: 0 }],
    })
    expect(Object.keys(database.accounts[0]).sort()).toEqual(['account', 'active', 'host', 'kind', 'operatorCode'])

    const tail = entries['log-tail.txt']!
    expect(tail).toContain('marker: nothing personal here')
    expect(tail).toContain('password=***')
    expect(tail).toContain('Authorization: ***')
    expect(tail).toContain('"Authorization":"***"')
    expectNothingSecret(entries)
  })

  it('never writes over an existing file, and wants a full path', async () => {
    const file = join(out.dir, 'taken.zip')
    await invoke(app.ctx, 'diagnostics.export', { to: file })
    const before = readFileSync(file)
    const again = await app.ctx.dispatch('diagnostics.export', { to: file })
    expect(again).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        code: 'diagnostics.exists',
        message: `${file} already exists: choose a new name. Nothing was written.`,
      },
    })
    expect(readFileSync(file).equals(before)).toBe(true)

    const relative = await app.ctx.dispatch('diagnostics.export', { to: 'diagnostics.zip' })
    expect(relative).toMatchObject({ ok: false, error: { code: 'diagnostics.notAbsolute' } })
    const noFolder = await app.ctx.dispatch('diagnostics.export', { to: join(out.dir, 'missing', 'd.zip') })
    expect(noFolder).toMatchObject({ ok: false, error: { code: 'diagnostics.noFolder' } })
    expect(existsSync(join(out.dir, 'missing'))).toBe(false)
  })

  it("diagnostics.save writes where main's save dialog answers, replaces a file chosen there, and is null when cancelled", async () => {
    const asked: string[] = []
    let answer: string | null = join(out.dir, 'saved.zip')
    const chooser = await startTestApp({ chooseSaveFile: async (name) => (asked.push(name), answer) })
    try {
      expect(await chooser.ctx.dispatch('app.info', {})).toMatchObject({ ok: true, value: { canSaveFiles: true } })
      const saved = await invoke(chooser.ctx, 'diagnostics.save', {})
      expect(saved).toEqual({ file: answer, bytes: statSync(answer).size, entries: DIAGNOSTICS })
      expect(Object.keys(entriesOf(answer)).sort()).toEqual(DIAGNOSTICS)
      // Local time, as staff read it on their clock.
      expect(asked).toHaveLength(1)
      expect(asked[0]).toMatch(/^sedna-diagnostics-\d{4}-\d{2}-\d{2}-\d{4}\.zip$/)
      expect(suggestedDiagnosticsName(new Date(2026, 2, 7, 9, 5))).toBe('sedna-diagnostics-2026-03-07-0905.zip')

      // The dialog asked before replacing an existing file: the new zip replaces it whole.
      writeFileSync(answer, 'an older file')
      const replaced = await invoke(chooser.ctx, 'diagnostics.save', {})
      expect(replaced).toMatchObject({ file: answer, bytes: statSync(answer).size })
      expect(Object.keys(entriesOf(answer)).sort()).toEqual(DIAGNOSTICS)
      expect(readdirSync(out.dir).filter((f) => f.endsWith('.tmp'))).toEqual([])

      answer = null
      expect(await chooser.ctx.dispatch('diagnostics.save', {})).toEqual({ ok: true, value: null })
      expect(asked).toHaveLength(3)

      answer = join(out.dir, 'missing', 'd.zip')
      expect(await chooser.ctx.dispatch('diagnostics.save', {})).toMatchObject({
        ok: false,
        error: { kind: 'validation', code: 'diagnostics.noFolder' },
      })
    } finally {
      await chooser.close()
    }
  })

  it('without a save dialog (command line, tests) diagnostics.save is "unavailable", worded', async () => {
    expect(await app.ctx.dispatch('app.info', {})).toMatchObject({ ok: true, value: { canSaveFiles: false } })
    expect(await app.ctx.dispatch('diagnostics.save', {})).toMatchObject({
      ok: false,
      error: {
        kind: 'unavailable',
        code: 'diagnostics.noChooser',
        message:
          'The save dialog is only available in the app window; on the command line use “sedna-stop-sales diagnostics --to FILE”.',
      },
    })
  })

  it('the command line writes the zip (exit 0) and prints { file, bytes, entries } with --json', async () => {
    // The CLI logs to the data folder: give it the same raw log, so its zip is checked as well.
    mkdirSync(join(app.dataDir, 'logs'), { recursive: true })
    cpSync(logger.file!, join(app.dataDir, 'logs', 'app.log'))
    const file = join(out.dir, 'from-cli.zip')
    const run = await runCli(['diagnostics', '--to', file, '--json', '--data-dir', app.dataDir], {
      env: { SEDNA_DATA_DIR: undefined },
    })
    expect(run.code, run.stderr).toBe(0)
    expect(run.json()).toEqual({
      file,
      bytes: statSync(file).size,
      entries: ['about.json', 'database.json', 'log-tail.txt'],
    })
    const entries = entriesOf(file)
    expect(JSON.parse(entries['database.json']!)).toMatchObject({ integrity: 'ok', reservations: { synced: 1 } })
    expect(entries['log-tail.txt']).toContain('marker: nothing personal here')
    expectNothingSecret(entries)

    const again = await runCli(['diagnostics', '--to', file, '--data-dir', app.dataDir], {
      env: { SEDNA_DATA_DIR: undefined },
    })
    expect(again.code).toBe(2)
    expect(again.stderr.trim()).toBe(
      `sedna-stop-sales: ${file} already exists: choose a new name. Nothing was written.`,
    )
  }, 60_000)
})
