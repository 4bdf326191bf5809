/**
 * Sedna's stop sales as the preview reads them: a fresh list answer, or the mirror's rows turned back into
 * the shape that list gives (so the look before a first send, findSameScope, reads both alike), and each
 * record's nights, rooms and boards as the overlap and the net-state rule (shared/net-state.ts) need them.
 */
import type { Notice } from '../../shared/net-state'
import type { SednaStopSaleRow } from '../db/schema'
import { timeOf } from '../mirror/read-record'
import type { SednaStopSaleRecord } from '../sedna/responses'
import { operatorOf } from '../sedna/stop-sale-scope'

/**
 * A mirror row in the list's own shape (the reverse of mirror/read-record.ts): a child list the mirror did
 * not get (null) stays unsaid, so findSameScope reads the remarks or calls it unclear, as with a fresh look.
 */
export function recordOfMirrorRow(row: SednaStopSaleRow): SednaStopSaleRecord {
  const record: SednaStopSaleRecord = { RecId: row.recId, BeginDate: row.beginDate, EndDate: row.endDate }
  if (row.hotelId !== null) record.HotelId = row.hotelId
  if (row.declareDate !== null) record.DeclareDate = row.declareDate
  if (row.stopType !== null) record.StopType = row.stopType
  if (row.state !== null) record.State = row.state
  if (row.recordUser !== null) record.RecordUser = row.recordUser
  if (row.roomRemark !== null) record.RoomRemark = row.roomRemark
  if (row.operatorRemark !== null) record.OperatorRemark = row.operatorRemark
  if (row.boardRemark !== null) record.BoardRemark = row.boardRemark
  if (row.rooms) record.StopSaleRooms = row.rooms.map((RoomTypeId) => ({ RoomTypeId, State: 1 }))
  if (row.boards) record.StopSaleBoards = row.boards.map((BoardId) => ({ BoardId, State: 1 }))
  if (row.operators) record.StopSaleOperators = row.operators.map((OperatorId) => ({ OperatorId, State: 1 }))
  if (row.markets) record.StopSaleMarkets = row.markets.map((MarketId) => ({ MarketId, State: 1 }))
  if (row.updateDate !== null) record.UpdateDate = row.updateDate
  if (row.recordDate !== null) record.RecordDate = row.recordDate
  return record
}

/** Rooms or boards: every one, or these ids. */
export type Side = 'all' | readonly number[]

/** What the preview compares of one Sedna record. */
export interface ReadRecord {
  recId: number
  first: string
  last: string
  kind: 'close' | 'open' | null
  rooms: Side
  boards: Side
  /** YYYY-MM-DDTHH:mm:ss, '' when Sedna did not say. */
  declaredAt: string
}

function childIds(record: SednaStopSaleRecord, array: string, idField: string): number[] | undefined {
  const list = record[array]
  if (!Array.isArray(list)) return undefined
  return list
    .filter((c) => !(c && typeof c === 'object' && (c as Record<string, unknown>).State === 0))
    .map((c) => (c && typeof c === 'object' ? Number((c as Record<string, unknown>)[idField]) : NaN))
    .filter((n) => Number.isInteger(n) && n > 0)
}

const codesOf = (remark: unknown) =>
  String(remark ?? '')
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean)

/**
 * Its children, else its remark's codes (known ones), else every one: a record that lists none, or says
 * too little to tell, is taken to cover them all — an overlap or a closed night is then said rather than missed.
 */
function sideOf(
  record: SednaStopSaleRecord,
  array: string,
  idField: string,
  remark: unknown,
  known: readonly { id: number; code: string }[],
): Side {
  const ids = childIds(record, array, idField)
  if (ids?.length) return ids
  const codes = codesOf(remark)
  if (codes.length) {
    const byCode = new Map(known.map((k) => [k.code.toUpperCase(), k.id]))
    const mapped = codes.flatMap((c) => (byCode.has(c) ? [byCode.get(c)!] : []))
    return mapped.length ? mapped : 'all'
  }
  return 'all'
}

export interface Reading {
  hotelId: number
  operatorId: number
  operatorCode: string
  hotelRooms: readonly { id: number; code: string }[]
  boards: readonly { id: number; code: string }[]
}

/**
 * The records at this hotel that are live (State 1 or unsaid) and concern this operator (ours listed, or
 * none listed), read; a record without readable nights is left out.
 */
export function readRecords(records: readonly SednaStopSaleRecord[], at: Reading): ReadRecord[] {
  const out: ReadRecord[] = []
  for (const r of records) {
    if (r.HotelId !== undefined && r.HotelId !== at.hotelId) continue
    if (r.State != null && r.State !== 1) continue
    const first = timeOf(r.BeginDate)?.slice(0, 10)
    const last = timeOf(r.EndDate)?.slice(0, 10)
    if (!first || !last) continue
    // Whose record, as the look before a first send reads it: another operator's concerns us not.
    if (operatorOf(r, at) === 'other') continue
    out.push({
      recId: r.RecId,
      first,
      last,
      kind: r.StopType === 0 ? 'close' : r.StopType === 1 ? 'open' : null,
      rooms: sideOf(r, 'StopSaleRooms', 'RoomTypeId', r.RoomRemark, at.hotelRooms),
      boards: sideOf(r, 'StopSaleBoards', 'BoardId', r.BoardRemark, at.boards),
      // DeclareDate, else Sedna's record date (as the calendar orders a record that has none).
      declaredAt: timeOf(r.DeclareDate) ?? timeOf(r.RecordDate) ?? '',
    })
  }
  return out
}

export const sidesMeet = (a: Side, b: Side) => a === 'all' || b === 'all' || a.some((x) => b.includes(x))

/** A Sedna record as the net-state rule takes it (one of unknown type says neither close nor open: left out). */
export function noticeOfRecord(r: ReadRecord): Notice | undefined {
  if (!r.kind) return undefined
  return {
    key: `sedna:${r.recId}`,
    kind: r.kind,
    firstNight: r.first,
    lastNight: r.last,
    rooms: r.rooms,
    boards: r.boards,
    declaredAt: r.declaredAt,
    inSedna: true,
  }
}
