/**
 * Backups of the SQLite file with SQLite's online backup API (better-sqlite3's `db.backup`): a
 * page-by-page copy that stays consistent while this connection — or another process — keeps using
 * the database. A backup is written under a hidden temporary name, made self-contained (rollback
 * journal, no -wal beside it), opened read-only and checked with quick_check, and only then renamed
 * to its listed name: a half-written or unreadable copy is never listed.
 *
 * Kept: the newest 7 of the routine backups (daily and manual together) and, separately, the newest
 * 7 of those made before a migration or a restore — so a series of restores never pushes out the
 * daily history, nor the reverse. Files written elsewhere (`backup --to FILE`) are never touched.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { BACKUP_NAME_PATTERN, type Backup, type BackupKind } from '../../shared/backups'
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE, tighten } from '../private-files'
import { schemaState, type JournalEntry } from './schema-version'

export const BACKUPS_TO_KEEP = 7
export const backupsDirOf = (databaseFile: string) => join(dirname(databaseFile), 'backups')

/** Pages per step of the online copy (4 MiB at SQLite's default page size): the event loop runs between steps. */
const STEP_PAGES = 1024
const ALL_PAGES = 0x7fffffff
/** A copy that makes no progress this long (another program holds a lock) is abandoned. */
const STALL_MS = 60_000
/** Temporary files older than this are left-overs of a crash and are removed. */
const STALE_PARTIAL_MS = 60 * 60_000

/** The database is damaged or not a database at all (what quick_check or SQLite found). */
export class DamagedDatabase extends Error {
  constructor(
    readonly problem: 'damaged' | 'not-a-database',
    readonly detail: string,
  ) {
    super(`${problem === 'damaged' ? 'damaged' : 'not a database'}: ${detail}`)
    this.name = 'DamagedDatabase'
  }
}

/** An error that means the file itself is bad (as opposed to a full disk or a lock). */
export function damageOf(err: unknown): DamagedDatabase | undefined {
  if (err instanceof DamagedDatabase) return err
  const code = (err as { code?: unknown } | undefined)?.code
  if (typeof code !== 'string') return undefined
  if (code === 'SQLITE_NOTADB') return new DamagedDatabase('not-a-database', (err as Error).message)
  if (code.startsWith('SQLITE_CORRUPT')) return new DamagedDatabase('damaged', (err as Error).message)
  return undefined
}

/** PRAGMA quick_check: throws DamagedDatabase when SQLite finds a problem (or cannot read the file as a database). */
export function quickCheck(sqlite: Database.Database): void {
  let found: string[]
  try {
    found = (sqlite.pragma('quick_check(5)') as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]))
  } catch (err) {
    throw damageOf(err) ?? err
  }
  if (found[0] !== 'ok') {
    const detail = found.join('; ').replace(/\*\*\* in database \w+ \*\*\*/g, '')
    throw new DamagedDatabase('damaged', detail.replace(/\s+/g, ' ').trim())
  }
}

export function backupName(at: Date, reason: string): string {
  return `sedna-stop-sales_${at.toISOString().replace(/[:.]/g, '-')}_${reason}.sqlite`
}

/** A listed backup's details from its name and size; undefined for any other file. */
export function describeBackup(file: string): Backup | undefined {
  const m = BACKUP_NAME_PATTERN.exec(basename(file))
  if (!m) return undefined
  const st = statSync(file, { throwIfNoEntry: false })
  if (!st?.isFile() || st.size === 0) return undefined
  const reason = m[6]!
  const kind: BackupKind = reason.startsWith('before-migration') ? 'before-migration' : (reason as BackupKind)
  return {
    name: basename(file),
    file,
    createdAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`,
    kind,
    reason,
    bytes: st.size,
  }
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): Backup[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names
    .map((n) => describeBackup(join(dir, n)))
    .filter((b): b is Backup => b !== undefined)
    .sort((a, b) => (a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt < a.createdAt ? -1 : 1))
}

/** The newest backup this version can open: not damaged-looking, this app's, not from a newer version. */
export function newestReadableBackup(dir: string, journal: readonly JournalEntry[]): Backup | undefined {
  for (const backup of listBackups(dir)) {
    let db: Database.Database | undefined
    try {
      db = new Database(backup.file, { readonly: true, fileMustExist: true })
      const state = schemaState(db, journal).kind
      if (state === 'current' || state === 'older') return backup
    } catch {
      // unreadable: look further back
    } finally {
      db?.close()
    }
  }
  return undefined
}

/** "…/x.sqlite (made 01.06.2025 11:00, daily)" for messages. */
export function backupLabel(b: Backup): string {
  return `${b.file} (made ${formatLocal(b.createdAt)}, ${b.reason})`
}

export function formatLocal(iso: string): string {
  const d = new Date(iso)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/**
 * Copies `source` into a new file `target` (which must not exist), checked before it appears under
 * that name. Returns its size in bytes.
 */
export async function writeBackup(source: Database.Database, target: string): Promise<number> {
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}.partial`)
  removeFiles(partial)
  // Created owner-only before SQLite opens it: SQLite gives its journal the same mode.
  ensurePrivateFile(partial)
  try {
    await onlineCopy(source, partial)
    // The copy carries the source's WAL flag; a backup is one file on its own.
    const copy = new Database(partial, { fileMustExist: true })
    try {
      copy.pragma('journal_mode = DELETE')
    } finally {
      copy.close()
    }
    const check = new Database(partial, { readonly: true, fileMustExist: true })
    try {
      quickCheck(check)
    } finally {
      check.close()
    }
    if (existsSync(target)) throw Object.assign(new Error(`${target} already exists`), { code: 'EEXIST' })
    renameSync(partial, target)
    syncDir(dirname(target))
    return statSync(target).size
  } catch (err) {
    removeFiles(partial)
    throw err
  }
}

