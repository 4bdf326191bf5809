/** `import FILE [--dry-run]`: the import screen's preview, then commit (or discard). */
import { resolve } from 'node:path'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { EXIT } from '../errors'
import { plural, type CliIo, type CommandResult } from '../output'
import { importNotes } from './shared'

export interface InvalidRow {
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

interface Counts {
  imported: number
  duplicates: number
  needsAttention: number
}

/**
 * What both imports do once previewed: `read` what the report needs (the rows to import are read
 * before the commit, which keeps only the rejected ones), then commit — or discard for --dry-run — and
 * the counts: the commit's, or what the preview says would happen. A failure discards the preview.
 */
export async function settleImport<R, C extends Counts>(
  cli: CliContext,
  preview: { importId: number; willImport: number; duplicates: number; needsAttention: number },
  dryRun: boolean,
  calls: {
    read: () => Promise<R>
    commit: (importId: number) => Promise<C>
    discard: 'import.discard' | 'reservationImport.discard'
  },
): Promise<{ read: R; committed: C | undefined; counts: Counts }> {
  let committed: C | undefined
  try {
    const read = await calls.read()
    if (dryRun) await cli.call(calls.discard, { importId: preview.importId })
    else committed = await calls.commit(preview.importId)
    const counts = {
      imported: committed?.imported ?? preview.willImport,
      duplicates: committed?.duplicates ?? preview.duplicates,
      needsAttention: committed?.needsAttention ?? preview.needsAttention,
    }
    return { read, committed, counts }
  } catch (err) {
    if (!committed && !dryRun) await cli.app.dispatch(calls.discard, { importId: preview.importId })
    throw err
  }
}

/** The report's lines both imports share: invalid rows, and rows whose control characters were removed. */
export function rowLines(invalid: readonly InvalidRow[], cleaned: readonly CleanedRow[]): string[] {
  const lines = invalid.map((r) => `  row ${r.row}${r.line ? ` (line ${r.line})` : ''}: ${r.errors.join('; ')}`)
  if (cleaned.length) {
    lines.push(`Control characters were removed from the text of ${plural(cleaned.length, 'record')}:`)
    lines.push(...cleanedLines(cleaned))
  }
  return lines
}

/** "  row 3 (line 4): 3 control characters removed from the hotel name". */
export const cleanedLines = (rows: readonly CleanedRow[]) =>
  rows.map((r) => `  row ${r.row}${r.line ? ` (line ${r.line})` : ''}: ${r.notes.join('; ')}`)

export async function importCommand(cli: CliContext, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const { file, dryRun } = importArgs(args, io)
  const preview = await cli.call('import.preview', { path: file })
  const { read, counts } = await settleImport(cli, preview, dryRun, {
    read: async () => ({
      invalid: await invalidRows(cli, preview.importId, preview.invalid),
      cleaned: preview.textCleaned ? await cleanedRows(cli, preview.importId) : [],
    }),
    commit: (importId) => cli.call('import.commit', { importId }),
    discard: 'import.discard',
  })
  const { invalid, cleaned } = read
  const json = {
    file,
    dryRun,
    importId: preview.importId,
    format: preview.format,
    encoding: preview.encoding,
    rows: preview.rows,
    stopSales: preview.stopSales,
    ...counts,
    invalid,
    cleaned,
    sameFileImported: preview.sameFileImported,
    resolutionChecked: preview.resolutionChecked,
  }
  const verb = dryRun ? 'would import' : 'imported'
  const lines = [
    `${file}: ${plural(preview.rows, 'record')} (${preview.format}, ${preview.encoding}) → ${plural(preview.stopSales, 'stop sale')}; ` +
      `${verb} ${counts.imported}, ${counts.duplicates} already there, ${invalid.length} invalid, ${counts.needsAttention} need a mapping before they can be sent.`,
    ...importNotes(preview),
    ...rowLines(invalid, cleaned),
  ]
  return {
    exitCode: invalid.length || counts.needsAttention ? EXIT.attention : EXIT.ok,
    json,
    text: lines.join('\n'),
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
