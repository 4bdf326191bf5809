/**
 * The one place the SQLite file is opened. Pragmas: WAL (the app and the command line may share
 * the file), foreign keys on, a busy timeout instead of instant SQLITE_BUSY, and synchronous=FULL
 * because sync state (a Sedna RecId) must survive a power cut. Before anything else touches it:
 * the folder and file are made owner-only, `PRAGMA quick_check` looks for damage, a database from a
 * newer app version (or another program) is refused, and when migrations from `drizzle/` are to be
 * applied to existing data, a backup is taken first with the online backup API — hence async.
 */
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { Backup } from '../../shared/backups'
import type { MessageParams } from '../../shared/result'
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE, tighten } from '../private-files'
import {
  backupInto,
  backupLabel,
  backupsDirOf,
  damageOf,
  newestReadableBackup,
  quickCheck,
  type DamagedDatabase,
} from './backup'
import { migrationNumber, readJournal, schemaState, type JournalEntry } from './schema-version'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema>

export interface OpenDatabase {
  readonly file: string
  readonly sqlite: Database.Database
  readonly db: Db
  /** The backup taken before this start's migrations, when there were migrations to apply to existing data. */
  readonly migrationBackup: Backup | undefined
  close(): void
}

export const BUSY_TIMEOUT_MS = 5_000

/** Start-up cannot go on: the message says what happened and what to do. */
export class DatabaseStartupError extends Error {
  readonly code: string | undefined
  readonly params: MessageParams | undefined
  /** The newest backup this version can restore, when restoring one is the way out. */
  readonly backup: Backup | undefined

  constructor(
    message: string,
    options: { cause?: unknown; code?: string; params?: MessageParams; backup?: Backup | undefined } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'DatabaseStartupError'
    this.code = options.code
    this.params = options.params
    this.backup = options.backup
  }
}

export interface OpenDatabaseOptions {
  migrationsFolder: string
  /** PRAGMA quick_check before use (default true; off only to measure what it costs). */
  quickCheck?: boolean
  /** How long a write waits for another process's lock (default BUSY_TIMEOUT_MS; tests wait less). */
  busyTimeoutMs?: number
}

export async function openDatabase(file: string, opts: OpenDatabaseOptions): Promise<OpenDatabase> {
  const onDisk = file !== ':memory:'
  const journal = readJournal(opts.migrationsFolder)
  let sqlite: Database.Database
  try {
    if (onDisk) {
      ensurePrivateDir(dirname(file))
      // Owner-only before SQLite first opens it: SQLite gives -wal and -shm the main file's mode.
      ensurePrivateFile(file)
      tighten(`${file}-wal`, PRIVATE_FILE_MODE)
      tighten(`${file}-shm`, PRIVATE_FILE_MODE)
    }
    sqlite = new Database(file)
  } catch (cause) {
    throw openFailed(file, cause)
  }
  try {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`)
    sqlite.pragma('synchronous = FULL')
    if (onDisk && opts.quickCheck !== false) quickCheck(sqlite)
    const state = schemaState(sqlite, journal)
    if (state.kind === 'newer') throw newerVersion(file, state.unknown, journal)
    if (state.kind === 'foreign') {
      throw new DatabaseStartupError(
        `The file ${file} is a database of another program, not of Sedna Stop Sales. Nothing was changed. ` +
          'Start the app with the right data folder (--data-dir), or move the file aside to begin with an empty database.',
        { code: 'db.foreign', params: { file } },
      )
    }
    let migrationBackup: Backup | undefined
    if (state.kind === 'older' && onDisk) {
      migrationBackup = await backupBeforeMigration(sqlite, file, state.pending[0]!)
    }
    const db = drizzle(sqlite, { schema })
    try {
      migrate(db, { migrationsFolder: opts.migrationsFolder })
    } catch (cause) {
      throw new DatabaseStartupError(
        `The database ${file} could not be upgraded to this version of the app (${describe(cause)}). ` +
          'Nothing was changed. Install the matching app version, or move the file aside and restart to begin with an empty database.',
        { cause, code: 'db.upgradeFailed', params: { file, detail: describe(cause) } },
      )
    }
    return { file, sqlite, db, migrationBackup, close: () => sqlite.close() }
  } catch (err) {
    sqlite.close()
    if (err instanceof DatabaseStartupError) throw err
    const damage = damageOf(err)
    if (damage) throw damaged(file, damage, journal)
    throw openFailed(file, err)
  }
}

async function backupBeforeMigration(sqlite: Database.Database, file: string, first: JournalEntry): Promise<Backup> {
  const dir = backupsDirOf(file)
  try {
    return await backupInto(dir, sqlite, `before-migration-${migrationNumber(first)}`)
  } catch (cause) {
    throw new DatabaseStartupError(
      `Before upgrading the database ${file} to this version of the app, a backup could not be written to ${dir} ` +
        `(${describe(cause)}). Nothing was changed. Check that the disk is not full, then start the app again.`,
      { cause, code: 'db.backupFailed', params: { file, dir, detail: describe(cause) } },
    )
  }
}

function openFailed(file: string, cause: unknown): DatabaseStartupError {
  return new DatabaseStartupError(
    `The database file ${file} could not be opened (${describe(cause)}). ` +
      'Check that the folder is writable and not full, and that the file is not damaged.',
    { cause, code: 'db.openFailed', params: { file, detail: describe(cause) } },
  )
}

/** What to do about a damaged file: restore the newest backup this version can read, if there is one. */
function damaged(file: string, damage: DamagedDatabase, journal: readonly JournalEntry[]): DatabaseStartupError {
  const backup = newestReadableBackup(backupsDirOf(file), journal)
  const what =
    damage.problem === 'damaged'
      ? `The database file ${file} is damaged (SQLite found: ${damage.detail}).`
      : `The file ${file} is not a SQLite database (${damage.detail}).`
  return new DatabaseStartupError(`${what} The app stopped before changing anything. ${restoreAdvice(file, backup)}`, {
    cause: damage,
    code: damage.problem === 'damaged' ? 'db.damaged' : 'db.notDatabase',
    params: { file, detail: damage.detail, backup: backup?.file ?? '' },
    backup,
  })
}

function newerVersion(file: string, unknown: number, journal: readonly JournalEntry[]): DatabaseStartupError {
  const backup = newestReadableBackup(backupsDirOf(file), journal)
  return new DatabaseStartupError(
    `The database ${file} was written by a newer version of Sedna Stop Sales (${unknown} change(s) to its ` +
      'structure that this version does not know). Nothing was changed. Install the newer version of the app' +
      (backup
        ? `, or restore the newest backup this version can read, ${backupLabel(backup)}: run sedna-stop-sales restore "${backup.file}" --yes (the app offers the same when it starts).`
        : '. There is no backup this version can read.'),
    { code: 'db.newer', params: { file, backup: backup?.file ?? '' }, backup },
  )
}

function restoreAdvice(file: string, backup: Backup | undefined): string {
  if (!backup) {
    return `There is no backup in ${backupsDirOf(file)}: move the file aside and start again to begin with an empty database, or have it recovered.`
  }
  return (
    `Restore the newest backup, ${backupLabel(backup)}: run sedna-stop-sales restore "${backup.file}" --yes ` +
    '(the app offers the same when it starts). Restoring keeps the damaged file, as it is, in the backups folder.'
  )
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  // drizzle wraps the SQLite error; the innermost message says what actually failed.
  const inner = err.cause instanceof Error ? err.cause.message : undefined
  return inner && inner !== err.message ? `${err.message}: ${inner}` : err.message
}
