import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DatabaseStartupError, openDatabase } from '../../src/main/db/database'
import { migrationsFolder, projectRoot } from '../harness/server'
import { tempDataDir } from '../support/fixtures'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))
function freshFile(): string {
  const t = tempDataDir()
  cleanups.push(t.cleanup)
  return join(t.dir, 'nested', 'app.sqlite')
}

beforeAll(() => {
  // Printed on purpose: proves which Node runs the suite and that better-sqlite3 loads in it.
  const probe = new Database(':memory:')
  const { v } = probe.prepare('select sqlite_version() as v').get() as { v: string }
  probe.close()
  console.log(`better-sqlite3 loaded under Node ${process.version} (ABI ${process.versions.modules}), SQLite ${v}`)
})

describe('database module', () => {
  it('runs on the Node major Electron 45 embeds (>= 22) with better-sqlite3 >= 13', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22)
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'node_modules/better-sqlite3/package.json'), 'utf8'))
    expect(Number(pkg.version.split('.')[0])).toBeGreaterThanOrEqual(13)
  })

  it('opens a new file (creating its folder) with WAL, foreign keys, busy timeout and synchronous=FULL', async () => {
    const file = freshFile()
    const d = await openDatabase(file, { migrationsFolder })
    try {
      expect(existsSync(file)).toBe(true)
      expect(d.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(d.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(d.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
      expect(d.sqlite.pragma('synchronous', { simple: true })).toBe(2) // FULL
    } finally {
      d.close()
    }
  })

  it('applies drizzle/ to a fresh database and yields the expected schema', async () => {
    const d = await openDatabase(freshFile(), { migrationsFolder })
    try {
      const tables = d.sqlite
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
        .pluck()
        .all()
      expect(tables).toEqual([
        '__drizzle_migrations',
        'app_settings',
        'code_mappings',
        'hotel_mappings',
        'import_rows',
        'imports',
        'nationality_mappings',
        'ref_boards',
        'ref_countries',
        'ref_hotels',
        'ref_refreshes',
        'ref_room_types',
        'reservation_attempts',
        'reservation_import_rows',
        'reservation_imports',
        'reservations',
        'sedna_profiles',
        'sedna_pulls',
        'sedna_stop_sales',
        'stop_sales',
        'sync_attempts',
      ])
      const columns = (t: string) =>
        (d.sqlite.pragma(`table_info(${t})`) as Array<{ name: string; notnull: number }>).map((c) => c.name)
      expect(columns('stop_sales')).toEqual(
        expect.arrayContaining([
          'id',
          'hotel_name',
          'hotel_id',
          'room_codes',
          'board_codes',
          'market_ids',
          'first_night',
          'last_night',
          'kind',
          'reason',
          'source_message_id',
          'source_received_at',
          'status',
          'sedna_rec_id',
          'last_error',
          'created_at',
          'updated_at',
        ]),
      )
      expect(columns('sync_attempts')).toEqual(
        expect.arrayContaining(['stop_sale_id', 'phase', 'outcome', 'http_status', 'request_body', 'response_body']),
      )
      const indexes = d.sqlite
        .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'stop_sales'")
        .pluck()
        .all()
      expect(indexes).toEqual(expect.arrayContaining(['stop_sales_status_idx', 'stop_sales_next_attempt_idx']))
      const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8'))
      const applied = d.sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get()
      expect(applied).toBe(journal.entries.length)

      // The constraints hold: nights ordered, kind known, attempts cascade with their stop sale.
      const insert = d.sqlite.prepare(
        "insert into stop_sales (hotel_name, first_night, last_night, kind) values ('H', ?, ?, ?)",
      )
      expect(() => insert.run('2025-06-20', '2025-06-10', 'close')).toThrow(/CHECK constraint failed/)
      expect(() => insert.run('2025-06-10', '2025-06-20', 'maybe')).toThrow(/CHECK constraint failed/)
      const id = insert.run('2025-06-10', '2025-06-20', 'open').lastInsertRowid
      d.sqlite.prepare("insert into sync_attempts (stop_sale_id, phase, outcome) values (?, 'phase1', 'ok')").run(id)
      expect(() =>
        d.sqlite.prepare("insert into sync_attempts (stop_sale_id, phase, outcome) values (999, 'phase1', 'ok')").run(),
      ).toThrow(/FOREIGN KEY/)
      d.sqlite.prepare('delete from stop_sales where id = ?').run(id)
      expect(d.sqlite.prepare('select count(*) from sync_attempts').pluck().get()).toBe(0)

      // No column anywhere could hold a password: the keychain is the only place for it.
      const allColumns = (tables as string[]).flatMap((t) => columns(t))
      expect(allColumns.filter((c) => /pass|secret|pwd/i.test(c))).toEqual([])
      // At most one active profile.
      const profile = d.sqlite.prepare(
        "insert into sedna_profiles (name, base_url, username, is_active) values (?, 'http://x', 'u', 1)",
      )
      profile.run('A')
      expect(() => profile.run('B')).toThrow(/UNIQUE constraint failed/)
    } finally {
      d.close()
    }
  })

  it('re-opening an up-to-date database applies nothing and keeps the data', async () => {
    const file = freshFile()
    const first = await openDatabase(file, { migrationsFolder })
    first.sqlite
      .prepare(
        "insert into stop_sales (hotel_name, first_night, last_night) values ('İstanbul Boğaz Palace', '2025-06-01', '2025-06-01')",
      )
      .run()
    first.close()
    const second = await openDatabase(file, { migrationsFolder })
    try {
      expect(second.sqlite.prepare('select hotel_name from stop_sales').pluck().get()).toBe('İstanbul Boğaz Palace')
    } finally {
      second.close()
    }
  })

  it('a failed migration stops start-up with a clear message and leaves the database as it was', async () => {
    const file = freshFile()
    ;(await openDatabase(file, { migrationsFolder })).close()
    // A later app version whose migration fails half-way must not leave a half-migrated file.
    const broken = join(tempDataDir().dir, 'drizzle')
    cpSync(migrationsFolder, broken, { recursive: true })
    const journalFile = join(broken, 'meta/_journal.json')
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'))
    journal.entries.push({
      idx: journal.entries.length,
      version: '6',
      when: Date.now() + 1000,
      tag: '9999_broken',
      breakpoints: true,
    })
    writeFileSync(journalFile, JSON.stringify(journal))
    writeFileSync(
      join(broken, '9999_broken.sql'),
      'CREATE TABLE half_done (id integer);\n--> statement-breakpoint\nALTER TABLE no_such_table ADD COLUMN x text;',
    )
    let error: unknown
    try {
      await openDatabase(file, { migrationsFolder: broken })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DatabaseStartupError)
    const message = (error as Error).message
    expect(message).toContain(file)
    expect(message).toMatch(/could not be upgraded/)
    expect(message).toMatch(/no such table: no_such_table/)
    const check = new Database(file, { readonly: true })
    try {
      const tables = check.prepare("select name from sqlite_master where type = 'table'").pluck().all()
      expect(tables).not.toContain('half_done')
    } finally {
      check.close()
    }
  })

  it('an unopenable file stops start-up with a clear message', async () => {
    const t = tempDataDir()
    cleanups.push(t.cleanup)
    mkdirSync(join(t.dir, 'is-a-folder.sqlite'))
    await expect(openDatabase(join(t.dir, 'is-a-folder.sqlite'), { migrationsFolder })).rejects.toThrow(
      /could not be opened .*Check that the folder is writable/,
    )
  })

  it('drizzle/ is exactly what drizzle-kit generates from the schema (no drift)', () => {
    const t = tempDataDir()
    cleanups.push(t.cleanup)
    const out = join(t.dir, 'drizzle')
    cpSync(migrationsFolder, out, { recursive: true })
    const before = readdirSync(out).sort()
    // drizzle-kit prefixes --out with "./" and exits 0 even on errors: give it a relative path and
    // read what it printed.
    const run = spawnSync(
      process.execPath,
      [
        join(projectRoot, 'node_modules/drizzle-kit/bin.cjs'),
        'generate',
        '--dialect',
        'sqlite',
        '--schema',
        './src/main/db/schema.ts',
        '--out',
        relative(projectRoot, out),
      ],
      { cwd: projectRoot, encoding: 'utf8' },
    )
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/No schema changes/)
    expect(readdirSync(out).sort()).toEqual(before)
    for (const f of before.filter((n) => n.endsWith('.sql'))) {
      expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(migrationsFolder, f), 'utf8'))
    }
  }, 60_000)
})
