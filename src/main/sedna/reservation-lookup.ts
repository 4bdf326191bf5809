/**
 * "Did my InsertReservation create the reservation?" — asked whenever its outcome is unknown (timeout,
 * reset, 5xx, unreadable answer, a crash before the RecId was stored), and when Sedna refuses it (a
 * refusal such as "SourceId already exists" may mean an earlier try did land). Reads the voucher's
 * reservations back — GetReservations with {"VoucherNo"} (VENDOR), falling back to
 * GetReservationByVoucher when that call is not there — and looks for the app's own SourceId.
 * Never guesses: answers without a SourceId, or several with ours, go to a person.
 *
 * Response shapes are GUESSES (sedna-api.md §6): ids as RecId / ReservationId / Id, the SourceId as
 * SourceId / SourceID, the state as Status / State text. Read leniently.
 */
import { message, type Message } from '../../shared/messages'
import type { CallOptions, SednaClient } from './client'
import { SednaError } from './failures'

/** `evidence`: why a person must decide, as a code (lookup.*) with the reservations' ids. */
export type ReservationLookup =
  | { outcome: 'found'; recId: number; cancelled: boolean }
  | { outcome: 'absent' }
  | { outcome: 'undecidable'; evidence: Message }

const field = (r: Record<string, unknown>, ...names: string[]) => {
  for (const n of names) if (r[n] !== undefined && r[n] !== null) return r[n]
  const lower = Object.keys(r).find((k) => names.some((n) => n.toLowerCase() === k.toLowerCase()))
  return lower === undefined ? undefined : r[lower]
}
const recIdOf = (r: Record<string, unknown>) => {
  const n = Number(field(r, 'RecId', 'ReservationId', 'Id'))
  return Number.isInteger(n) && n > 0 ? n : undefined
}
const isCancelled = (r: Record<string, unknown>) => /cancel|iptal/i.test(String(field(r, 'Status', 'State') ?? ''))

export async function findSentReservation(
  client: SednaClient,
  sent: { voucherNo: string; sourceId: string; operatorId: number },
  recIdsInUse: ReadonlySet<number>,
  options?: CallOptions,
): Promise<ReservationLookup> {
  let items: Record<string, unknown>[]
  try {
    items = (await client.getReservations({ VoucherNo: sent.voucherNo }, options)).items
  } catch (err) {
    // GetReservations not there (or answering something unreadable): ask by voucher instead.
    if (!(err instanceof SednaError) || !(err.status === 404 || err.status === 405 || err.kind === 'malformed'))
      throw err
    items = (await client.getReservationByVoucher(sent.voucherNo, sent.operatorId, options)).items
  }
  const sameOperator = items.filter((r) => {
    const op = field(r, 'OperatorId')
    return op === undefined || Number(op) === sent.operatorId
  })
  const ours = sameOperator.filter((r) => String(field(r, 'SourceId', 'SourceID') ?? '') === sent.sourceId)
  const unreadable = sameOperator.filter((r) => field(r, 'SourceId', 'SourceID') === undefined)
  const said = { voucher: sent.voucherNo, sourceId: sent.sourceId }
  if (ours.length === 0 && unreadable.length) {
    return {
      outcome: 'undecidable',
      evidence: message('lookup.reservationNoSourceId', { ...said, ids: ids(unreadable), count: unreadable.length }),
    }
  }
  if (ours.length === 0) return { outcome: 'absent' }
  const fresh = ours.filter((r) => !recIdsInUse.has(recIdOf(r) ?? 0))
  if (fresh.length === 1) {
    const recId = recIdOf(fresh[0]!)
    if (recId === undefined) return { outcome: 'undecidable', evidence: message('lookup.reservationNoRecId', said) }
    return { outcome: 'found', recId, cancelled: isCancelled(fresh[0]!) }
  }
  return {
    outcome: 'undecidable',
    evidence:
      fresh.length === 0
        ? message('lookup.reservationLinked', said)
        : message('lookup.reservationSeveral', { ...said, ids: ids(fresh) }),
  }
}

const ids = (records: Record<string, unknown>[]) => records.map((r) => recIdOf(r) ?? '?').join(', ')
