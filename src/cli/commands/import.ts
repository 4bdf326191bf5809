/** `import FILE [--dry-run]`: the import screen's preview, then commit (or discard). */
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { EXIT } from '../errors'
import { plural, type CliIo, type CommandResult } from '../output'
import { importFileOf, importNotes } from './shared'

interface InvalidRow {
  row: number
  line: number | null
  errors: string[]
}

export async function importCommand(cli: CliContext, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const { file, dryRun } = importFileOf(args, io)
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
    lines.push(...importNotes(preview))
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
