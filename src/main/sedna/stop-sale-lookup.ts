/**
 * "Did my phase 1 create a record?" — asked whenever phase 1's outcome is unknown (timeout, reset,
 * 5xx, a crash before the RecId was stored). Reads the hotel's stop sales for those nights back from
 * Sedna and matches exactly what was sent, DeclareDate included. Never guesses: when Sedna's answer
 * cannot tell (a field missing, two matches), a person decides.
 */
import { message, type Message } from '../../shared/messages'
import type { SednaClient, CallOptions, UpdateStopSaleBody } from './client'
import type { SednaStopSaleRecord } from './responses'

/** `evidence`: why a person must decide, as a code (lookup.*) with the records' ids. */
export type LookupResult =
  { outcome: 'found'; recId: number } | { outcome: 'absent' } | { outcome: 'undecidable'; evidence: Message }

/** Compares Sedna date-times by their first 19 characters (YYYY-MM-DDTHH:mm:ss): no zone, no ms. */
const sameMoment = (a: string | null | undefined, b: string) =>
  typeof a === 'string' && a.replace(' ', 'T').slice(0, 19) === b.slice(0, 19)
const sameDay = (a: string | undefined, b: string) => typeof a === 'string' && a.slice(0, 10) === b.slice(0, 10)

export async function findSentStopSale(
  client: SednaClient,
  sent: UpdateStopSaleBody,
  recIdsInUse: ReadonlySet<number>,
  options?: CallOptions,
): Promise<LookupResult> {
  const { items, skipped } = await client.getStopSaleList(
    { hotelId: sent.HotelId, stopDateBegin: sent.BeginDate.slice(0, 10), stopDateEnd: sent.EndDate.slice(0, 10) },
    options,
  )
  // Items that could not be read (no RecId…) may be the one sent: a person decides.
  if (skipped > 0) return { outcome: 'undecidable', evidence: message('lookup.stopSaleUnreadable', { count: skipped }) }
  const candidates = items.filter(
    (r) =>
      (r.HotelId === undefined || r.HotelId === sent.HotelId) &&
      sameDay(r.BeginDate, sent.BeginDate) &&
      sameDay(r.EndDate, sent.EndDate) &&
      (r.StopType == null || r.StopType === sent.StopType) &&
      !recIdsInUse.has(r.RecId),
  )
  const unreadable = candidates.filter((r) => r.DeclareDate == null)
  if (unreadable.length) {
    return {
      outcome: 'undecidable',
      evidence: message('lookup.stopSaleNoDeclareDate', { ids: ids(unreadable), count: unreadable.length }),
    }
  }
  const matches = candidates.filter(
    (r) =>
      sameMoment(r.DeclareDate, sent.DeclareDate) &&
      (r.RecordUser == null || r.RecordUser === sent.RecordUser) &&
      (r.OperatorRemark == null || r.OperatorRemark === sent.OperatorRemark),
  )
  if (matches.length === 1) return { outcome: 'found', recId: matches[0]!.RecId }
  if (matches.length === 0) return { outcome: 'absent' }
  return { outcome: 'undecidable', evidence: message('lookup.stopSaleSeveral', { ids: ids(matches) }) }
}

const ids = (records: SednaStopSaleRecord[]) => records.map((r) => r.RecId).join(', ')
