/**
 * One stop sale as Sedna's list gives it, turned into what the mirror stores. No real answer has ever
 * been seen (sedna-api.md §5), so every field is read leniently: names in any case, a few spellings of
 * the dates, numbers as text; a missing child array is "not said" (null), never "none".
 */
import type { SednaStopSaleRecord } from '../sedna/responses'

export interface MirrorValues {
  recId: number
  hotelId: number | null
  /** YYYY-MM-DD, both inclusive. */
  beginDate: string
  endDate: string
  declareDate: string | null
  stopType: number | null
  state: number | null
  recordUser: string | null
  roomRemark: string | null
  operatorRemark: string | null
  boardRemark: string | null
  rooms: number[] | null
  boards: number[] | null
  operators: number[] | null
  markets: number[] | null
  /** Sedna's creation and last-update times as its clock says them, `YYYY-MM-DDTHH:MM:SS`. */
  recordDate: string | null
  updateDate: string | null
}

/** GUESS: the names an update or creation time may carry (the simulator says UpdateDate and RecordDate). */
const UPDATE_FIELDS = [
  'updatedate',
  'updatedat',
  'lastupdatedate',
  'updatetime',
  'updatedatetime',
  'modifieddate',
  'modifydate',
  'lastmodified',
  'changedate',
]
const RECORD_FIELDS = ['recorddate', 'createdate', 'createdat', 'creationdate', 'insertdate', 'recordtime']

/** The four child arrays (vendor names) and the id each element carries. */
const CHILDREN = [
  ['rooms', 'stopsalerooms', 'roomtypeid'],
  ['boards', 'stopsaleboards', 'boardid'],
  ['operators', 'stopsaleoperators', 'operatorid'],
  ['markets', 'stopsalemarkets', 'marketid'],
] as const

/** The record's values, or null when it cannot be mirrored (its nights are missing or unreadable). */
export function readRecord(item: SednaStopSaleRecord): MirrorValues | null {
  const field = lowerCased(item)
  const beginDate = dayOf(field.get('begindate'))
  const endDate = dayOf(field.get('enddate'))
  if (!beginDate || !endDate) return null
  const values: MirrorValues = {
    recId: item.RecId,
    hotelId: positiveInt(field.get('hotelid')),
    beginDate,
    endDate,
    declareDate: text(field.get('declaredate')),
    stopType: int(field.get('stoptype')),
    state: int(field.get('state')),
    recordUser: text(field.get('recorduser')),
    roomRemark: text(field.get('roomremark')),
    operatorRemark: text(field.get('operatorremark')),
    boardRemark: text(field.get('boardremark')),
    rooms: null,
    boards: null,
    operators: null,
    markets: null,
    recordDate: firstTime(field, RECORD_FIELDS),
    updateDate: firstTime(field, UPDATE_FIELDS),
  }
  for (const [key, array, id] of CHILDREN) values[key] = childIds(field.get(array), id)
  return values
}

function lowerCased(item: Record<string, unknown>): Map<string, unknown> {
  const map = new Map<string, unknown>()
  for (const [key, value] of Object.entries(item)) {
    const lower = key.toLowerCase()
    if (!map.has(lower) || map.get(lower) == null) map.set(lower, value)
  }
  return map
}

/**
 * The ids of one child array, sorted, each once. GUESS: an element with State 0 is a child removed in
 * Sedna's screens, so it does not count; an element without a readable id is left out.
 */
function childIds(value: unknown, idField: string): number[] | null {
  if (!Array.isArray(value)) return null
  const ids = new Set<number>()
  for (const element of value) {
    if (!element || typeof element !== 'object') continue
    const child = lowerCased(element as Record<string, unknown>)
    if (int(child.get('state')) === 0) continue
    const id = positiveInt(child.get(idField))
    if (id !== null) ids.add(id)
  }
  return [...ids].sort((a, b) => a - b)
}

function int(value: unknown): number | null {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null
}

function positiveInt(value: unknown): number | null {
  const n = int(value)
  return n !== null && n > 0 ? n : null
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

function firstTime(field: Map<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    const time = timeOf(field.get(name))
    if (time) return time
  }
  return null
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/
/** .NET's old JSON date, `/Date(1767225600000+0300)/`. */
const DOTNET_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/

/**
 * A time as Sedna's clock says it, `YYYY-MM-DDTHH:MM:SS` (a zone suffix is dropped: Sedna's dates are
 * its wall clock). Null when absent or unreadable.
 */
export function timeOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const v = value.trim()
  const iso = ISO_TIME.exec(v)
  if (iso) {
    const clock = iso[2] ?? '00:00:00'
    return `${iso[1]}T${clock.length === 5 ? `${clock}:00` : clock}`
  }
  const dotnet = DOTNET_DATE.exec(v)
  if (dotnet) {
    const d = new Date(Number(dotnet[1]))
    return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 19)
  }
  return null
}

const dayOf = (value: unknown): string | null => timeOf(value)?.slice(0, 10) ?? null
