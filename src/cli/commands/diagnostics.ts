/** `diagnostics --to FILE`: the zip for support (services/diagnostics.ts says what it holds and leaves out). */
import { resolve } from 'node:path'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError, EXIT } from '../errors'
import type { CliIo, CommandResult } from '../output'
import { formatBytes } from './backup'

export async function diagnosticsCommand(cli: CliContext, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const raw = args.options.to
  if (typeof raw !== 'string' || !raw) throw CliError.usage('say where to write the zip: diagnostics --to FILE.')
  const written = await cli.call('diagnostics.export', { to: resolve(io.cwd, raw) })
  return {
    exitCode: EXIT.ok,
    json: { file: written.file, bytes: written.bytes, entries: written.entries },
    text: `Diagnostics written to ${written.file} (${formatBytes(written.bytes)}: ${written.entries.join(', ')}). No password and no guest data is in it; send it to whoever supports you.`,
  }
}
