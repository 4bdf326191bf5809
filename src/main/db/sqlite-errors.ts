/**
 * When the database itself fails — locked by another process past the busy timeout, the disk full,
 * the file read-only, damaged or unreadable — staff need to know what to do, not "something went
 * wrong". better-sqlite3 throws a SqliteError whose `code` is SQLite's (extended) result code; drizzle
 * wraps it in a DrizzleQueryError whose `cause` it is. This module finds it and words it.
 */
import { AppFailure } from '../errors'

export type DatabaseTroubleCode = 'db.busy' | 'db.diskFull' | 'db.readOnly' | 'db.damaged' | 'db.io'

export interface DatabaseTrouble {
  code: DatabaseTroubleCode
  /** SQLite's result code, e.g. SQLITE_IOERR_WRITE. */
  sqliteCode: string
  sqliteMessage: string
  /** The statement that failed (its text only: parameters may hold guests' personal data). */
  query: string | undefined
}

/** SQLite result code → what it means for staff (extended codes, e.g. SQLITE_BUSY_SNAPSHOT, by prefix). */
const BY_PRIMARY_CODE: Record<string, DatabaseTroubleCode> = {
  SQLITE_BUSY: 'db.busy',
  SQLITE_LOCKED: 'db.busy',
  SQLITE_FULL: 'db.diskFull',
  SQLITE_READONLY: 'db.readOnly',
  SQLITE_CORRUPT: 'db.damaged',
  SQLITE_NOTADB: 'db.damaged',
  SQLITE_IOERR: 'db.io',
  SQLITE_CANTOPEN: 'db.io',
}

/** The database failure behind `err` (looked for along its `cause` chain), if that is what it is. */
export function databaseTrouble(err: unknown): DatabaseTrouble | undefined {
  let query: string | undefined
  let current: unknown = err
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const q = (current as { query?: unknown }).query
    if (typeof q === 'string') query ??= q
    const sqliteCode = (current as { code?: unknown }).code
    if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_')) {
      const primary = /^SQLITE_[A-Z]+/.exec(sqliteCode)![0]
      const code = BY_PRIMARY_CODE[primary]
      return code ? { code, sqliteCode, sqliteMessage: current.message, query } : undefined
    }
    current = current.cause
  }
  return undefined
}

/** What staff are told, in English; the screen words the code itself (errors.db.* in the language files). */
export function databaseTroubleMessage(code: DatabaseTroubleCode, dir: string): string {
  const folder = dir ? `the data folder ${dir}` : 'the data folder'
  switch (code) {
    case 'db.busy':
      return 'The database is busy: another copy of the app or the command line (sedna-stop-sales) is writing to it. Nothing was saved; try again in a moment.'
    case 'db.diskFull':
      return `The disk that holds ${folder} is full. Nothing was saved: free some space on that disk, then try again.`
    case 'db.readOnly':
      return `The database in ${folder} can be read but not written (the file or folder is read-only, or the disk is write-protected). Nothing was saved: make the data folder writable for this user, then restart the app.`
    case 'db.damaged':
      return `The database in ${folder} is damaged. Nothing was saved: restore a backup (Settings → Backups, or "sedna-stop-sales restore"), then try again.`
    case 'db.io':
      return `The database in ${folder} could not be read or written (a disk or network-drive error). Nothing was saved: check that the disk holding the data folder is connected and working, then try again.`
  }
}

/** The failure staff see for a database trouble (kind 'unavailable', coded with the data folder). */
export function databaseFailure(trouble: DatabaseTrouble, dir: string): AppFailure {
  return new AppFailure('unavailable', databaseTroubleMessage(trouble.code, dir), undefined, {
    code: trouble.code,
    params: { dir },
  })
}

/** What goes to the log: SQLite's own code and words, and the statement without its parameters. */
export function troubleDetails(trouble: DatabaseTrouble): Record<string, string> {
  return {
    sqliteCode: trouble.sqliteCode,
    sqliteMessage: trouble.sqliteMessage,
    ...(trouble.query ? { query: trouble.query } : {}),
  }
}
