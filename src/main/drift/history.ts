/**
 * Drift in a stop sale's history (the detail's list of attempts): what a read of Sedna found and what a
 * person chose, each one line with phase 'drift'. No request was made for these, so nothing is counted
 * as an attempt on the record itself.
 */
import type Database from 'better-sqlite3'
import type { Message } from '../../shared/messages'
import { attemptMessageColumns } from '../outbox/messages'

/** The phase of drift lines in sync_attempts. */
export const DRIFT_PHASE = 'drift'

export type WriteHistory = (stopSaleId: number, message: Message, at: string) => void

export function historyWriter(sqlite: Database.Database): WriteHistory {
  const insert = sqlite.prepare(
    `insert into sync_attempts (stop_sale_id, started_at, phase, outcome, message, message_code, message_params)
     values (?, ?, '${DRIFT_PHASE}', 'ok', ?, ?, ?)`,
  )
  return (stopSaleId, m, at) => {
    const columns = attemptMessageColumns(m)
    const params = columns.messageParams === null ? null : JSON.stringify(columns.messageParams)
    insert.run(stopSaleId, at, columns.message, columns.messageCode, params)
  }
}
