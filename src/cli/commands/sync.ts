/**
 * `sync ID… | sync --all`, `queue`, `queue --flush`: the app's sync service, waited for. `sync --all`
 * and the queue cover both kinds the one engine sends: stop sales and reservations.
 */
import { asc, count, inArray } from 'drizzle-orm'
import { reservations, stopSales, type ReservationRow, type StopSaleRow } from '../../main/db/schema'
import { RESERVATION_ACTIVE } from '../../main/reservations/queue'
import { waitingState } from '../../main/outbox/leased-queue'
import { ACTIVE_STATUSES } from '../../main/stop-sales/queue'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError, EXIT } from '../errors'
import { nights, plural, table, type CommandResult, type CliIo } from '../output'
import { stopSaleIds, waitMs } from '../validate'
import {
  claimedElsewhere,
  queuedIds,
  queuedReason,
  rowsByIds,
  settle,
  summarize,
  syncExitCode,
  type CliSyncSummary,
} from '../settle'

export interface RunControl {
  /** True once SIGINT/SIGTERM asked the command to stop after the items in flight. */
  stopped(): boolean
}

/** Shows the sync's progress on an interactive stderr; scheduled runs get only the summary. */
export function progress(cli: CliContext, io: CliIo, json: boolean): () => void {
  if (json || !io.stderr.isTTY) return () => {}
  let shown = false
  const off = cli.app.events.subscribe((name, payload) => {
    if (name !== 'sync.progress') return
    const p = payload as { running: boolean; done: number; total: number; synced: number }
    io.stderr.write(`\rsending: ${p.done}/${p.total} done, ${p.synced} synced   `)
    shown = true
  })
  return () => {
    off()
    if (shown) io.stderr.write('\n')
  }
}

export async function syncCommand(
  cli: CliContext,
  args: ParsedArgs,
  io: CliIo,
  control: RunControl,
): Promise<CommandResult> {
  const all = args.options.all === true
  const maxWaitMs = waitMs(args)
  const ids = all ? [] : stopSaleIds(args.positionals)
  if (!all) {
    const found = new Set(rowsByIds(cli.app, ids).map((r) => r.id))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length) throw CliError.usage(`no stop sale ${missing.map((id) => `#${id}`).join(', ')}.`)
  }
  cli.activeProfile()
  const done = progress(cli, io, args.json)
  try {
    let selection: { stopSales: number[]; reservations: number[] }
    if (all) {
      // Everything already waiting in the queue (both kinds) goes now too, not after its backoff.
      const waiting = queuedIds(cli.app)
      cli.app.sync.engine.allDueNow()
      // Every pending stop sale and every pending reservation.
      const first = await cli.call('sync.allPending', {})
      selection = {
        stopSales: [...new Set([...waiting.stopSales, ...first.results.map((r) => r.id)])],
        reservations: [...new Set([...waiting.reservations, ...first.reservationResults.map((r) => r.id)])],
      }
    } else {
      await cli.call('sync.stopSales', { ids })
      selection = { stopSales: ids, reservations: [] }
    }
    const rows = await settle(cli.app, selection, { maxWaitMs, stopped: control.stopped })
    return syncResult(summarize(cli.app, rows), all ? 'nothing was pending or queued' : '')
  } finally {
    done()
  }
}

export async function queueCommand(
  cli: CliContext,
  args: ParsedArgs,
  io: CliIo,
  control: RunControl,
): Promise<CommandResult> {
  if (args.options.flush !== true) return showQueue(cli)
  const maxWaitMs = waitMs(args)
  cli.activeProfile()
  const selection = queuedIds(cli.app)
  const done = progress(cli, io, args.json)
  try {
    // "Try now": Sedna is checked again and everything waiting (both kinds) is due at once.
    if (selection.stopSales.length || selection.reservations.length) await cli.call('sync.retryNow', {})
    const rows = await settle(cli.app, selection, { maxWaitMs, stopped: control.stopped })
    return syncResult(summarize(cli.app, rows), 'the queue is empty')
  } finally {
    done()
  }
}

