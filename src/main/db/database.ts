/**
 * The one place the SQLite file is opened. Pragmas: WAL (the app and the command line may share
 * the file), foreign keys on, a busy timeout instead of instant SQLITE_BUSY, and synchronous=FULL
 * because sync state (a Sedna RecId) must survive a power cut. Migrations from `drizzle/` are
 * applied here, before anything else touches the database.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema>

export interface OpenDatabase {
  readonly file: string
  readonly sqlite: Database.Database
  readonly db: Db
  close(): void
}

export const BUSY_TIMEOUT_MS = 5_000

/** Start-up cannot go on: the message says what happened and what to do. */
export class DatabaseStartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DatabaseStartupError'
  }
}

export function openDatabase(file: string, opts: { migrationsFolder: string }): OpenDatabase {
  let sqlite: Database.Database
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    sqlite = new Database(file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    sqlite.pragma('synchronous = FULL')
  } catch (cause) {
    throw new DatabaseStartupError(
      `The database file ${file} could not be opened (${describe(cause)}). ` +
        'Check that the folder is writable and not full, and that the file is not damaged.',
      { cause },
    )
  }
  const db = drizzle(sqlite, { schema })
  try {
    migrate(db, { migrationsFolder: opts.migrationsFolder })
  } catch (cause) {
    sqlite.close()
    throw new DatabaseStartupError(
      `The database ${file} could not be upgraded to this version of the app (${describe(cause)}). ` +
        'Nothing was changed. Install the matching app version, or move the file aside and restart to begin with an empty database.',
      { cause },
    )
  }
  return { file, sqlite, db, close: () => sqlite.close() }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  // drizzle wraps the SQLite error; the innermost message says what actually failed.
  const inner = err.cause instanceof Error ? err.cause.message : undefined
  return inner && inner !== err.message ? `${err.message}: ${inner}` : err.message
}
