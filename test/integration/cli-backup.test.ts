/**
 * `backup` and `restore` through the built CLI (its launcher, as child processes) on a real data
 * folder: where a backup goes and what it prints, restore refused without --yes, restore while this
 * process holds the database open, a damaged database refused at start with one line naming the
 * newest backup — and restored from it.
 */
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppContext } from '../../src/main/app-context'
import { createMemoryStore } from '../../src/main/credentials'
import { listBackups } from '../../src/main/db/backup'
import { createMemoryLogger } from '../../src/main/log'
import { databaseFileIn } from '../../src/main/paths'
import { migrationsFolder } from '../harness/server'
import { ensureCliBuilt, runCli } from '../support/cli'
import { damageTablePage, seedStopSales } from '../support/damage'
import { tempDataDir } from '../support/fixtures'

const data = tempDataDir('sedna-cli-backup-')
const files = tempDataDir('sedna-cli-backup-files-')
const db = databaseFileIn(data.dir)
const backupsDir = join(data.dir, 'backups')
const cli = (...args: string[]) => runCli([...args, '--data-dir', data.dir], { env: { SEDNA_DATA_DIR: undefined } })
const count = (sqlite: Database.Database) => sqlite.prepare('select count(*) from stop_sales').pluck().get() as number

beforeAll(async () => {
  ensureCliBuilt()
  const ctx = await openAppContext({
    dataDir: data.dir,
    migrationsFolder,
    version: 'test',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
  })
  seedStopSales(ctx.database.sqlite, 1_000)
  await ctx.close()
}, 120_000)
afterAll(() => {
  data.cleanup()
  files.cleanup()
})

describe('sedna-stop-sales backup / restore', () => {
  it('backup prints where it wrote and the size; --json as { file, bytes, createdAt }', async () => {
    const plain = await cli('backup')
    expect(plain.stderr).toBe('')
    expect(plain.code).toBe(0)
    const [written] = listBackups(backupsDir)
    expect(plain.stdout.trim()).toBe(`Backed up to ${written!.file} (${(written!.bytes / 1024).toFixed(0)} KB).`)
    if (process.platform !== 'win32') expect(statSync(written!.file).mode & 0o777).toBe(0o600)

    const json = await cli('backup', '--json')
    expect(json.code).toBe(0)
    const doc = json.json()
    expect(Object.keys(doc).sort()).toEqual(['bytes', 'createdAt', 'file'])
    expect(doc.bytes).toBe(statSync(doc.file).size)
    expect(listBackups(backupsDir).map((b) => b.file)).toEqual([doc.file, written!.file])
  }, 60_000)

  it('backup --to writes a new file of your own, and never over an existing one', async () => {
    const target = join(files.dir, 'before-the-season.sqlite')
    const first = await cli('backup', '--to', target)
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`Backed up to ${target} (`)
    const copy = new Database(target, { readonly: true })
    expect(count(copy)).toBe(1_000)
    copy.close()

    const again = await cli('backup', '--to', target)
    expect(again.code).toBe(2)
    expect(again.stderr.trim()).toBe(
      `sedna-stop-sales: ${target} already exists: choose a new name. Nothing was written.`,
    )
  }, 60_000)

  it('restore without --yes changes nothing (exit 2)', async () => {
    const [newest] = listBackups(backupsDir)
    const before = statSync(db).mtimeMs
    const run = await cli('restore', newest!.file)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/add --yes to confirm \(nothing was changed\)/)
    expect(statSync(db).mtimeMs).toBe(before)
    expect(listBackups(backupsDir)).toHaveLength(2)
  }, 60_000)

  it('restore --yes while another connection has the database open: it sees the restored data', async () => {
    const [newest] = listBackups(backupsDir)
    const open = new Database(db)
    try {
      open.pragma('journal_mode = WAL')
      seedStopSales(open, 250, 'Mandarin Resort')
      expect(count(open)).toBe(1_250)
      const run = await cli('restore', newest!.file, '--yes', '--json')
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      const doc = run.json()
      expect(doc).toMatchObject({ database: db, restoredFrom: newest!.file, damagedCopy: null, migrated: false })
      expect(doc.backupOfCurrent).toMatchObject({ kind: 'before-restore' })
      // Same connection, no reopening: the restore went into the file it has open.
      expect(count(open)).toBe(1_000)
      const before = new Database(doc.backupOfCurrent.file, { readonly: true })
      expect(count(before)).toBe(1_250)
      before.close()
    } finally {
      open.close()
    }
  }, 60_000)

  it('a damaged database stops a command with one line naming the newest backup; restore by name brings it back', async () => {
    damageTablePage(db)
    const [newest] = listBackups(backupsDir)
    const refused = await cli('list')
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe('')
    const lines = refused.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^sedna-stop-sales: The database file .* is damaged \(SQLite found: /)
    expect(lines[0]).toContain(`sedna-stop-sales restore "${newest!.file}" --yes`)
    const json = await cli('list', '--json')
    expect(json.json()).toMatchObject({ error: { kind: 'unavailable', code: 'db.damaged' }, exitCode: 1 })

    const restored = await cli('restore', newest!.name, '--yes')
    expect(restored.stderr).toBe('')
    expect(restored.code).toBe(0)
    expect(restored.stdout).toContain(`Restored ${newest!.file} into ${db}.`)
    expect(restored.stdout).toMatch(/The damaged database was kept, as it was, in .*_damaged\.sqlite\./)
    expect(readdirSync(backupsDir).filter((n) => n.endsWith('_damaged.sqlite'))).toHaveLength(1)
    const list = await cli('list', '--json')
    expect(list.code).toBe(0)
    expect(list.json().total).toBe(1_250)
  }, 60_000)

  it('a file that is not a database, or a damaged backup, is refused and changes nothing (exit 2)', async () => {
    const text = join(files.dir, 'notes.sqlite')
    writeFileSync(text, 'Otel listesi\n'.repeat(100))
    const damaged = join(files.dir, 'damaged-copy.sqlite')
    cpSync(listBackups(backupsDir)[0]!.file, damaged)
    damageTablePage(damaged)
    const backups = listBackups(backupsDir).length
    const before = statSync(db).mtimeMs

    const notDb = await cli('restore', text, '--yes')
    expect(notDb.code).toBe(2)
    expect(notDb.stderr.trim()).toBe(
      `sedna-stop-sales: ${text} is not a database file. Nothing was restored and nothing was changed.`,
    )
    const bad = await cli('restore', damaged, '--yes', '--json')
    expect(bad.code).toBe(2)
    expect(bad.json()).toMatchObject({ error: { kind: 'validation', code: 'backup.damaged' }, exitCode: 2 })
    const missing = await cli('restore', join(files.dir, 'absent.sqlite'), '--yes')
    expect(missing.code).toBe(2)

    expect(statSync(db).mtimeMs).toBe(before)
    expect(listBackups(backupsDir)).toHaveLength(backups)
    expect(existsSync(`${text}-wal`)).toBe(false)
  }, 60_000)

  it('help lists both commands', async () => {
    const help = await runCli(['help'])
    expect(help.stdout).toContain('sedna-stop-sales backup [--to FILE]')
    expect(help.stdout).toContain('sedna-stop-sales restore FILE --yes')
  })
})