const countsLine = (c: {
  synced: number
  failed: number
  queued: number
  needsAttention: number
  needsReview: number
}) =>
  `${c.synced} synced, ${c.failed} failed, ${c.queued} queued, ${c.needsAttention} need attention, ${c.needsReview} need review`

function syncResult(s: CliSyncSummary, emptyText: string): CommandResult {
  const stops = s.results.length
  const res = s.reservationResults.length
  const lines: string[] = []
  if (!stops && !res) lines.push(`Nothing to send: ${emptyText}.`)
  else {
    lines.push(`${countsLine(s)} (Sedna: ${s.connectivity}).`)
    // Both kinds in one run: say which is which.
    if (stops && res) {
      lines.push(
        `Stop sales: ${countsLine(s.stopSales)}. Reservations: ${countsLine(s.reservations)}` +
          `${s.reservations.cancelled ? `, ${s.reservations.cancelled} cancelled` : ''}.`,
      )
    }
  }
  if (stops) {
    lines.push(
      table(
        ['ID', 'STATUS', 'RECID', 'MESSAGE'],
        s.results.map((r) => [r.id, r.status, r.recId, r.message]),
        160,
      ),
    )
  }
  if (res) {
    if (stops) lines.push('Reservations:')
    lines.push(reservationResultsTable(s.reservationResults))
  }
  if (s.queued) {
    lines.push(
      `${queuedWhat(s)} ${s.queued === 1 ? 'stays' : 'stay'} queued: the next "sync --all" or "queue --flush" sends ${s.queued === 1 ? 'it' : 'them'} (so does the app while it runs).`,
    )
  }
  return { exitCode: syncExitCode(s), json: s, text: lines.join('\n') }
}

export const reservationResultsTable = (results: CliSyncSummary['reservationResults']) =>
  table(
    ['ID', 'VOUCHER', 'STATUS', 'RECID', 'MESSAGE'],
    results.map((r) => [r.id, r.voucherNo, r.status, r.recId, r.message]),
    160,
  )

function queuedWhat(s: CliSyncSummary): string {
  const parts = [
    s.stopSales.queued ? plural(s.stopSales.queued, 'stop sale') : '',
    s.reservations.queued ? plural(s.reservations.queued, 'reservation') : '',
  ].filter(Boolean)
  return parts.join(' and ')
}

/** The queue screen's words for where a waiting item stands. */
const queueState = (cli: CliContext, r: StopSaleRow | ReservationRow, now: number) =>
  waitingState(r, new Date(now).toISOString(), cli.app.sync.queue.worker)

type Parked = { needsAttention: number; needsReview: number; failed: number }

function parkedCounts(rows: { status: string; n: number }[]): Parked {
  const parked: Parked = { needsAttention: 0, needsReview: 0, failed: 0 }
  for (const p of rows) {
    if (p.status === 'needs_attention') parked.needsAttention = p.n
    else if (p.status === 'needs_review') parked.needsReview = p.n
    else if (p.status === 'failed') parked.failed = p.n
  }
  return parked
}

/**
 * Reads the queue's rows itself (the `queue.list` call covers stop sales only, and cannot tell a live
 * owner's claim from a crashed one's): both kinds, in the order the sync takes them.
 */
