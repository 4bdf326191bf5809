/**
 * When the database itself fails, staff are told what to do, and nothing is half-written: a full disk
 * (SQLite's max_page_count set on the app's own connection, just above what the file holds) and a
 * database locked by another process (a second connection holding BEGIN EXCLUSIVE, as another copy of
 * the app or the command line would while writing) — through the real dispatcher, as the window and
 * the command line call it; and the sync engine, when the database locks during an item's turn.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppContextOptions } from '../../src/main/app-context'
import { databaseFileIn } from '../../src/main/paths'
import { ensureCliBuilt, runCli } from '../support/cli'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { tempDataDir } from '../support/fixtures'
import { startSyncApp } from '../support/sync-app'

let app: TestApp
let other: Database.Database | undefined
afterEach(async () => {
  other?.close()
  other = undefined
  await app?.close()
})

const samples = join(import.meta.dirname, '../../../shared/samples/parsed')
const UNLIMITED = 4_294_967_294

/**
 * The parser's stop-sale sample, each record repeated for `copies` differently named hotels: the same
 * records, enough of them that storing them needs new pages of the database file.
 */
function sampleFile(copies: number) {
  const records = JSON.parse(readFileSync(join(samples, 'stop-sales.sample.json'), 'utf8')) as Record<string, unknown>[]
  const all = Array.from({ length: copies }, (_, i) =>
    records.map((r) => ({
      ...r,
      hotel_name: `${String(r.hotel_name)} ${i + 1}`,
      message_id: `<${i}.${String(r.message_id)}>`,
    })),
  ).flat()
  return { fileName: 'stop-sales.sample.json', contentBase64: Buffer.from(JSON.stringify(all)).toString('base64') }
}

const profileInput = (name = 'Acente') => ({
  name,
  baseUrl: 'https://sedna.example.com',
  username: 'acente',
  password: 'gizli',
  operatorCode: '7STAR',
})

