/**
 * Sedna's records of one hotel, as the mirror last read them, turned into calendar notices. Rooms and
 * boards are read as the look before a first send reads them (sedna/stop-sale-scope.ts): the children's
 * ids, else the remark's codes; nothing listed is "all" (the simulator's and the earlier integration's
 * reading); a list naming every room type (board) the reference cache knows is "all". A record not in
 * force (a State other than 1) or whose StopType is neither 0 nor 1 says nothing about any night.
 */
import type Database from 'better-sqlite3'
import { timeOf } from '../mirror/read-record'

export interface Known {
  id: number
  code: string
}

/** Rooms or boards: 'all', or the ids named. */
export type Scope = readonly number[] | 'all'

export interface MirrorRow {
  recId: number
  beginDate: string
  endDate: string
  declareDate: string | null
  recordDate: string | null
  stopType: number | null
  state: number | null
  recordUser: string | null
  rooms: string | null
  boards: string | null
  roomRemark: string | null
  boardRemark: string | null
  operators: string | null
  operatorRemark: string | null
}

/** One prepared read per calendar: the live records of a hotel whose nights touch [from, to]. */
export function mirrorReader(sqlite: Database.Database) {
  const statement = sqlite.prepare<{ profileId: number; hotelId: number; from: string; to: string }, MirrorRow>(
    `select rec_id as recId, begin_date as beginDate, end_date as endDate, declare_date as declareDate,
            record_date as recordDate, stop_type as stopType, state, record_user as recordUser, rooms, boards,
            room_remark as roomRemark, board_remark as boardRemark, operators, operator_remark as operatorRemark
       from sedna_stop_sales
      where profile_id = @profileId and hotel_id = @hotelId and gone_at is null
        and begin_date <= @to and end_date >= @from`,
  )
  return (q: { profileId: number; hotelId: number; from: string; to: string }) => statement.all(q)
}

const covers = (ids: readonly number[], known: readonly Known[]) =>
  known.length > 0 && known.every((k) => ids.includes(k.id))

function idList(json: string | null): number[] | null {
  if (json === null) return null
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? parsed.filter((n): n is number => Number.isInteger(n)) : null
  } catch {
    return null
  }
}

/** The children's ids; else the remark's codes as ids the cache knows; nothing listed: all. */
export function sednaScope(idsJson: string | null, remark: string | null, known: readonly Known[]): Scope {
  const ids = idList(idsJson)
  if (ids?.length) return covers(ids, known) ? 'all' : ids
  const codes = String(remark ?? '')
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean)
  if (codes.length) {
    const byCode = known.filter((k) => codes.includes(k.code.toUpperCase())).map((k) => k.id)
    // Codes the cache does not know say too little to tell which rooms: taken as all of them, as the
    // preview takes them (a night shown closed that may not be, rather than open when it is closed).
    return byCode.length === 0 || covers(byCode, known) ? 'all' : byCode
  }
  return 'all'
}

/**
 * Whether a Sedna record concerns this account's operator: its operators' ids name ours (when the account's
 * id is known), else its operator remark names our code; a record naming no operator concerns them all,
 * and one that cannot be told is taken as ours (a night shown closed rather than missed).
 */
export function concernsOperator(
  operatorsJson: string | null,
  operatorRemark: string | null,
  operator: { id: number | null; code: string | null },
): boolean {
  const ids = idList(operatorsJson)
  if (ids?.length && operator.id !== null) return ids.includes(operator.id)
  const codes = String(operatorRemark ?? '')
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean)
  if (codes.length && operator.code !== null) return codes.includes(operator.code.toUpperCase())
  return true
}

/** 0 close, 1 open; null: not told or another value (the record is then not placed). */
export const kindOfStopType = (stopType: number | null): 'close' | 'open' | null =>
  stopType === 0 ? 'close' : stopType === 1 ? 'open' : null

/** In force: State 1, or not told (as the look reads it). */
export const inForce = (state: number | null) => state === null || state === 1

/** Sedna's DeclareDate, else its own record date, else '' — read as the preview reads a fresh answer (ISO or .NET dates). */
export const sednaDeclaredAt = (row: Pick<MirrorRow, 'declareDate' | 'recordDate'>) =>
  timeOf(row.declareDate) ?? timeOf(row.recordDate) ?? ''
