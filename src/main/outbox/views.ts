/**
 * How the outbox's rows read, for every kind alike: where a waiting row stands and why (queue.why.*),
 * a queue item, and a sync summary counted from the rows as they are now. The queue view, the app's
 * sync answers and the command line's all word the same state the same way, from here.
 */
import { message, type Message } from '../../shared/messages'
import type { QueueItem, QueueItemState } from '../../shared/queue'
import type { SyncKindCounts, SyncSummary } from '../../shared/sync'
import type { ConnectivityState } from './connectivity'
import { liveClaimOwner, waitingState } from './claims'
import type { ItemKind, OutboxKind, OutboxRow } from './kind'
import { formatWhen, lastErrorOf } from './messages'

/** Any kind, as the views take it (they read only the queue columns every kind's rows have). */
export type AnyKind = OutboxKind

/** The ids of some records, per kind (the two kinds' ids are separate series). */
export interface Selection {
  stopSales: readonly number[]
  reservations: readonly number[]
}

export const selectionKey = { stopSale: 'stopSales', reservation: 'reservations' } as const satisfies Record<
  ItemKind,
  keyof Selection
>

/** The event that makes lists of a kind refetch. */
export const changedEvent = { stopSale: 'stopSales.changed', reservation: 'reservations.changed' } as const

/** What the views need to know about now: the time, this process's claim identity, whether Sedna answers. */
export interface ViewContext {
  now: string
  worker: string
  connectivity: ConnectivityState
}

export interface Waiting {
  state: QueueItemState
  why: Message
  /** Another live process (or another worker of this one) holds it: its pid. */
  sentByPid: number | null
}

/** Where a waiting row stands and why, in the queue's words. */
export function waitingOf(kind: AnyKind, row: OutboxRow, ctx: ViewContext): Waiting {
  const state = waitingState(row, ctx.now, ctx.worker, ctx.connectivity === 'offline')
  const owner = liveClaimOwner(row, ctx.now, ctx.worker) ?? null
  const cancel = kind.describe(row).action === 'cancel'
  let why: Message
  if (state === 'sending') {
    why =
      owner !== null && owner !== process.pid
        ? message('queue.why.sendingElsewhere', { pid: owner })
        : message('queue.why.sending')
  } else if (state === 'waiting-for-sedna') {
    why = message(cancel ? 'queue.why.cancelWaitingForSedna' : 'queue.why.waitingForSedna')
  } else if (state === 'retry-later') {
    why = message(cancel ? 'queue.why.cancelRetryLater' : 'queue.why.retryLater', {
      at: formatWhen(row.nextAttemptAt!),
    })
  } else why = message('queue.why.due')
  return { state, why, sentByPid: owner }
}

export function queueItem(kind: AnyKind, row: OutboxRow, ctx: ViewContext): QueueItem {
  const { state, why, sentByPid } = waitingOf(kind, row, ctx)
  return {
    ...kind.describe(row).queueFields,
    id: row.id,
    state,
    why,
    lastError: lastErrorOf(row),
    attempts: row.attempts,
    lastAttemptAt: row.lastAttemptAt,
    nextAttemptAt: row.nextAttemptAt,
    sednaRecId: row.sednaRecId,
    sentByPid,
    actions: state === 'sending' ? [] : ['tryNow'],
  } as QueueItem
}

export const emptyKindCounts = (): SyncKindCounts => ({
  synced: 0,
  failed: 0,
  queued: 0,
  needsAttention: 0,
  needsReview: 0,
  cancelled: 0,
})

export function emptySummary(connectivity: ConnectivityState): SyncSummary {
  return {
    synced: 0,
    failed: 0,
    queued: 0,
    needsAttention: 0,
    needsReview: 0,
    connectivity,
    results: [],
    stopSales: emptyKindCounts(),
    reservations: emptyKindCounts(),
    reservationResults: [],
    errors: [],
  }
}

const counted = {
  synced: 'synced',
  failed: 'failed',
  needs_attention: 'needsAttention',
  needs_review: 'needsReview',
} as const satisfies Record<string, Exclude<keyof SyncKindCounts, 'cancelled'>>

/**
 * Counts a kind's rows into `summary` (the top-level counts over both kinds, and per kind): one result
 * per row — its reason when parked, why it waits when waiting — and one problem per row that did not
 * get through.
 */
export function tally(summary: SyncSummary, kind: AnyKind, rows: readonly OutboxRow[], ctx: ViewContext): void {
  const counts = summary[selectionKey[kind.kind]]
  for (const row of rows) {
    const key = counted[row.status as keyof typeof counted] as (typeof counted)[keyof typeof counted] | undefined
    const waiting = kind.queue.isWaiting(row.status)
    let result: Message | null = lastErrorOf(row)
    let lastError: Message | null = null
    if (key) {
      counts[key]++
      summary[key]++
    } else if (row.status === 'cancelled') counts.cancelled++
    else if (waiting) {
      counts.queued++
      summary.queued++
      lastError = result
      result = waitingOf(kind, row, ctx).why
    }
    if (row.status === 'synced' || row.status === 'cancelled') result = null
    const d = kind.describe(row)
    const entry = {
      id: row.id,
      status: row.status,
      recId: row.sednaRecId,
      message: result,
      lastError,
      ...d.resultFields,
    }
    if (kind.kind === 'stopSale') summary.results.push(entry as SyncSummary['results'][number])
    else summary.reservationResults.push(entry as SyncSummary['reservationResults'][number])
    if (result) summary.errors.push({ kind: kind.kind, id: row.id, label: d.label, message: result })
  }
}

/** The summary of these records as they are now (both kinds). */
export function summarize(kinds: readonly AnyKind[], ids: Selection, ctx: ViewContext): SyncSummary {
  const summary = emptySummary(ctx.connectivity)
  for (const kind of kinds) tally(summary, kind, kind.queue.rowsByIds(ids[selectionKey[kind.kind]]), ctx)
  return summary
}
