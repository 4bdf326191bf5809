/**
 * What start-up refuses and what it tightens, on real SQLite files migrated from drizzle/: a damaged
 * page (quick_check), a file that is not a database, a database written by a newer app version, and
 * the data folder's permissions (owner-only on Linux and macOS).
 */
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openAppContext, type AppContext } from '../../src/main/app-context'
import { createMemoryStore } from '../../src/main/credentials'
import { DatabaseStartupError } from '../../src/main/db/database'
import { readJournal } from '../../src/main/db/schema-version'
import { createMemoryLogger } from '../../src/main/log'
import { databaseFileIn } from '../../src/main/paths'
import { migrationsFolder } from '../harness/server'
import { damageTablePage, seedStopSales } from '../support/damage'
import { tempDataDir } from '../support/fixtures'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))
function dataDir(): string {
  const t = tempDataDir('sedna-startup-')
  cleanups.push(t.cleanup)
  return t.dir
}

const open = (dir: string, withFileLog = false) =>
  openAppContext({
    dataDir: dir,
    migrationsFolder,
    version: 'test',
    credentials: createMemoryStore(),
    ...(withFileLog ? {} : { logger: createMemoryLogger() }),
  })

async function refusal(dir: string): Promise<DatabaseStartupError> {
  let ctx: AppContext | undefined
  try {
    ctx = await open(dir)
  } catch (err) {
    expect(err).toBeInstanceOf(DatabaseStartupError)
    return err as DatabaseStartupError
  }
  await ctx.close()
  throw new Error('the app context opened')
}

/** A data folder with 2,000 stop sales and one backup of them. */
async function withDataAndBackup(dir: string): Promise<string> {
  const ctx = await open(dir)
  seedStopSales(ctx.database.sqlite, 2_000)
  const backup = await ctx.services.backups.create()
  await ctx.close()
  return backup.file
}

describe('start-up checks', () => {
  it('a damaged page stops start-up, naming the newest backup; the file is left as it was', async () => {
    const dir = dataDir()
    const backup = await withDataAndBackup(dir)
    const page = damageTablePage(databaseFileIn(dir))
    expect(page).toBeGreaterThan(1)
    const before = statSync(databaseFileIn(dir)).mtimeMs

    const err = await refusal(dir)
    expect(err.code).toBe('db.damaged')
    expect(err.message).toContain(databaseFileIn(dir))
    expect(err.message).toMatch(/is damaged \(SQLite found: .+\)/)
    expect(err.message).toContain(`sedna-stop-sales restore "${backup}" --yes`)
    expect(err.backup?.file).toBe(backup)
    expect(statSync(databaseFileIn(dir)).mtimeMs).toBe(before)
  })

  it('a file that is not a database stops start-up with a clear message', async () => {
    const dir = dataDir()
    const backup = await withDataAndBackup(dir)
    writeFileSync(databaseFileIn(dir), 'Rezervasyon listesi, 12.06.2025\n'.repeat(200))
    const err = await refusal(dir)
    expect(err.code).toBe('db.notDatabase')
    expect(err.message).toContain(`The file ${databaseFileIn(dir)} is not a SQLite database`)
    expect(err.message).toContain(backup)
  })

  it('a damaged file with no backup says so', async () => {
    const dir = dataDir()
    const ctx = await open(dir)
    seedStopSales(ctx.database.sqlite, 2_000)
    await ctx.close()
    damageTablePage(databaseFileIn(dir))
    const err = await refusal(dir)
    expect(err.code).toBe('db.damaged')
    expect(err.message).toMatch(/There is no backup in .*backups: move the file aside/)
    expect(err.backup).toBeUndefined()
  })

  it('a database from a newer version is refused, naming the newest backup this version can read', async () => {
    const dir = dataDir()
    const readable = await withDataAndBackup(dir)
    // The newer version's migration, as drizzle records it.
    const newest = readJournal(migrationsFolder).at(-1)!.when
    const raw = new Database(databaseFileIn(dir))
    raw
      .prepare("insert into __drizzle_migrations (hash, created_at) values ('from-a-newer-version', ?)")
      .run(newest + 1)
    raw.close()
    // The newer version's own daily backup is newer, but this version cannot read it.
    const newer = await (async () => {
      const direct = new Database(databaseFileIn(dir))
      const file = join(dir, 'backups', 'sedna-stop-sales_2099-01-01T00-00-00-000Z_daily.sqlite')
      await direct.backup(file)
      direct.close()
      return file
    })()
    expect(existsSync(newer)).toBe(true)

    const err = await refusal(dir)
    expect(err.code).toBe('db.newer')
    expect(err.message).toMatch(/was written by a newer version of Sedna Stop Sales/)
    expect(err.message).toMatch(/Install the newer version of the app/)
    expect(err.message).toContain(`restore "${readable}" --yes`)
    expect(err.message).not.toContain(newer)
  })

  it('a database of another program is refused', async () => {
    const dir = dataDir()
    const other = new Database(databaseFileIn(dir))
    other.exec('create table invoices (id integer primary key, total real); insert into invoices values (1, 9.5)')
    other.close()
    const err = await refusal(dir)
    expect(err.code).toBe('db.foreign')
    const check = new Database(databaseFileIn(dir), { readonly: true })
    expect(check.prepare('select count(*) from invoices').pluck().get()).toBe(1)
    check.close()
  })
})