function showQueue(cli: CliContext): CommandResult {
  const { app } = cli
  const db = app.database.db
  const status = app.services.sync.status()
  const parkedStatuses = ['needs_attention', 'needs_review', 'failed'] as const
  const { stopRows, reservationRows, parkedStops, parkedReservations } = db.transaction(() => ({
    stopRows: db
      .select()
      .from(stopSales)
      .where(inArray(stopSales.status, [...ACTIVE_STATUSES]))
      .orderBy(asc(stopSales.nextAttemptAt), asc(stopSales.id))
      .all(),
    reservationRows: db
      .select()
      .from(reservations)
      .where(inArray(reservations.status, [...RESERVATION_ACTIVE]))
      .orderBy(asc(reservations.nextAttemptAt), asc(reservations.id))
      .all(),
    parkedStops: parkedCounts(
      db
        .select({ status: stopSales.status, n: count() })
        .from(stopSales)
        .where(inArray(stopSales.status, [...parkedStatuses]))
        .groupBy(stopSales.status)
        .all(),
    ),
    parkedReservations: parkedCounts(
      db
        .select({ status: reservations.status, n: count() })
        .from(reservations)
        .where(inArray(reservations.status, [...parkedStatuses]))
        .groupBy(reservations.status)
        .all(),
    ),
  }))
  const now = Date.now()
  const items = stopRows.map((r) => ({
    id: r.id,
    status: r.status,
    state: queueState(cli, r, now),
    hotelName: r.hotelName,
    firstNight: r.firstNight,
    lastNight: r.lastNight,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    waitingForNetwork: r.waitingForNetwork,
    sentByPid: claimedElsewhere(app, r) ?? null,
    recId: r.sednaRecId,
    lastError: r.lastError,
    why: queuedReason(app, r, false),
  }))
  const reservationItems = reservationRows.map((r) => ({
    id: r.id,
    voucherNo: r.voucherNo,
    status: r.status,
    /** send: InsertReservation; cancel: CancelReservationBySourcId. */
    action: r.status === 'cancelling' ? ('cancel' as const) : ('send' as const),
    state: queueState(cli, r, now),
    hotelName: r.hotelName,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    waitingForNetwork: r.waitingForNetwork,
    sentByPid: claimedElsewhere(app, r) ?? null,
    recId: r.sednaRecId,
    lastError: r.lastError,
    why: queuedReason(app, r, false, r.status === 'cancelling' ? 'Cancellation queued' : 'Queued'),
  }))
  const waiting = items.length + reservationItems.length
  const lines = [
    waiting
      ? `${[items.length ? plural(items.length, 'stop sale') : '', reservationItems.length ? plural(reservationItems.length, 'reservation') : ''].filter(Boolean).join(' and ')} waiting to be sent${status.nextAttemptAt ? `; next due ${status.nextAttemptAt}` : ''}.`
      : 'Nothing waits to be sent.',
  ]
  if (items.length) {
    lines.push(
      table(
        ['ID', 'STATUS', 'HOTEL', 'NIGHTS', 'TRIES', 'WHY'],
        items.map((i) => [i.id, i.status, i.hotelName, nights(i.firstNight, i.lastNight), i.attempts, i.why]),
        160,
      ),
    )
  }
  if (reservationItems.length) {
    if (items.length) lines.push('Reservations:')
    lines.push(
      table(
        ['ID', 'VOUCHER', 'STATUS', 'HOTEL', 'STAY', 'TRIES', 'WHY'],
        reservationItems.map((i) => [
          i.id,
          i.voucherNo,
          i.status,
          i.hotelName,
          `${i.checkIn}..${i.checkOut}`,
          i.attempts,
          i.why,
        ]),
        160,
      ),
    )
  }
  const parked: Parked = {
    needsAttention: parkedStops.needsAttention + parkedReservations.needsAttention,
    needsReview: parkedStops.needsReview + parkedReservations.needsReview,
    failed: parkedStops.failed + parkedReservations.failed,
  }
  const person = (p: Parked) => p.needsAttention + p.needsReview + p.failed
  const says = (p: Parked) => `${p.needsAttention} need attention, ${p.needsReview} need review, ${p.failed} failed`
  if (person(parkedStops)) {
    lines.push(
      `Stop sales not in the queue, waiting for a person: ${says(parkedStops)} ("list --status needs_attention").`,
    )
  }
  if (person(parkedReservations)) {
    lines.push(
      `Reservations not in the queue, waiting for a person: ${says(parkedReservations)} ("reservations list --status needs_attention").`,
    )
  }
  return {
    exitCode: EXIT.ok,
    json: {
      waiting,
      waitingStopSales: items.length,
      waitingReservations: reservationItems.length,
      nextAttemptAt: status.nextAttemptAt,
      items,
      reservations: reservationItems,
      parked,
      parkedByKind: { stopSales: parkedStops, reservations: parkedReservations },
    },
    text: lines.join('\n'),
  }
}
