/**
 * Waiting for a sync from the command line. The sync service answers when this process's engine is
 * idle; a command must also wait for items another process (the app, a second `sync`) is sending,
 * and for retries that fall due soon. It stops waiting for an item — a stop sale or a reservation —
 * once it is synced (or cancelled), parked (needs a person) or queued because Sedna is unreachable,
 * or when its next try is later than the command is willing to wait (`--wait`). Then it summarises
 * the rows as they are.
 */
import { inArray } from 'drizzle-orm'
import type { AppContext } from '../main/app-context'
import { reservations, stopSales, type ReservationRow, type StopSaleRow } from '../main/db/schema'
import { RESERVATION_ACTIVE } from '../main/reservations/queue'
import { liveClaimOwner } from '../main/outbox/leased-queue'
import { ACTIVE_STATUSES } from '../main/stop-sales/queue'
import { emptyKindCounts, tallyRows } from '../main/outbox/summary'
import type { ReservationStatus } from '../shared/reservations'
import type { StopSaleStatus } from '../shared/stop-sales'
import type { SyncKindCounts } from '../shared/sync'
import { EXIT, type ExitCode } from './errors'

const activeStopSale = (status: StopSaleStatus) => (ACTIVE_STATUSES as readonly string[]).includes(status)
const activeReservation = (status: ReservationStatus) => (RESERVATION_ACTIVE as readonly string[]).includes(status)

/** What a command sends and waits for: stop sale ids and reservation ids (two separate series). */
export interface Selection {
  stopSales: readonly number[]
  reservations: readonly number[]
}

export interface SettledRows {
  stopSales: StopSaleRow[]
  reservations: ReservationRow[]
}

/** The fields of a queue row (either kind) that say who holds it and when it is tried next. */
interface QueueFields {
  claimedBy: string | null
  leaseUntil: string | null
  nextAttemptAt: string | null
  waitingForNetwork: boolean
  lastError: string | null
}

export function rowsByIds(app: AppContext, ids: readonly number[]): StopSaleRow[] {
  const rows: StopSaleRow[] = []
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...app.database.db
        .select()
        .from(stopSales)
        .where(inArray(stopSales.id, ids.slice(i, i + 500)))
        .all(),
    )
  }
  return rows.sort((a, b) => a.id - b.id)
}

export function reservationRowsByIds(app: AppContext, ids: readonly number[]): ReservationRow[] {
  const rows: ReservationRow[] = []
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...app.database.db
        .select()
        .from(reservations)
        .where(inArray(reservations.id, ids.slice(i, i + 500)))
        .all(),
    )
  }
  return rows.sort((a, b) => a.id - b.id)
}

/** Ids of every stop sale and every reservation waiting in the queue (any process's). */
export function queuedIds(app: AppContext): { stopSales: number[]; reservations: number[] } {
  const db = app.database.db
  return {
    stopSales: db
      .select({ id: stopSales.id })
      .from(stopSales)
      .where(inArray(stopSales.status, [...ACTIVE_STATUSES]))
      .all()
      .map((r) => r.id),
    reservations: db
      .select({ id: reservations.id })
      .from(reservations)
      .where(inArray(reservations.status, [...RESERVATION_ACTIVE]))
      .all()
      .map((r) => r.id),
  }
}

/** The owner's pid when another live process holds an unexpired claim on the row. */
export function claimedElsewhere(
  app: AppContext,
  row: Pick<QueueFields, 'claimedBy' | 'leaseUntil'>,
  now = Date.now(),
): number | undefined {
  // Both queues claim under the same worker identity (this process's).
  return liveClaimOwner(row, new Date(now).toISOString(), app.sync.queue.worker)
}

export interface SettleOptions {
  /** Longest wait for retries and for other processes' claims. */
  maxWaitMs: number
  pollMs?: number
  /** A signal asked the command to stop: stop waiting now. */
  stopped: () => boolean
}

