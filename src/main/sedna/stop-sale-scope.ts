/**
 * "Is this stop sale already in Sedna?" — asked before every first send (#14: several desks share one
 * Sedna account, and people type records in Sedna's own screens). A Sedna record with the same scope —
 * hotel, first and last night, close/open, rooms, boards, operator — is adopted instead of sent:
 *  - declared at the same moment: another desk sent this very notice;
 *  - declared later: the hotel said the same again later; sending ours changes nothing;
 *  - declared earlier: the hotel repeated itself — adopted only when no notice declared in between
 *    changed any of those nights the other way (stop, open-sale, stop again: the second stop is sent).
 * A partial overlap is another scope: it is sent, and the overlap is said. When Sedna's answer cannot
 * tell (a field missing where it matters, two equal candidates), a person decides. Answer shapes are
 * GUESSes (sedna-api.md §5): children arrays may be missing (the remarks are read then), and so may
 * StopType, DeclareDate or RecordUser.
 */
import { message, type Message } from '../../shared/messages'
import type { AllMode } from '../../shared/profiles'
import type { ResolvedIds } from './stop-sale-payload'
import type { SednaStopSaleRecord } from './responses'

/** What we would send, as the look compares it. */
export interface OurScope {
  hotelId: number
  firstNight: string
  lastNight: string
  stopType: 0 | 1
  declareDate: string
  operatorId: number
  operatorCode: string
  resolution: ResolvedIds
  /** How the account sends "all": an empty list from Sedna means all only with 'empty'. */
  allRooms: AllMode
  allBoards: AllMode
  /** Every room type id and code of the hotel, every board (the reference cache): a full list is "all". */
  hotelRooms: readonly { id: number; code: string }[]
  boards: readonly { id: number; code: string }[]
}

/** A local record of the other kind (open vs close) at this hotel, not yet in Sedna. */
export interface LocalNotice {
  id: number
  firstNight: string
  lastNight: string
  declareDate: string
}

export type ScopeAnswer =
  | { outcome: 'found'; record: SednaStopSaleRecord; note: Message }
  | { outcome: 'absent'; note?: Message }
  | { outcome: 'undecidable'; evidence: Message }

/** One side of a record (rooms, boards): all, some ids, some codes, or not told. */
type Side = { all: true } | { all: false; ids?: Set<number>; codes?: Set<string> } | 'unknown'
type Tri = 'yes' | 'no' | 'unknown'

const day = (s: string | null | undefined) => (typeof s === 'string' ? s.slice(0, 10) : undefined)
/** A Sedna date-time as YYYY-MM-DDTHH:mm:ss (no zone, no ms), comparable as text; null when absent. */
export function moment(s: string | null | undefined): string | null {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(s)) return null
  const t = s.replace(' ', 'T').slice(0, 19)
  return t.length === 10 ? `${t}T00:00:00` : t.length === 16 ? `${t}:00` : t
}
const codeSet = (remark: string | null | undefined) =>
  new Set(
    String(remark ?? '')
      .split(',')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
  )

function childIds(record: SednaStopSaleRecord, array: string, idField: string): number[] | undefined {
  const list = record[array]
  if (!Array.isArray(list)) return undefined
  return list
    .map((c) => (c && typeof c === 'object' ? Number((c as Record<string, unknown>)[idField]) : NaN))
    .filter((n) => Number.isInteger(n) && n > 0)
}

/** Reads rooms or boards of a Sedna record: its children, else its remark (a record mid-way has only that). */
function sednaSide(
  record: SednaStopSaleRecord,
  array: string,
  idField: string,
  remarkField: 'RoomRemark' | 'BoardRemark',
  mode: AllMode,
  known: readonly { id: number; code: string }[],
): Side {
  const ids = childIds(record, array, idField)
  const remark = record[remarkField]
  if (ids?.length) {
    return known.length && known.every((k) => ids.includes(k.id)) ? { all: true } : { all: false, ids: new Set(ids) }
  }
  const codes = codeSet(remark)
  if (codes.size) {
    return known.length && known.every((k) => codes.has(k.code.toUpperCase())) ? { all: true } : { all: false, codes }
  }
  if (ids === undefined && remark === undefined) return 'unknown'
  // Nothing listed: "all" only where the account says an empty list means all; else its own scope.
  return mode === 'empty' ? { all: true } : { all: false, ids: new Set() }
}

