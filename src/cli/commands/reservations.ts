/**
 * `reservations import|list`: the Reservations screens' work, through the same calls — import preview
 * then commit, and the list. (`reservations sync` and `cancel` are in sync.ts, with the other sends.)
 */
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { EXIT } from '../errors'
import { plural, table, type CliIo, type CommandResult } from '../output'
import { reservationStatusesOf } from '../validate'
import { allPages, importNotes, listFooter } from './shared'
import { cleanedLines, importArgs, type CleanedRow } from './import'

export async function reservationsImport(cli: CliContext, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const { file, dryRun } = importArgs(args, io)
  const preview = await cli.call('reservationImport.preview', { path: file })
  let committed: { imported: number; ids: number[]; duplicates: number; needsAttention: number } | undefined
  try {
    const invalid: { row: number; line: number | null; errors: string[] }[] = []
    const attention: { row: number; voucherNo: string | null; message: string }[] = []
    const cleaned: CleanedRow[] = []
    // The rows to import are read before the commit, which keeps only the rejected ones.
    for (let offset = 0; ;) {
      const page = await cli.call('reservationImport.rows', {
        importId: preview.importId,
        states: ['invalid', 'new'],
        offset,
        limit: 1000,
      })
      for (const r of page.rows) {
        if (r.state === 'invalid') invalid.push({ row: r.row, line: r.line, errors: r.reason.map((m) => cli.say(m)) })
        else if (r.attention.length)
          attention.push({
            row: r.row,
            voucherNo: r.voucherNo,
            message: r.attention.map((m) => cli.say(m)).join(' '),
          })
        if (r.notes.length) cleaned.push({ row: r.row, line: r.line, notes: r.notes.map((n) => n.message) })
      }
      offset += page.rows.length
      if (!page.rows.length || offset >= page.total) break
    }
    if (dryRun) await cli.call('reservationImport.discard', { importId: preview.importId })
    else committed = await cli.call('reservationImport.commit', { importId: preview.importId })
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
      imported,
      /** The new reservations' ids, in file order (none with --dry-run). */
      ids: committed?.ids ?? [],
      duplicates,
      invalid,
      needsAttention,
      attention,
      cleaned,
      sameFileImported: preview.sameFileImported,
      resolutionChecked: preview.resolutionChecked,
    }
    const verb = dryRun ? 'would import' : 'imported'
    const lines = [
      `${file}: ${plural(preview.rows, 'record')} (${preview.format}, ${preview.encoding}); ` +
        `${verb} ${imported}${committed?.ids.length ? ` (${committed.ids.map((id) => `#${id}`).join(', ')})` : ''}, ` +
        `${duplicates} already there, ${invalid.length} invalid, ${needsAttention} need a mapping or a check before they can be sent.`,
    ]
    lines.push(...importNotes(preview))
    for (const r of invalid) lines.push(`  row ${r.row}${r.line ? ` (line ${r.line})` : ''}: ${r.errors.join(' ')}`)
    for (const r of attention)
      lines.push(`  row ${r.row}${r.voucherNo ? ` (voucher ${r.voucherNo})` : ''}: ${r.message}`)
    if (cleaned.length) {
      lines.push(`Control characters were removed from the text of ${plural(cleaned.length, 'record')}:`)
      lines.push(...cleanedLines(cleaned))
    }
    return { exitCode: invalid.length || needsAttention ? EXIT.attention : EXIT.ok, json, text: lines.join('\n') }
  } catch (err) {
    if (!committed && !dryRun) await cli.app.dispatch('reservationImport.discard', { importId: preview.importId })
    throw err
  }
}

export async function reservationsList(cli: CliContext, args: ParsedArgs): Promise<CommandResult> {
  const statuses = reservationStatusesOf(args)
  const { rows, total, countsByStatus } = await allPages((page) =>
    cli.call('reservations.list', { ...(statuses.length ? { statuses } : {}), ...page }),
  )
  const items = rows.map((r) => ({
    id: r.id,
    status: r.status,
    voucherNo: r.voucherNo,
    hotelName: r.hotelName,
    hotelId: r.hotelId,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    nights: r.nights,
    roomCode: r.roomCode,
    boardCode: r.boardCode,
    adults: r.adults,
    children: r.children,
    pax: r.pax,
    leadGuest: r.leadGuest,
    sourceId: r.sourceId,
    recId: r.sednaRecId,
    lastError: r.lastError && cli.say(r.lastError),
    lastAttemptAt: r.lastAttemptAt,
    cancelledAt: r.cancelledAt,
  }))
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
