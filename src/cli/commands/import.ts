/** `import FILE [--dry-run]`: the import screen's preview, then commit (or discard). */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError, EXIT } from '../errors'
import { plural, type CliIo, type CommandResult } from '../output'

interface InvalidRow {
  row: number
  line: number | null
  errors: string[]
}

export async function importCommand(cli: CliContext, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const file = resolve(io.cwd, args.positionals[0]!)
  if (!existsSync(file) || !statSync(file).isFile()) throw CliError.usage(`no such file: ${file}`)
  const dryRun = args.options['dry-run'] === true
  const preview = await cli.call('import.preview', { path: file })
  let committed: { imported: number; duplicates: number; needsAttention: number } | undefined
  try {
    const invalid = await invalidRows(cli, preview.importId, preview.invalid)
    if (dryRun) await cli.call('import.discard', { importId: preview.importId })
    else committed = await cli.call('import.commit', { importId: preview.importId })
    const imported = committed?.imported ?? preview.willImport
    const duplicates = committed?.duplicates ?? preview.duplicates
    const needsAttention = committed?.needsAttention ?? preview.needsAttention
    const json = {
      file,
      dryRun,
      importId: preview.importId,
      format: preview.format,
      encoding: preview.encoding,
      rows: preview.rows,
      stopSales: preview.stopSales,
      imported,
      duplicates,
      invalid,
      needsAttention,
      sameFileImported: preview.sameFileImported,
      resolutionChecked: preview.resolutionChecked,
    }
    const verb = dryRun ? 'would import' : 'imported'
    const lines = [
      `${file}: ${plural(preview.rows, 'record')} (${preview.format}, ${preview.encoding}) → ${plural(preview.stopSales, 'stop sale')}; ` +
        `${verb} ${imported}, ${duplicates} already there, ${invalid.length} invalid, ${needsAttention} need a mapping before they can be sent.`,
    ]
    if (preview.sameFileImported) {
      lines.push(
        `The same file was imported before (import #${preview.sameFileImported.importId}, ${preview.sameFileImported.at}).`,
      )
    }
    if (!preview.resolutionChecked) lines.push('No Sedna account is set up, so mappings were not checked.')
    for (const r of invalid) lines.push(`  row ${r.row}${r.line ? ` (line ${r.line})` : ''}: ${r.errors.join('; ')}`)
    return { exitCode: invalid.length || needsAttention ? EXIT.attention : EXIT.ok, json, text: lines.join('\n') }
  } catch (err) {
    if (!committed && !dryRun) await cli.app.dispatch('import.discard', { importId: preview.importId })
    throw err
  }
}

async function invalidRows(cli: CliContext, importId: number, total: number): Promise<InvalidRow[]> {
  const out: InvalidRow[] = []
  while (out.length < total) {
    const page = await cli.call('import.rows', { importId, states: ['invalid'], offset: out.length, limit: 1000 })
    if (!page.rows.length) break
    for (const r of page.rows) out.push({ row: r.row, line: r.line, errors: (r.reason ?? 'invalid').split('; ') })
  }
  return out
}
