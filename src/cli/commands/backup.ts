/**
 * `backup [--to FILE]` and `restore FILE --yes`. Restore runs without the app context (see main.ts):
 * the database it replaces may be one the app refuses to open — damaged, or from a newer version.
 */
import { join, resolve } from 'node:path'
import type { RestoreResult } from '../../shared/backups'
import { restoreWithoutApp } from '../../main/services/backups'
import { AppFailure } from '../../main/errors'
import { createFileLogger } from '../../main/log'
import { databaseFileIn } from '../../main/paths'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError, EXIT, exitCodeOfKind } from '../errors'
import type { CliIo, CommandResult } from '../output'
import { projectRoot } from '../root'

export async function backupCommand(cli: CliContext, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const raw = args.options.to
  const backup =
    typeof raw === 'string'
      ? await asCliError(() => cli.app.services.backups.create({ to: resolve(io.cwd, raw) }))
      : await cli.call('backups.create', {})
  return {
    exitCode: EXIT.ok,
    json: { file: backup.file, bytes: backup.bytes, createdAt: backup.createdAt },
    text: `Backed up to ${backup.file} (${formatBytes(backup.bytes)}).`,
  }
}

export async function restoreCommand(dataDir: string, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const raw = args.positionals[0]!
  if (args.options.yes !== true) {
    throw CliError.usage(
      `restoring replaces the data in ${dataDir} with ${raw}: add --yes to confirm (nothing was changed).`,
    )
  }
  const databaseFile = databaseFileIn(dataDir)
  const result = await asCliError(() =>
    restoreWithoutApp({
      databaseFile,
      file: raw,
      cwd: io.cwd,
      migrationsFolder: join(projectRoot(), 'drizzle'),
      logger: createFileLogger(dataDir),
    }),
  )
  return { exitCode: EXIT.ok, json: { database: databaseFile, ...result }, text: restoredText(databaseFile, result) }
}

function restoredText(databaseFile: string, r: RestoreResult): string {
  const lines = [`Restored ${r.restoredFrom} into ${databaseFile}.`]
  if (r.migrated) lines.push('It came from an older version of the app and was brought up to this one.')
  if (r.backupOfCurrent) {
    lines.push(`The data as it was before is in ${r.backupOfCurrent.file} (${formatBytes(r.backupOfCurrent.bytes)}).`)
  }
  if (r.damagedCopy) lines.push(`The damaged database was kept, as it was, in ${r.damagedCopy}.`)
  if (r.backupOfCurrent || r.damagedCopy) {
    lines.push(
      'Stop sales and reservations sent to Sedna after that backup was made show as not sent: check them in Sedna before sending them again.',
    )
  }
  return lines.join('\n')
}

/** Failures the services describe keep their kind, code and exit code (the dispatcher does this for `cli.call`). */
async function asCliError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (!(err instanceof AppFailure)) throw err
    throw new CliError(err.kind, err.message, exitCodeOfKind(err.kind), err.issues, err.code)
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`
}