export async function settle(app: AppContext, selection: Selection, opts: SettleOptions): Promise<SettledRows> {
  const deadline = Date.now() + opts.maxWaitMs
  const pollMs = opts.pollMs ?? 200
  for (;;) {
    const rows: SettledRows = {
      stopSales: rowsByIds(app, selection.stopSales),
      reservations: reservationRowsByIds(app, selection.reservations),
    }
    const now = Date.now()
    const offline = app.sync.connectivity.state === 'offline'
    const active: QueueFields[] = [
      ...rows.stopSales.filter((r) => activeStopSale(r.status)),
      ...rows.reservations.filter((r) => activeReservation(r.status)),
    ]
    const waiting = active.filter(
      (r) =>
        !offline &&
        // A retry later than the deadline is "queued" for this run's purposes.
        !(r.nextAttemptAt && Date.parse(r.nextAttemptAt) > deadline),
    )
    if (!waiting.length || opts.stopped() || now >= deadline) {
      if (!app.sync.engine.running) return rows
    } else if (!app.sync.engine.running) {
      // Something selected is due and nobody holds it (e.g. another process gave it back): send it.
      const due = waiting.some(
        (r) =>
          (!r.nextAttemptAt || Date.parse(r.nextAttemptAt) <= now) &&
          r.claimedBy !== app.sync.queue.worker &&
          claimedElsewhere(app, r, now) === undefined,
      )
      if (due) app.sync.engine.wake()
    }
    await new Promise((r) => setTimeout(r, pollMs))
  }
}

export interface StopSaleResult {
  id: number
  status: StopSaleStatus
  recId: number | null
  message: string | null
}

export interface ReservationResult {
  id: number
  voucherNo: string
  status: ReservationStatus
  recId: number | null
  message: string | null
}

/**
 * The command line's sync answer: the app's sync summary (top-level counts over both kinds, a
 * breakdown per kind, one result per item, one error line per item that did not get through) plus
 * what Sedna looked like to this process and how many of the items this process sent itself.
 */
export interface CliSyncSummary {
  synced: number
  failed: number
  queued: number
  needsAttention: number
  needsReview: number
  /** Whether Sedna answered this process: online, offline, credentials-rejected, or unknown (nothing sent). */
  connectivity: string
  /** Items (both kinds) this process's engine worked on (the rest were sent by another process, or not due). */
  handledHere: number
  stopSales: SyncKindCounts
  reservations: SyncKindCounts
  /** The stop sales. */
  results: StopSaleResult[]
  reservationResults: ReservationResult[]
  errors: string[]
}

export function summarize(app: AppContext, rows: SettledRows): CliSyncSummary {
  const offline = app.sync.connectivity.state === 'offline'
  const outcomes = app.sync.engine.lastOutcomes
  const summary: CliSyncSummary = {
    synced: 0,
    failed: 0,
    queued: 0,
    needsAttention: 0,
    needsReview: 0,
    connectivity: app.sync.connectivity.state,
    // Whatever this engine sent, selected or not: with two runs at once, one may send what the other selected.
    handledHere: outcomes.size,
    stopSales: emptyKindCounts(),
    reservations: emptyKindCounts(),
    results: [],
    reservationResults: [],
    errors: [],
  }
  tallyRows(summary, rows, {
    stopSale: (r) => queuedReason(app, r, offline),
    reservation: (r) => queuedReason(app, r, offline, r.status === 'cancelling' ? 'Cancellation queued' : 'Queued'),
  })
  return summary
}

/** Why an item still waits, in words for the person reading a scheduler's log. */
export function queuedReason(app: AppContext, r: QueueFields, offline: boolean, what = 'Queued'): string {
  const last = r.lastError ? ` Last error: ${r.lastError}` : ''
  const owner = claimedElsewhere(app, r)
  if (owner !== undefined) return `Being sent by another process (pid ${owner}).`
  if (offline || r.waitingForNetwork) return `${what}: Sedna is not reachable.${last}`
  if (r.nextAttemptAt && Date.parse(r.nextAttemptAt) > Date.now())
    return `${what}: next try at ${r.nextAttemptAt}.${last}`
  return `${what}: due now.${last}`
}

/**
 * 3 when something is still queued (Sedna unreachable or asked to wait: the next run sends it),
 * else 1 when something failed or needs a person, else 0. The counts are over both kinds.
 */
export function syncExitCode(
  s: Pick<CliSyncSummary, 'queued' | 'failed' | 'needsAttention' | 'needsReview'>,
): ExitCode {
  if (s.queued > 0) return EXIT.unreachable
  if (s.failed + s.needsAttention + s.needsReview > 0) return EXIT.attention
  return EXIT.ok
}