/** Backs `source` up into `dir` under a name with the time and the reason, then applies the retention. */
export async function backupInto(
  dir: string,
  source: Database.Database,
  reason: string,
  opts: { now?: Date; protect?: readonly string[] } = {},
): Promise<Backup> {
  ensurePrivateDir(dir)
  removeStalePartials(dir)
  let at = (opts.now ?? new Date()).getTime()
  while (existsSync(join(dir, backupName(new Date(at), reason)))) at++
  const file = join(dir, backupName(new Date(at), reason))
  await writeBackup(source, file)
  pruneBackups(dir, [file, ...(opts.protect ?? [])])
  return describeBackup(file)!
}

const POOLS: readonly (readonly BackupKind[])[] = [
  ['daily', 'manual'],
  ['before-migration', 'before-restore'],
]

/** Deletes all but the newest BACKUPS_TO_KEEP of each pool; never a file in `protect`. Returns the deleted names. */
export function pruneBackups(dir: string, protect: readonly string[] = []): string[] {
  const removed: string[] = []
  const all = listBackups(dir)
  for (const pool of POOLS) {
    for (const old of all.filter((b) => pool.includes(b.kind)).slice(BACKUPS_TO_KEEP)) {
      if (protect.includes(old.file)) continue
      rmSync(old.file, { force: true })
      removed.push(old.name)
    }
  }
  return removed
}

/**
 * A damaged database cannot be backed up (a backup must pass quick_check), but it is kept as it was,
 * byte for byte with its -wal, for whoever tries to recover it. Such copies are not listed or pruned.
 */
export function keepDamagedCopy(databaseFile: string, dir: string, now = new Date()): string {
  ensurePrivateDir(dir)
  const target = join(dir, backupName(now, 'damaged'))
  copyFileSync(databaseFile, target)
  tighten(target, PRIVATE_FILE_MODE)
  if (existsSync(`${databaseFile}-wal`)) {
    copyFileSync(`${databaseFile}-wal`, `${target}-wal`)
    tighten(`${target}-wal`, PRIVATE_FILE_MODE)
  }
  return target
}

/**
 * The online backup API, in steps so the event loop runs between them. When another process writes
 * during the copy SQLite starts it over; then it finishes in one step (consistent, no more restarts).
 */
export async function onlineCopy(source: Database.Database, target: string): Promise<void> {
  let lastRemaining = Infinity
  let restarted = false
  let progressAt = Date.now()
  await source.backup(target, {
    progress({ remainingPages }) {
      if (remainingPages > lastRemaining) restarted = true
      if (remainingPages < lastRemaining) progressAt = Date.now()
      lastRemaining = remainingPages
      if (Date.now() - progressAt > STALL_MS) {
        throw new Error(`no progress for ${STALL_MS / 1000} s: another program keeps the database locked`)
      }
      return restarted ? ALL_PAGES : STEP_PAGES
    },
  })
}

export function removeFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
}

function removeStalePartials(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!/^\..*\.partial(-journal|-wal|-shm)?$/.test(name)) continue
    const st = statSync(join(dir, name), { throwIfNoEntry: false })
    if (st && Date.now() - st.mtimeMs > STALE_PARTIAL_MS) rmSync(join(dir, name), { force: true })
  }
}

/** The rename itself survives a power cut only once the folder is on disk (POSIX). */
function syncDir(dir: string): void {
  if (process.platform === 'win32') return
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some file systems refuse fsync on a folder; the file itself was synced by SQLite.
  }
}
