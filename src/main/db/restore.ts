/**
 * Restoring a backup into the live database file. The candidate is checked on a private copy first
 * (it opens, passes quick_check, is this app's database, is not from a newer version; an older one
 * is migrated forward on that copy), so a bad file changes nothing. Then the current data is backed
 * up ('before-restore'; a damaged file is kept byte for byte instead), and the checked copy is written
 * into the live file with the online backup API: one write transaction in the file itself, so a
 * process that has the database open (the app, a command-line run) simply sees the restored data —
 * replacing the file would leave it writing to the old one.
 */
import { closeSync, copyFileSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { Backup, RestoreResult } from '../../shared/backups'
import type { ErrorKind, MessageParams } from '../../shared/result'
import { AppFailure } from '../errors'
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE, tighten } from '../private-files'
import {
  backupInto,
  backupsDirOf,
  damageOf,
  keepDamagedCopy,
  onlineCopy,
  pruneBackups,
  quickCheck,
  removeFiles,
} from './backup'
import { readJournal, schemaState } from './schema-version'

export interface RestoreOptions {
  databaseFile: string
  /** The file to restore: a backup, or any copy of this app's database. */
  candidate: string
  migrationsFolder: string
  /** The app's open connection to `databaseFile`, when there is one (the current data is backed up through it). */
  live?: Database.Database
  now?: () => Date
}

export async function restoreDatabase(o: RestoreOptions): Promise<RestoreResult> {
  const dir = backupsDirOf(o.databaseFile)
  ensurePrivateDir(dir)
  const stage = join(dir, `.restore-${process.pid}-${Date.now()}.partial`)
  try {
    const { migrated } = prepareStage(o.candidate, stage, o.migrationsFolder, pageSizeOf(o.databaseFile))
    const kept = await keepCurrent(o, dir)
    try {
      await copyInto(stage, o.databaseFile)
    } catch (err) {
      const copy = kept.backup?.file ?? kept.damagedCopy
      throw failure(
        'unavailable',
        'backup.restoreFailed',
        `${o.candidate} could not be copied into the database (${messageOf(err)}). The current data is unchanged` +
          (copy ? `; a copy of it is in ${copy}.` : '.'),
        { file: o.candidate, detail: messageOf(err), backup: copy ?? '' },
      )
    }
    tighten(o.databaseFile, PRIVATE_FILE_MODE)
    pruneBackups(dir, [o.candidate])
    return { restoredFrom: o.candidate, backupOfCurrent: kept.backup, damagedCopy: kept.damagedCopy, migrated }
  } finally {
    removeFiles(stage)
  }
}

/** Copies the candidate (as plain bytes: the person's file is never opened by SQLite) and checks the copy. */
function prepareStage(
  candidate: string,
  stage: string,
  migrationsFolder: string,
  pageSize: number | undefined,
): { migrated: boolean } {
  const st = statSync(candidate, { throwIfNoEntry: false })
  if (!st?.isFile()) {
    throw failure('not-found', 'backup.notFound', `There is no file ${candidate} to restore.`, { file: candidate })
  }
  copyFileSync(candidate, stage)
  tighten(stage, PRIVATE_FILE_MODE)
  // A copy of a database in WAL mode may have its last changes in the -wal beside it.
  if (existsSync(`${candidate}-wal`)) copyFileSync(`${candidate}-wal`, `${stage}-wal`)
  const unchanged = 'Nothing was restored and nothing was changed.'
  const db = new Database(stage, { fileMustExist: true })
  try {
    try {
      quickCheck(db)
    } catch (err) {
      const damage = damageOf(err)
      if (!damage) throw err
      if (damage.problem === 'not-a-database') {
        throw failure('validation', 'backup.notDatabase', `${candidate} is not a database file. ${unchanged}`, {
          file: candidate,
        })
      }
      throw failure(
        'validation',
        'backup.damaged',
        `${candidate} is damaged (SQLite found: ${damage.detail}). ${unchanged} Choose another backup.`,
        { file: candidate, detail: damage.detail },
      )
    }
    const state = schemaState(db, readJournal(migrationsFolder))
    if (state.kind === 'empty' || state.kind === 'foreign') {
      throw failure('validation', 'backup.foreign', `${candidate} is not a Sedna Stop Sales database. ${unchanged}`, {
        file: candidate,
      })
    }
    if (state.kind === 'newer') {
      throw failure(
        'validation',
        'backup.newer',
        `${candidate} was made by a newer version of Sedna Stop Sales, which this version cannot read. ${unchanged} ` +
          'Install the newer version to restore it.',
        { file: candidate },
      )
    }
    db.pragma('journal_mode = DELETE')
    if (state.kind === 'older') {
      try {
        migrate(drizzle(db), { migrationsFolder })
      } catch (err) {
        throw failure(
          'validation',
          'backup.upgradeFailed',
          `${candidate} could not be brought up to this version of the app (${messageOf(err)}). ${unchanged}`,
          { file: candidate, detail: messageOf(err) },
        )
      }
    }
    // SQLite copies into a WAL database only between files of the same page size.
    if (pageSize && db.pragma('page_size', { simple: true }) !== pageSize) {
      db.pragma(`page_size = ${pageSize}`)
      db.exec('VACUUM')
    }
    return { migrated: state.kind === 'older' }
  } finally {
    db.close()
  }
}

