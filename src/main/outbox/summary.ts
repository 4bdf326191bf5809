/**
 * The command line's own count of a sync, in English text from the rows' text columns.
 * @deprecated The command line's old copy (src/cli/settle.ts): the outbox counts with codes in views.ts,
 * and settle.ts (createOutboxCommands) gives the command line everything it waits for. Remove this file
 * once src/cli uses that service.
 */
import type { ReservationStatus } from '../../shared/reservations'
import {
  reservationQueueStatuses as RESERVATION_ACTIVE,
  stopSaleQueueStatuses as ACTIVE_STATUSES,
} from '../../shared/queue'
import type { StopSaleStatus } from '../../shared/stop-sales'
import type { SyncKindCounts } from '../../shared/sync'
import type { ReservationRow, StopSaleRow } from '../db/schema'

export { emptyKindCounts } from './views'

/** The parts of a sync answer (the app's or the command line's) that the rows are counted into. */
export interface TalliedSummary {
  synced: number
  failed: number
  queued: number
  needsAttention: number
  needsReview: number
  stopSales: SyncKindCounts
  reservations: SyncKindCounts
  results: { id: number; status: StopSaleStatus; recId: number | null; message: string | null }[]
  reservationResults: {
    id: number
    voucherNo: string
    status: ReservationStatus
    recId: number | null
    message: string | null
  }[]
  errors: string[]
}

/**
 * Counts the rows into `summary` (the top-level counts over both kinds, and per kind), one result per
 * row and one error line per row that did not get through. `waiting` words why a row in an active
 * status still waits (it becomes that row's message).
 */
export function tallyRows(
  summary: TalliedSummary,
  rows: { stopSales: readonly StopSaleRow[]; reservations: readonly ReservationRow[] },
  waiting: { stopSale(r: StopSaleRow): string; reservation(r: ReservationRow): string },
): void {
  const tally = (kind: SyncKindCounts, key: Exclude<keyof SyncKindCounts, 'cancelled'>) => {
    kind[key]++
    summary[key]++
  }
  for (const r of rows.stopSales) {
    let message = r.lastError
    if (r.status === 'synced') tally(summary.stopSales, 'synced')
    else if (r.status === 'failed') tally(summary.stopSales, 'failed')
    else if (r.status === 'needs_attention') tally(summary.stopSales, 'needsAttention')
    else if (r.status === 'needs_review') tally(summary.stopSales, 'needsReview')
    else if ((ACTIVE_STATUSES as readonly string[]).includes(r.status)) {
      tally(summary.stopSales, 'queued')
      message = waiting.stopSale(r)
    }
    summary.results.push({ id: r.id, status: r.status, recId: r.sednaRecId, message })
    if (r.status !== 'synced' && message) summary.errors.push(`Stop sale #${r.id} (${r.hotelName}): ${message}`)
  }
  for (const r of rows.reservations) {
    let message = r.lastError
    const counts = summary.reservations
    if (r.status === 'synced') tally(counts, 'synced')
    else if (r.status === 'cancelled') counts.cancelled++
    else if (r.status === 'failed') tally(counts, 'failed')
    else if (r.status === 'needs_attention') tally(counts, 'needsAttention')
    else if (r.status === 'needs_review') tally(counts, 'needsReview')
    else if ((RESERVATION_ACTIVE as readonly string[]).includes(r.status)) {
      tally(counts, 'queued')
      message = waiting.reservation(r)
    }
    summary.reservationResults.push({
      id: r.id,
      voucherNo: r.voucherNo,
      status: r.status,
      recId: r.sednaRecId,
      message,
    })
    if (r.status !== 'synced' && r.status !== 'cancelled' && message) {
      summary.errors.push(`Reservation #${r.id} (voucher ${r.voucherNo}): ${message}`)
    }
  }
}