function ourSide(all: boolean, ids: readonly number[], codes: readonly string[]): Side {
  return all ? { all: true } : { all: false, ids: new Set(ids), codes: new Set(codes.map((c) => c.toUpperCase())) }
}

const setEq = <T>(a: Set<T>, b: Set<T>) => a.size === b.size && [...a].every((x) => b.has(x))
const meets = <T>(a: Set<T>, b: Set<T>) => [...a].some((x) => b.has(x))

function sameSide(ours: Side, theirs: Side): Tri {
  if (theirs === 'unknown' || ours === 'unknown') return 'unknown'
  if (ours.all || theirs.all) return ours.all && theirs.all ? 'yes' : 'no'
  if (theirs.ids) return setEq(ours.ids!, theirs.ids) ? 'yes' : 'no'
  return setEq(ours.codes!, theirs.codes!) ? 'yes' : 'no'
}

function sideMeets(ours: Side, theirs: Side): boolean {
  if (theirs === 'unknown' || ours === 'unknown' || ours.all || theirs.all) return true
  if (theirs.ids) return theirs.ids.size === 0 || meets(ours.ids!, theirs.ids)
  return meets(ours.codes!, theirs.codes!)
}

/** Whose record it is: ours (our operator listed), all operators, another operator's, or not told. */
export function operatorOf(
  record: SednaStopSaleRecord,
  scope: Pick<OurScope, 'operatorId' | 'operatorCode'>,
): 'ours' | 'all' | 'other' | 'unknown' {
  const ids = childIds(record, 'StopSaleOperators', 'OperatorId')
  if (ids?.length) return ids.includes(scope.operatorId) ? 'ours' : 'other'
  const remark = record.OperatorRemark
  const codes = codeSet(remark)
  if (codes.size) return codes.has(scope.operatorCode.toUpperCase()) ? 'ours' : 'other'
  if (ids === undefined && remark === undefined) return 'unknown'
  return 'all'
}

interface Read {
  record: SednaStopSaleRecord
  first: string | undefined
  last: string | undefined
  operator: ReturnType<typeof operatorOf>
  rooms: Side
  boards: Side
}

/**
 * Decides from Sedna's list of the hotel's stop sales for those nights (`listed`) whether `scope` is
 * already there. `inUse`: which of these RecIds other local records hold (never adopted twice). `localOpposites`:
 * our records of the other kind at this hotel still waiting to go (they count as notices in between).
 */