const count = (table: string) =>
  (app.ctx.database.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n
const logLines = () => (app.ctx.logger as unknown as { lines: string[] }).lines

function expectDatabaseError(result: unknown, code: string, message: RegExp) {
  expect(result).toEqual({
    ok: false,
    error: { kind: 'unavailable', code, params: { dir: app.dataDir }, message: expect.stringMatching(message) },
  })
}

/** The disk is full from now on: the file may not grow by more than `extraPages` pages. */
function fillDisk(extraPages: number) {
  const sqlite = app.ctx.database.sqlite
  sqlite.pragma(`max_page_count = ${(sqlite.pragma('page_count', { simple: true }) as number) + extraPages}`)
}

describe('disk full', () => {
  it('an import commit fails with db.diskFull naming the data folder; nothing is stored; it commits once there is room', async () => {
    app = await startTestApp()
    const preview = await invoke(app.ctx, 'import.preview', sampleFile(150))
    expect(preview.willImport).toBe(750)
    const before = { stopSales: count('stop_sales'), importRows: count('import_rows') }

    fillDisk(2)
    const failed = await app.ctx.dispatch('import.commit', { importId: preview.importId })
    expectDatabaseError(failed, 'db.diskFull', /^The disk that holds the data folder .* is full\. Nothing was saved/)
    expect((failed as any).error.message).toContain(app.dataDir)
    expect({ stopSales: count('stop_sales'), importRows: count('import_rows') }).toEqual(before)
    const status = app.ctx.database.sqlite.prepare('select status from imports where id = ?').get(preview.importId)
    expect(status).toEqual({ status: 'preview' })
    // The log has SQLite's own words, not the rows it was writing.
    const logged = logLines().filter((l) => l.includes('import.commit failed'))
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(/db\.diskFull.*SQLITE_FULL/)
    expect(logged[0]).not.toContain('Mandarin')

    app.ctx.database.sqlite.pragma(`max_page_count = ${UNLIMITED}`)
    expect(await invoke(app.ctx, 'import.commit', { importId: preview.importId })).toMatchObject({ imported: 750 })
    expect(count('stop_sales')).toBe(750)
  })

  it('saving a new Sedna account fails with db.diskFull; no account and no password are stored; it saves once there is room', async () => {
    app = await startTestApp()
    // A new account's row would fit in the table's first page: fill that page first, with rows smaller
    // than an account's, until the next one needs a new page.
    fillDisk(0)
    const filler = app.ctx.database.sqlite.prepare(
      "insert into sedna_profiles (name, base_url, username) values ('f', 'https://f', 'f')",
    )
    expect(() => {
      for (let i = 0; i < 10_000; i++) filler.run()
    }).toThrow(/full/)
    const accounts = count('sedna_profiles')

    const failed = await app.ctx.dispatch('profiles.save', profileInput())
    expectDatabaseError(failed, 'db.diskFull', /is full\. Nothing was saved: free some space/)
    expect(count('sedna_profiles')).toBe(accounts)
    expect(
      await app.ctx.credentials.get({
        profileId: accounts + 1,
        baseUrl: 'https://sedna.example.com',
        username: 'acente',
      }),
    ).toBeUndefined()

    app.ctx.database.sqlite.pragma(`max_page_count = ${UNLIMITED}`)
    expect(await invoke(app.ctx, 'profiles.save', profileInput())).toMatchObject({ name: 'Acente' })
    expect(count('sedna_profiles')).toBe(accounts + 1)
  })
})

describe('database locked by another process', () => {
  const lock = () => {
    other = new Database(databaseFileIn(app.dataDir))
    other.exec('BEGIN EXCLUSIVE')
  }
  const unlock = () => {
    other!.exec('ROLLBACK')
    other!.close()
    other = undefined
  }

  it('saving an account waits the busy timeout, then says another copy is writing; the same call works once released', async () => {
    app = await startTestApp({ busyTimeoutMs: 200 })
    lock()
    const started = performance.now()
    const failed = await app.ctx.dispatch('profiles.save', profileInput())
    const waited = performance.now() - started
    expectDatabaseError(failed, 'db.busy', /another copy of the app or the command line .* is writing to it/)
    expect(waited).toBeGreaterThanOrEqual(190)
    expect(waited).toBeLessThan(4_000) // not the default 5 s
    expect(count('sedna_profiles')).toBe(0)

    unlock()
    expect(await invoke(app.ctx, 'profiles.save', profileInput())).toMatchObject({ name: 'Acente', isActive: true })
  })

  it('an import commit fails with db.busy and stores nothing; the same commit works once released', async () => {
    app = await startTestApp({ busyTimeoutMs: 200 })
    const preview = await invoke(app.ctx, 'import.preview', sampleFile(1))
    lock()
    expectDatabaseError(await app.ctx.dispatch('import.commit', { importId: preview.importId }), 'db.busy', /busy/)
    expect(count('stop_sales')).toBe(0)
    unlock()
    expect(await invoke(app.ctx, 'import.commit', { importId: preview.importId })).toMatchObject({ imported: 5 })
  })
})

describe('the command line', () => {
  it('says the same as the window when the database is locked (exit 1), after its 5 s busy timeout', async () => {
    ensureCliBuilt()
    const data = tempDataDir()
    try {
      const sample = join(samples, 'stop-sales.sample.json')
      expect((await runCli(['list', '--data-dir', data.dir])).code).toBe(0) // sets the data folder up
      other = new Database(databaseFileIn(data.dir))
      other.exec('BEGIN EXCLUSIVE')
      const locked = await runCli(['import', sample, '--data-dir', data.dir, '--json'])
      expect(locked.code).toBe(1)
      expect(locked.stderr).toMatch(/The database is busy: another copy of the app or the command line .* is writing/)
      expect(locked.json().error).toMatchObject({ kind: 'unavailable' })
      other.exec('ROLLBACK')
      expect((await runCli(['import', sample, '--data-dir', data.dir, '--json'])).json()).toMatchObject({ imported: 5 })
    } finally {
      other?.close()
      other = undefined
      data.cleanup()
    }
  }, 60_000)
})

describe('the sync engine when the database fails during an item’s turn', () => {
  it('stops, logs once, never loses the reservation; once the database answers it is found in Sedna, not sent twice', async () => {
    let locked = false
    const options: Partial<AppContextOptions> = {
      busyTimeoutMs: 200,
      sync: {
        databaseRetryMs: 300,
        // Right after the send was marked, another process locks the database: the request still goes
        // out, and storing what Sedna answered fails.
        checkpoint: (name) => {
          if (name !== 'reservation-before-send' || locked) return
          locked = true
          other = new Database(databaseFileIn(app.dataDir))
          other.exec('BEGIN EXCLUSIVE')
        },
      },
    }
    app = await startSyncApp(options)
    const row = (id: number) =>
      app.ctx.database.sqlite.prepare('select * from reservations where id = ?').get(id) as Record<string, any>
    const file = {
      fileName: 'r.json',
      contentBase64: Buffer.from(
        JSON.stringify({
          voucher_no: 'LOCK1',
          hotel_name: 'Mandarin Resort',
          check_in: '2027-07-10',
          check_out: '2027-07-17',
          room_type: 'STDSV',
          board_type: 'AI',
          adults: 2,
          guests: [{ title: 'Mr', first_name: 'Ali', last_name: 'Yılmaz' }],
        }),
      ).toString('base64'),
    }
    const preview = await invoke(app.ctx, 'reservationImport.preview', file)
    const [id] = (await invoke(app.ctx, 'reservationImport.commit', { importId: preview.importId })).ids

    await invoke(app.ctx, 'sync.reservations', { ids: [id] })
    expect(app.sim.reservations()).toHaveLength(1) // Sedna booked it; the app could not store that
    expect(row(id)).toMatchObject({ status: 'sending', sedna_rec_id: null })
    await new Promise((resolve) => setTimeout(resolve, 1_000)) // paused: no spinning meanwhile
    other!.exec('ROLLBACK')

    // Once the database answers, the claim is given back (with a word for staff), never left held.
    const deadline = Date.now() + 5_000
    while (row(id).claimed_by !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(row(id)).toMatchObject({
      status: 'sending',
      claimed_by: null,
      last_error: expect.stringMatching(/database could not be written.*tried again/),
    })
    const paused = logLines().filter((l) => l.includes('sync paused'))
    expect(paused).toHaveLength(1)
    expect(paused[0]).toMatch(/db\.busy.*SQLITE_BUSY/)
    expect(logLines().filter((l) => /crashed|sync loop failed/.test(l))).toEqual([])

    // Sync again: looked up in Sedna (the send may have landed), adopted, not sent a second time.
    expect(await invoke(app.ctx, 'sync.reservations', { ids: [id] })).toMatchObject({ reservations: { synced: 1 } })
    expect(row(id)).toMatchObject({ status: 'synced', sedna_rec_id: app.sim.reservations()[0]!.RecId })
    expect(app.sim.requests().filter((r) => /InsertReservation$/i.test(r.path))).toHaveLength(1)
    expect(logLines().filter((l) => l.includes('sync: the database answers again'))).toHaveLength(1)
  })
})