describe.skipIf(process.platform === 'win32')('the data folder is private', () => {
  const mode = (path: string) => statSync(path).mode & 0o777

  it('a new data folder is 0700 and everything in it 0600: database, -wal, -shm, log, backups', async () => {
    const dir = join(dataDir(), 'new', 'Sedna Stop Sales')
    const ctx = await open(dir, true)
    try {
      ctx.logger.info('hello')
      const backup = await ctx.services.backups.create()
      const db = databaseFileIn(dir)
      expect(existsSync(`${db}-wal`) && existsSync(`${db}-shm`)).toBe(true)
      expect({
        dir: mode(dir),
        db: mode(db),
        wal: mode(`${db}-wal`),
        shm: mode(`${db}-shm`),
        logs: mode(join(dir, 'logs')),
        log: mode(join(dir, 'logs', 'app.log')),
        backups: mode(join(dir, 'backups')),
        backup: mode(backup.file),
      }).toEqual({
        dir: 0o700,
        db: 0o600,
        wal: 0o600,
        shm: 0o600,
        logs: 0o700,
        log: 0o600,
        backups: 0o700,
        backup: 0o600,
      })
    } finally {
      await ctx.close()
    }
  })

  it('an existing 0755 folder and a 0644 database, WAL and log from an older version are tightened', async () => {
    const dir = dataDir()
    await (await open(dir)).close()
    const db = databaseFileIn(dir)
    // An older version's files, as a default umask of 022 left them, with its -wal and -shm still there.
    const older = new Database(db)
    older
      .prepare(
        "insert into stop_sales (hotel_name, first_night, last_night) values ('Otel', '2025-06-01', '2025-06-02')",
      )
      .run()
    mkdirSync(join(dir, 'logs'))
    writeFileSync(join(dir, 'logs', 'app.log'), '{}\n')
    writeFileSync(join(dir, 'logs', 'app.log.1'), '{}\n')
    for (const f of [db, `${db}-wal`, `${db}-shm`, join(dir, 'logs', 'app.log'), join(dir, 'logs', 'app.log.1')]) {
      chmodSync(f, 0o644)
    }
    chmodSync(dir, 0o755)
    chmodSync(join(dir, 'logs'), 0o755)

    const ctx = await open(dir, true)
    try {
      expect({
        dir: mode(dir),
        db: mode(db),
        wal: mode(`${db}-wal`),
        shm: mode(`${db}-shm`),
        logs: mode(join(dir, 'logs')),
        log: mode(join(dir, 'logs', 'app.log')),
        rotated: mode(join(dir, 'logs', 'app.log.1')),
      }).toEqual({ dir: 0o700, db: 0o600, wal: 0o600, shm: 0o600, logs: 0o700, log: 0o600, rotated: 0o600 })
    } finally {
      await ctx.close()
      older.close()
    }
  })
})
