/**
 * One command-line run: parse, open the app context on the data folder, run the command through
 * the app's services, print one answer, close everything, return the exit code. Kept free of
 * `process` globals (they come in as `io` and `signals`) so it can be reasoned about and tested.
 */
import { cliLanguage, helpText, parseCli, PROGRAM, wantsJson, type ParsedArgs } from './args'
import type { CliContext } from './context'
import { CliError, EXIT } from './errors'
import { oneLine, write, type CliIo } from './output'
import { precheck } from './validate'

export interface Signals {
  /** Resolves at the first SIGINT/SIGTERM. */
  readonly stopRequested: Promise<void>
  stopped(): boolean
  /** From now on a first signal asks to stop after the current work instead of ending the process. */
  stopGracefully(): void
}

export async function runCli(argv: readonly string[], io: CliIo, signals: Signals): Promise<number> {
  let json = wantsJson(argv)
  let cli: CliContext | undefined
  try {
    const args = parseCli(argv)
    json = args.json
    if (args.command === 'help') return await help(args, io)
    precheck(args)
    const graceful = ['sim', 'sync', 'queue', 'reservations sync', 'reservations cancel']
    if (graceful.includes(args.command)) signals.stopGracefully()
    if (args.command === 'sim') {
      const { simCommand } = await import('./commands/sim')
      return await simCommand(args, io, signals.stopRequested)
    }
    // The app (database, services, Sedna client) loads only now: help and bad usage answer at once.
    const { run } = await import('./commands')
    const { cliDataDir, openCliContext } = await import('./context')

    const dataDir = cliDataDir(args.dataDir, io.env, io.cwd)
    if (args.command === 'restore') {
      // Without the app context: the database it replaces may be one the app refuses to open.
      const { restoreCommand } = await import('./commands/backup')
      const restored = await restoreCommand(dataDir, args, io)
      await write(io.stdout, json ? `${JSON.stringify(restored.json, null, 2)}\n` : `${restored.text}\n`)
      return restored.exitCode
    }
    cli = await openCliContext({ dataDir, env: io.env, command: args.command, lang: cliLanguage(args.lang, io.env) })
    const opened = cli
    // A stop request lets the stop sales in flight finish; nothing new is started.
    void signals.stopRequested.then(() => opened.app.services.outbox.stopAfterCurrent())
    const result = await run(cli, args, io, { stopped: signals.stopped })
    await cli.close()
    cli.app.logger.info('command line: done', { command: args.command, exitCode: result.exitCode })
    await write(io.stdout, json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.text}\n`)
    return result.exitCode
  } catch (err) {
    // Unexpected: in the log when there is one; before the data folder is open there is none, so the
    // error's own words (scrubbed like everything printed) are the one line.
    const failure =
      err instanceof CliError
        ? err
        : new CliError(
            'internal',
            cli
              ? 'Something went wrong. Details were written to the log.'
              : `Something went wrong: ${err instanceof Error ? err.message : String(err)}`,
            EXIT.attention,
          )
    if (!(err instanceof CliError)) cli?.app.logger.error('command line failed', err)
    try {
      await cli?.close()
    } catch (closeErr) {
      cli?.app.logger.error('command line: close failed', closeErr)
    }
    await write(io.stderr, `${PROGRAM}: ${oneLine(failure.message)}\n`)
    if (json) {
      const error = {
        kind: failure.kind,
        message: failure.message,
        ...(failure.issues ? { issues: failure.issues } : {}),
        ...(failure.code ? { code: failure.code } : {}),
      }
      await write(io.stdout, `${JSON.stringify({ error, exitCode: failure.exitCode }, null, 2)}\n`)
    }
    return failure.exitCode
  }
}

async function help(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.version) {
    const { appVersion, projectRoot } = await import('./root')
    const version = appVersion(projectRoot())
    await write(io.stdout, args.json ? `${JSON.stringify({ version })}\n` : `${PROGRAM} ${version}\n`)
    return EXIT.ok
  }
  const topic = args.positionals.join(' ') || undefined
  await write(io.stdout, `${helpText(topic)}\n`)
  return EXIT.ok
}
