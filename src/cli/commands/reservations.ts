/**
 * `reservations import|list|sync|cancel`: the Reservations screens' work, through the same calls —
 * import preview then commit, the list, Sync (InsertReservation exactly once) and Cancel (after the
 * confirmation: for an unattended tool, `--yes`).
 */
import { reservations } from '../../main/db/schema'
import { eq } from 'drizzle-orm'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError, EXIT } from '../errors'
import { plural, table, type CliIo, type CommandResult } from '../output'
import { queuedIds, reservationRowsByIds, settle, summarize, syncExitCode, type CliSyncSummary } from '../settle'
import { positiveId, reservationIds, reservationStatusesOf, waitMs } from '../validate'
import { allPages, importNotes, listFooter } from './shared'
import { cleanedLines, importArgs, type CleanedRow } from './import'
import { progress, reservationResultsTable, type RunControl } from './sync'

/** The import keeps a row's reasons as sentences in one text; a script wants them one by one. */
const sentences = (reason: string | null) =>
  (reason ?? 'invalid')
    .split(/(?<=\.)\s+(?=[\p{Lu}\d"])/u)
    .map((s) => s.trim())
    .filter(Boolean)

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
        if (r.state === 'invalid') invalid.push({ row: r.row, line: r.line, errors: sentences(r.reason) })
        else if (r.attention) attention.push({ row: r.row, voucherNo: r.voucherNo, message: r.attention })
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
    lastError: r.lastError,
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

/** The reservations part of a sync summary, as `reservations sync` and `reservations cancel` answer. */
function reservationSummary(s: CliSyncSummary) {
  return {
    synced: s.reservations.synced,
    failed: s.reservations.failed,
    queued: s.reservations.queued,
    needsAttention: s.reservations.needsAttention,
    needsReview: s.reservations.needsReview,
    cancelled: s.reservations.cancelled,
    connectivity: s.connectivity,
    handledHere: s.handledHere,
    results: s.reservationResults,
  }
}

export async function reservationsSync(
  cli: CliContext,
  args: ParsedArgs,
  io: CliIo,
  control: RunControl,
): Promise<CommandResult> {
  const all = args.options.all === true
  const maxWaitMs = waitMs(args)
  let ids: number[]
  if (all) {
    // Every pending reservation, and every one already waiting in the queue (sent now, not after its backoff).
    const pending = cli.app.database.db
      .select({ id: reservations.id })
      .from(reservations)
      .where(eq(reservations.status, 'pending'))
      .all()
      .map((r) => r.id)
    ids = [...new Set([...queuedIds(cli.app).reservations, ...pending])]
  } else {
    ids = reservationIds(args.positionals)
    const found = new Set(reservationRowsByIds(cli.app, ids).map((r) => r.id))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length) throw CliError.usage(`no reservation ${missing.map((id) => `#${id}`).join(', ')}.`)
  }
  cli.activeProfile()
  const done = progress(cli, io, args.json)
  try {
    // The contract takes up to 10,000 ids a call; each call runs the engine until nothing is due.
    for (let i = 0; i < ids.length; i += 10_000) await cli.call('sync.reservations', { ids: ids.slice(i, i + 10_000) })
    const rows = await settle(cli.app, { stopSales: [], reservations: ids }, { maxWaitMs, stopped: control.stopped })
    const s = summarize(cli.app, rows)
    const lines = [
      ids.length
        ? `${s.synced} synced, ${s.failed} failed, ${s.queued} queued, ${s.needsAttention} need attention, ${s.needsReview} need review` +
          `${s.reservations.cancelled ? `, ${s.reservations.cancelled} cancelled` : ''} (Sedna: ${s.connectivity}).`
        : 'Nothing to send: no reservation was pending or queued.',
    ]
    if (ids.length) lines.push(reservationResultsTable(s.reservationResults))
    if (s.queued) {
      lines.push(
        `${plural(s.queued, 'reservation')} ${s.queued === 1 ? 'stays' : 'stay'} queued: the next "reservations sync --all", "sync --all" or "queue --flush" sends ${s.queued === 1 ? 'it' : 'them'} (so does the app while it runs).`,
      )
    }
    return { exitCode: syncExitCode(s), json: reservationSummary(s), text: lines.join('\n') }
  } finally {
    done()
  }
}

export async function reservationsCancel(
  cli: CliContext,
  args: ParsedArgs,
  _io: CliIo,
  control: RunControl,
): Promise<CommandResult> {
  const id = positiveId(args.positionals[0]!, 'a reservation id')
  if (args.options.yes !== true) {
    throw CliError.usage(
      `cancelling reservation #${id} in Sedna cannot be undone: add --yes to confirm (nothing was changed).`,
    )
  }
  const maxWaitMs = waitMs(args)
  const before = await cli.call('reservations.get', { id })
  const result = await cli.call('reservations.cancel', { id, confirm: true })
  // Still to go out (another process holds it, or a retry falls due soon): wait for it as sync does.
  const [row] =
    result.status === 'cancelling'
      ? (await settle(cli.app, { stopSales: [], reservations: [id] }, { maxWaitMs, stopped: control.stopped }))
          .reservations
      : reservationRowsByIds(cli.app, [id])
  const s = summarize(cli.app, { stopSales: [], reservations: row ? [row] : [] })
  const now = s.reservationResults[0]
  const status = now?.status ?? result.status
  const message =
    status === result.status ? result.message : status === 'cancelled' ? 'Cancelled in Sedna.' : (now?.message ?? '')
  const exitCode = status === 'cancelled' ? EXIT.ok : status === 'cancelling' ? EXIT.unreachable : EXIT.attention
  const json = {
    id,
    voucherNo: before.voucherNo,
    status,
    recId: now?.recId ?? result.recId,
    sourceId: before.sourceId,
    message,
    connectivity: cli.app.sync.connectivity.state,
  }
  const lines = [`Reservation #${id} (voucher ${before.voucherNo}): ${status}. ${message}`]
  if (status === 'cancelling') {
    lines.push(
      'The cancellation stays queued: the next "sync --all" or "queue --flush" sends it (so does the app while it runs).',
    )
  }
  return { exitCode, json, text: lines.join('\n') }
}
