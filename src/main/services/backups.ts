/**
 * Backups for the app and the command line: the list, "Back up now" (or `backup --to FILE`), the
 * daily backup while the app runs, and restoring one into the running app — with the sync engine
 * stopped meanwhile and the window told to reload its data. One backup or restore at a time.
 */
import { existsSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join } from 'node:path'
import type { Backup, BackupList, RestoreResult } from '../../shared/backups'
import { backupInto, backupName, backupsDirOf, BACKUPS_TO_KEEP, damageOf, listBackups, writeBackup } from '../db/backup'
import type { OpenDatabase } from '../db/database'
import { failure, restoreDatabase } from '../db/restore'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { SyncEngine } from '../outbox/engine'

export interface BackupService {
  list(): BackupList
  /** A backup now: in the backups folder ('manual'), or as the new file `to` (or inside the folder `to`), which is never pruned. */
  create(opts?: { to?: string }): Promise<Backup>
  /** A backup from the list by name, or a database file by absolute path. */
  restore(input: { name: string } | { path: string }): Promise<RestoreResult>
  /** The daily backup: now if the newest backup is 24 h old or more, then the same check every hour. */
  startDaily(): void
  close(): Promise<void>
}

export interface BackupServiceOptions {
  database: OpenDatabase
  migrationsFolder: string
  events: EventBus
  logger: Logger
  engine: Pick<SyncEngine, 'stopAfterCurrent' | 'whenIdle' | 'wake'>
  /** After a restore, before the engine runs again (e.g. fill what start-up fills). */
  afterRestore?: () => void
  now?: () => Date
  /** How often the daily backup is checked for (default: hourly). */
  checkEveryMs?: number
}

const DAY_MS = 24 * 60 * 60_000

export function createBackupService(o: BackupServiceOptions): BackupService {
  const dir = backupsDirOf(o.database.file)
  const now = o.now ?? (() => new Date())
  let chain: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  let closed = false

  /** One backup or restore at a time, in the order asked. */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = chain.then(work, work)
    chain = run.catch(() => {})
    return run
  }

  async function backupNow(to: string | undefined): Promise<Backup> {
    if (to === undefined) return backupInto(dir, o.database.sqlite, 'manual', { now: now() })
    const at = now()
    const target = statSync(to, { throwIfNoEntry: false })?.isDirectory() ? join(to, backupName(at, 'manual')) : to
    if (existsSync(target)) {
      throw failure(
        'validation',
        'backup.exists',
        `${target} already exists: choose a new name. Nothing was written.`,
        {
          file: target,
        },
      )
    }
    if (!statSync(dirname(target), { throwIfNoEntry: false })?.isDirectory()) {
      throw failure('validation', 'backup.noFolder', `There is no folder ${dirname(target)}. Nothing was written.`, {
        dir: dirname(target),
      })
    }
    const bytes = await writeBackup(o.database.sqlite, target)
    return {
      name: basename(target),
      file: target,
      createdAt: at.toISOString(),
      kind: 'manual',
      reason: 'manual',
      bytes,
    }
  }

  async function create(to: string | undefined): Promise<Backup> {
    try {
      const backup = await backupNow(to)
      o.logger.info('backup written', { file: backup.file, bytes: backup.bytes })
      return backup
    } catch (err) {
      if (err instanceof AppFailure) throw err
      const where = to ?? dir
      const damage = damageOf(err)
      if (damage) {
        throw failure(
          'unavailable',
          'backup.sourceDamaged',
          `The database is damaged (SQLite found: ${damage.detail}), so its copy failed its check and was not kept. ` +
            'Restore the newest backup.',
          { detail: damage.detail },
        )
      }
      throw failure(
        'unavailable',
        'backup.writeFailed',
        `The backup could not be written to ${where} (${messageOf(err)}). Check that the disk is not full and the folder is writable.`,
        { dir: where, detail: messageOf(err) },
      )
    }
  }

  function candidateOf(input: { name: string } | { path: string }): string {
    if ('name' in input) {
      const listed = listBackups(dir).find((b) => b.name === input.name)
      if (!listed) {
        throw failure('not-found', 'backup.unknown', `There is no backup named ${input.name} in ${dir}.`, {
          name: input.name,
          dir,
        })
      }
      return listed.file
    }
    if (!isAbsolute(input.path)) {
      throw failure(
        'validation',
        'backup.notAbsolute',
        `Choose the file to restore with its full path, not ${input.path}.`,
        {
          file: input.path,
        },
      )
    }
    return input.path
  }

  async function restore(input: { name: string } | { path: string }): Promise<RestoreResult> {
    const candidate = candidateOf(input)
    // Nothing is sent while the data changes under the engine: the items in flight finish first.
    o.engine.stopAfterCurrent()
    await o.engine.whenIdle()
    try {
      const result = await restoreDatabase({
        databaseFile: o.database.file,
        candidate,
        migrationsFolder: o.migrationsFolder,
        live: o.database.sqlite,
        now,
      })
      o.afterRestore?.()
      o.logger.info('database restored', { ...result })
      o.events.emit('data.restored', {
        from: basename(candidate),
        backupOfCurrent: result.backupOfCurrent?.name ?? null,
      })
      return result
    } finally {
      o.engine.wake()
    }
  }

  async function dailyIfDue(): Promise<void> {
    if (closed) return
    const newest = listBackups(dir)[0]
    if (newest && now().getTime() - Date.parse(newest.createdAt) < DAY_MS) return
    try {
      const backup = await backupInto(dir, o.database.sqlite, 'daily', { now: now() })
      o.logger.info('daily backup written', { file: backup.file, bytes: backup.bytes })
    } catch (err) {
      o.logger.error('daily backup failed', err)
    }
  }

  return {
    list: () => ({ dir, keep: BACKUPS_TO_KEEP, backups: listBackups(dir) }),
    create: (opts = {}) => exclusive(() => create(opts.to)),
    restore: (input) => exclusive(() => restore(input)),
    startDaily() {
      if (timer || closed) return
      void exclusive(dailyIfDue)
      // Checked hourly against the clock rather than one 24 h timer: a sleeping laptop's timers fall behind.
      timer = setInterval(() => void exclusive(dailyIfDue), o.checkEveryMs ?? 60 * 60_000)
      timer.unref()
    },
    async close() {
      closed = true
      clearInterval(timer)
      timer = undefined
      await chain
    },
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * `restore FILE --yes` of the command line, without an app context: the database it replaces may be one
 * the app refuses to open (damaged, or from a newer version). `file` is a path (from `cwd`) or the
 * name of a backup in the data folder's backups folder. Logged to the data folder's log.
 */
export async function restoreWithoutApp(o: {
  databaseFile: string
  file: string
  cwd: string
  migrationsFolder: string
  logger: Logger
}): Promise<RestoreResult> {
  const path = isAbsolute(o.file) ? o.file : join(o.cwd, o.file)
  const listed = join(backupsDirOf(o.databaseFile), o.file)
  const candidate = existsSync(path) || basename(o.file) !== o.file ? path : existsSync(listed) ? listed : path
  const result = await restoreDatabase({
    databaseFile: o.databaseFile,
    candidate,
    migrationsFolder: o.migrationsFolder,
  })
  o.logger.info('database restored (command line)', { ...result })
  return result
}