export function findSameScope(
  scope: OurScope,
  listed: readonly SednaStopSaleRecord[],
  inUse: (recIds: number[]) => ReadonlySet<number>,
  localOpposites: readonly LocalNotice[] = [],
): ScopeAnswer {
  const r = scope.resolution
  const ourRooms = ourSide(r.allRooms, r.roomTypeIds, r.roomRemarkCodes)
  const ourBoards = ourSide(r.allBoards, r.boardIds, r.boardRemarkCodes)
  const read = (record: SednaStopSaleRecord): Read => ({
    record,
    first: day(record.BeginDate),
    last: day(record.EndDate),
    operator: operatorOf(record, scope),
    rooms: sednaSide(record, 'StopSaleRooms', 'RoomTypeId', 'RoomRemark', scope.allRooms, scope.hotelRooms),
    boards: sednaSide(record, 'StopSaleBoards', 'BoardId', 'BoardRemark', scope.allBoards, scope.boards),
  })
  // Only what touches these nights is read further (a batched look lists the hotel's whole season).
  const atHotel = listed
    .filter((x) => x.HotelId === undefined || x.HotelId === scope.hotelId)
    .filter((x) => x.State == null || x.State === 1)
    .filter((x) => (day(x.EndDate) ?? '9') >= scope.firstNight && (day(x.BeginDate) ?? '') <= scope.lastNight)
    .map(read)
  const held = inUse(atHotel.map((x) => x.record.RecId))
  const overlapsUs = (x: Read) =>
    x.first !== undefined &&
    x.last !== undefined &&
    x.first <= scope.lastNight &&
    x.last >= scope.firstNight &&
    x.operator !== 'other' &&
    sideMeets(ourRooms, x.rooms) &&
    sideMeets(ourBoards, x.boards)

  const candidates: Read[] = []
  const maybe: Read[] = []
  for (const x of atHotel) {
    if (held.has(x.record.RecId) || x.first !== scope.firstNight || x.last !== scope.lastNight) continue
    const checks: Tri[] = [
      x.record.StopType == null ? 'unknown' : x.record.StopType === scope.stopType ? 'yes' : 'no',
      x.operator === 'ours' ? 'yes' : x.operator === 'unknown' ? 'unknown' : 'no',
      sameSide(ourRooms, x.rooms),
      sameSide(ourBoards, x.boards),
    ]
    if (checks.includes('no')) continue
    if (checks.includes('unknown')) maybe.push(x)
    else candidates.push(x)
  }
  if (maybe.length) {
    return {
      outcome: 'undecidable',
      evidence: message('lookup.stopSaleUnclear', { ids: ids(maybe), count: maybe.length }),
    }
  }

  const ours = moment(scope.declareDate)!
  // Notices of the other kind over any of these nights, from Sedna and from this desk's own queue.
  const opposites = [
    ...atHotel
      .filter((x) => x.record.StopType != null && x.record.StopType !== scope.stopType && overlapsUs(x))
      .map((x) => ({ declared: moment(x.record.DeclareDate) })),
    ...localOpposites
      .filter((l) => l.firstNight <= scope.lastNight && l.lastNight >= scope.firstNight)
      .map((l) => ({ declared: moment(l.declareDate) })),
  ]
  const adoptable = candidates.filter((x) => {
    const theirs = moment(x.record.DeclareDate)
    if (theirs !== null && theirs >= ours) return true // the same notice, or the hotel said it again later
    // Earlier (or unknown): only when nothing in between said the other thing.
    return opposites.every((o) => theirs !== null && o.declared !== null && (o.declared <= theirs || o.declared > ours))
  })
  const unknownOrder = candidates.filter((x) => moment(x.record.DeclareDate) === null)
  if (unknownOrder.length && adoptable.length < candidates.length) {
    return {
      outcome: 'undecidable',
      evidence: message('lookup.stopSaleNoDeclareDate', { ids: ids(unknownOrder), count: unknownOrder.length }),
    }
  }
  if (adoptable.length) {
    const same = adoptable.filter((x) => moment(x.record.DeclareDate) === ours)
    const pick = same.length ? same : adoptable
    if (pick.length > 1)
      return { outcome: 'undecidable', evidence: message('lookup.stopSaleSeveral', { ids: ids(pick) }) }
    const record = pick[0]!.record
    return {
      outcome: 'found',
      record,
      note: message('outbox.attempt.adopted', {
        recId: record.RecId,
        recordUser: record.RecordUser ?? '—',
        declareDate: record.DeclareDate ?? '—',
      }),
    }
  }
  if (candidates.length) {
    return { outcome: 'absent', note: message('outbox.attempt.reopenedSince', { ids: ids(candidates) }) }
  }
  // Another scope over some of these nights: sent, and the overlap said.
  const overlapping = atHotel.filter(
    (x) => x.record.StopType === scope.stopType && overlapsUs(x) && !held.has(x.record.RecId),
  )
  if (overlapping.length) {
    const earliest = overlapping.reduce((m, x) => (x.first! < m ? x.first! : m), scope.lastNight)
    const latest = overlapping.reduce((m, x) => (x.last! > m ? x.last! : m), scope.firstNight)
    const first = earliest > scope.firstNight ? earliest : scope.firstNight
    const last = latest < scope.lastNight ? latest : scope.lastNight
    return {
      outcome: 'absent',
      note: message('outbox.attempt.overlaps', { ids: ids(overlapping), from: first, to: last }),
    }
  }
  return { outcome: 'absent' }
}

const ids = (records: Read[]) => records.map((x) => x.record.RecId).join(', ')
