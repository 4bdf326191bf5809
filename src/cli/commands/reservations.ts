/**
 * `reservations import|list`: the Reservations screens' work, through the same calls — import preview
 * then commit, and the list. (`reservations sync` and `cancel` are in sync.ts, with the other sends.)
 */
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { EXIT } from '../errors'
import { plural, table, type CliIo, type CommandResult } from '../output'
import { reservationStatusesOf } from '../validate'
import { allPages, importNotes, listed, listFooter } from './shared'
import { importArgs, rowLines, settleImport, type CleanedRow, type InvalidRow } from './import'

export async function reservationsImport(cli: CliContext, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const { file, dryRun } = importArgs(args, io)
  const preview = await cli.call('reservationImport.preview', { path: file })
  const { read, committed, counts } = await settleImport(cli, preview, dryRun, {
    read: () => reviewedRows(cli, preview.importId),
    commit: (importId) => cli.call('reservationImport.commit', { importId }),
    discard: 'reservationImport.discard',
  })
  const { invalid, attention, cleaned } = read
  const json = {
    file,
    dryRun,
    importId: preview.importId,
    format: preview.format,
    encoding: preview.encoding,
    rows: preview.rows,
    imported: counts.imported,
    /** The new reservations' ids, in file order (none with --dry-run). */
    ids: committed?.ids ?? [],
    duplicates: counts.duplicates,
    invalid,
    needsAttention: counts.needsAttention,
    attention,
    cleaned,
    sameFileImported: preview.sameFileImported,
    resolutionChecked: preview.resolutionChecked,
  }
  const verb = dryRun ? 'would import' : 'imported'
  const lines = [
    `${file}: ${plural(preview.rows, 'record')} (${preview.format}, ${preview.encoding}); ` +
      `${verb} ${counts.imported}${committed?.ids.length ? ` (${committed.ids.map((id) => `#${id}`).join(', ')})` : ''}, ` +
      `${counts.duplicates} already there, ${invalid.length} invalid, ${counts.needsAttention} need a mapping or a check before they can be sent.`,
    ...importNotes(preview),
    ...attention.map((r) => `  row ${r.row}${r.voucherNo ? ` (voucher ${r.voucherNo})` : ''}: ${r.message}`),
    ...rowLines(invalid, cleaned),
  ]
  return {
    exitCode: invalid.length || counts.needsAttention ? EXIT.attention : EXIT.ok,
    json,
    text: lines.join('\n'),
  }
}

/** The preview's invalid rows, the new ones that will need a mapping or a check, and those cleaned of control characters. */
async function reviewedRows(cli: CliContext, importId: number) {
  const invalid: InvalidRow[] = []
  const attention: { row: number; voucherNo: string | null; message: string }[] = []
  const cleaned: CleanedRow[] = []
  for (let offset = 0; ;) {
    const page = await cli.call('reservationImport.rows', { importId, states: ['invalid', 'new'], offset, limit: 1000 })
    for (const r of page.rows) {
      if (r.state === 'invalid') invalid.push({ row: r.row, line: r.line, errors: r.reason.map((m) => cli.say(m)) })
      else if (r.attention.length) {
        attention.push({ row: r.row, voucherNo: r.voucherNo, message: r.attention.map((m) => cli.say(m)).join(' ') })
      }
      if (r.notes.length) cleaned.push({ row: r.row, line: r.line, notes: r.notes.map((n) => n.message) })
    }
    offset += page.rows.length
    if (!page.rows.length || offset >= page.total) break
  }
  return { invalid, attention, cleaned }
}

export async function reservationsList(cli: CliContext, args: ParsedArgs): Promise<CommandResult> {
  const statuses = reservationStatusesOf(args)
  const { rows, total, countsByStatus } = await allPages((page) =>
    cli.call('reservations.list', { ...(statuses.length ? { statuses } : {}), ...page }),
  )
  const items = rows.map((r) => listed(cli, r))
  const text = [
    items.length
      ? table(
          ['ID', 'STATUS', 'VOUCHER', 'HOTEL', 'CHECK-IN', 'CHECK-OUT', 'PAX', 'ROOM', 'BOARD', 'RECID', 'LAST ERROR'],
          items.map((i) => [
            i.id,
            i.status,
            i.voucherNo,
            i.hotelName,
            i.checkIn,
            i.checkOut,
            i.children ? `${i.adults}+${i.children}` : i.adults,
            i.roomCode,
            i.boardCode,
            i.recId,
            i.lastError,
          ]),
          120,
        )
      : 'No reservations.',
    listFooter(total, 'reservation', statuses, countsByStatus),
  ].join('\n')
  return { exitCode: EXIT.ok, json: { total, countsByStatus, reservations: items }, text }
}
