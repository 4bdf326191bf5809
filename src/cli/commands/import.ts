/** `import FILE [--dry-run]`: the import screen's preview, then commit (or discard). */
import { resolve } from 'node:path'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { EXIT } from '../errors'
import { plural, type CliIo, type CommandResult } from '../output'
import { importNotes } from './shared'

interface InvalidRow {
  row: number
  line: number | null
  errors: string[]
}

/** A row whose text had control characters removed, and what its preview says about it. */
export interface CleanedRow {
  row: number
  line: number | null
  notes: string[]
}

/**
 * `… import FILE [--dry-run]`: the file and whether to commit. The file is not looked at here: the
 * import service opens and checks it (a regular file, size and read caps) exactly as for the window,
 * so the command line gets the same coded errors.
 */
export function importArgs(args: ParsedArgs, io: CliIo): { file: string; dryRun: boolean } {
  return { file: resolve(io.cwd, args.positionals[0]!), dryRun: args.options['dry-run'] === true }
}

/** "  row 3 (line 4): 3 control characters removed from the hotel name". */
export const cleanedLines = (rows: readonly CleanedRow[]) =>
  rows.map((r) => `  row ${r.row}${r.line ? ` (line ${r.line})` : ''}: ${r.notes.join('; ')}`)

export async function importCommand(cli: CliContext, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const { file, dryRun } = importArgs(args, io)
  const preview = await cli.call('import.preview', { path: file })
  let committed: { imported: number; duplicates: number; needsAttention: number } | undefined
  try {
    const invalid = await invalidRows(cli, preview.importId, preview.invalid)
    const cleaned = preview.textCleaned ? await cleanedRows(cli, preview.importId) : []
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
      cleaned,
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
    if (cleaned.length) {
      lines.push(`Control characters were removed from the text of ${plural(cleaned.length, 'record')}:`)
      lines.push(...cleanedLines(cleaned))
    }
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
    for (const r of page.rows)
      out.push({
        row: r.row,
        line: r.line,
        errors: r.reason.length ? r.reason.map((m) => cli.say(m)) : ['invalid'],
      })
  }
  return out
}

/** The records with notes (read only when the preview counted some): one entry per record, not per stop sale. */
async function cleanedRows(cli: CliContext, importId: number): Promise<CleanedRow[]> {
  const out: CleanedRow[] = []
  for (let offset = 0; ;) {
    const page = await cli.call('import.rows', { importId, offset, limit: 1000 })
    for (const r of page.rows) {
      if (!r.notes.length || out.at(-1)?.row === r.row) continue
      out.push({ row: r.row, line: r.line, notes: r.notes.map((n) => n.message) })
    }
    offset += page.rows.length
    if (!page.rows.length || offset >= page.total) break
  }
  return out
}