/** The current data before it is replaced: a checked backup, or — when the file is damaged — a byte copy. */
async function keepCurrent(
  o: RestoreOptions,
  dir: string,
): Promise<{ backup: Backup | null; damagedCopy: string | null }> {
  const st = statSync(o.databaseFile, { throwIfNoEntry: false })
  if (!st || st.size === 0) return { backup: null, damagedCopy: null }
  const source = o.live ?? new Database(o.databaseFile, { fileMustExist: true, timeout: 5_000 })
  try {
    const now = o.now?.()
    return {
      backup: await backupInto(dir, source, 'before-restore', { ...(now ? { now } : {}), protect: [o.candidate] }),
      damagedCopy: null,
    }
  } catch (err) {
    if (!damageOf(err)) {
      throw failure(
        'unavailable',
        'backup.writeFailed',
        `The current data could not be backed up to ${dir} before the restore (${messageOf(err)}). Nothing was changed. ` +
          'Check that the disk is not full.',
        { dir, detail: messageOf(err) },
      )
    }
  } finally {
    if (!o.live) source.close()
  }
  return { backup: null, damagedCopy: keepDamagedCopy(o.databaseFile, dir, o.now?.()) }
}

async function copyInto(stage: string, databaseFile: string): Promise<void> {
  const source = new Database(stage, { readonly: true, fileMustExist: true })
  try {
    if (!existsSync(databaseFile)) ensurePrivateFile(databaseFile)
    try {
      await onlineCopy(source, databaseFile)
    } catch (err) {
      if (!damageOf(err)) throw err
      // What is in place is not a usable database, so nothing can be working with it: replace the file.
      const partial = `${databaseFile}.restore.partial`
      removeFiles(partial)
      ensurePrivateFile(partial)
      await onlineCopy(source, partial)
      // A -wal or hot -journal left beside the old file would be replayed into the new one.
      for (const side of ['-journal', '-wal', '-shm']) rmSync(`${databaseFile}${side}`, { force: true })
      renameSync(partial, databaseFile)
    }
  } finally {
    source.close()
  }
}

/** The page size in a SQLite file's header, or undefined when it has none. */
function pageSizeOf(file: string): number | undefined {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return undefined
  }
  try {
    const header = Buffer.alloc(100)
    if (readSync(fd, header, 0, 100, 0) < 100) return undefined
    if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return undefined
    const size = header.readUInt16BE(16)
    return size === 1 ? 65_536 : size
  } finally {
    closeSync(fd)
  }
}

/** A backup or restore failure staff can act on: English message, and a code the screen words (errors.backup.*). */
export function failure(kind: ErrorKind, code: string, message: string, params: MessageParams): AppFailure {
  return new AppFailure(kind, message, undefined, { code, params })
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))
