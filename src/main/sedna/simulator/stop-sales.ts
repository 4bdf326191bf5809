/**
 * Stop-sale records and the rules of `PUT Contract/UpdateStopSale`, `GetStopSaleList(WithUpdateDate)`
 * and `CheckStopSaleState`. Every Sedna stop-sale guess of the simulator lives here (see
 * sedna-api.md §4–5), so when a real response is seen one edit fixes it.
 */
import { type Reply, nullReference, result } from './aspnet'
import {
  BindingError,
  type JsonObject,
  dateProp,
  dayOf,
  intProp,
  isObject,
  parseJsonObject,
  prop,
  stringProp,
} from './binding'
import type { SimSeed, SimStopSale, SimStopSaleChildren, SimStopSaleEdit, SimStopSaleEntry } from './types'

/** The four child arrays: Sedna name of the array and of its id field, and our key. */
const CHILD_ARRAYS = [
  { array: 'StopSaleRooms', id: 'RoomTypeId', key: 'rooms' },
  { array: 'StopSaleOperators', id: 'OperatorId', key: 'operators' },
  { array: 'StopSaleBoards', id: 'BoardId', key: 'boards' },
  { array: 'StopSaleMarkets', id: 'MarketId', key: 'markets' },
] as const

type Master = Omit<SimStopSale, 'children' | 'createdAt' | 'updatedAt'>
interface Child {
  id: number
  stopSaleId: number
  where: string
}
type ParsedChildren = Record<keyof SimStopSaleChildren, Child[]>

export interface StopSaleFilter {
  hotelId: number | null
  recordDateBegin: string | null
  recordDateEnd: string | null
  stopDateBegin: string | null
  stopDateEnd: string | null
}

const OK_MESSAGE = 'Kayıt başarılı'

/** The first clock value strictly after `previous` (ISO), so an update date always moves. */
export function laterThan(previous: string, now: number): string {
  return new Date(Math.max(now, Date.parse(previous) + 1)).toISOString()
}

export class StopSaleStore {
  private readonly records = new Map<number, SimStopSale>()
  private nextRecId: number

  constructor(
    private readonly seed: SimSeed,
    private readonly firstRecId: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.nextRecId = firstRecId
  }

  clear(): void {
    this.records.clear()
    this.nextRecId = this.firstRecId
  }

  all(): SimStopSale[] {
    return [...this.records.values()].map((r) => structuredClone(r))
  }

  /** `PUT Contract/UpdateStopSale`: phase 1 creates (RecId 0, no children), phase 2 replaces. */
  update(body: string): Reply {
    const obj = parseJsonObject(body, 'stopSale')
    const master = readMaster(obj)
    const children = readChildren(obj)
    const hasChildren = Object.values(children).some((list) => list.length > 0)

    if (master.RecId === 0) {
      // Vendor: children on a new record end in a .NET "Object reference not set…" error.
      if (hasChildren) return nullReference()
      const refused = this.checkReferences(master.HotelId, idsOf(children))
      if (refused) return result(1, refused, 0)
      const now = new Date(this.clock()).toISOString()
      const recId = this.nextRecId++
      this.records.set(recId, { ...master, RecId: recId, children: idsOf(children), createdAt: now, updatedAt: now })
      return result(0, OK_MESSAGE, recId)
    }

    const existing = this.records.get(master.RecId)
    if (!existing) return result(1, `Kayıt bulunamadı (RecId ${master.RecId})`, 0)
    for (const list of Object.values(children)) {
      const wrong = list.find((c) => c.stopSaleId !== master.RecId)
      if (wrong) {
        return result(1, `StopSaleId uyumsuz: ${wrong.where}.StopSaleId=${wrong.stopSaleId}, RecId=${master.RecId}`, 0)
      }
    }
    const refused = this.checkReferences(master.HotelId, idsOf(children))
    if (refused) return result(1, refused, 0)
    // PUT semantics: master and children replaced wholesale, so repeating phase 2 is harmless.
    this.records.set(master.RecId, {
      ...master,
      children: idsOf(children),
      createdAt: existing.createdAt,
      updatedAt: laterThan(existing.updatedAt, this.clock()),
    })
    return result(0, OK_MESSAGE, master.RecId)
  }

  /**
   * `GetStopSaleList` / `…WithUpdateDate`: by hotel, by record day (creation, or last update when
   * `byUpdateDate`) and by stay dates overlapping [stopDateBegin, stopDateEnd]. Bounds inclusive.
   * GUESS (sedna-api.md §5 says only "same parameters, filtered by update date"): recordDateBegin/End
   * bound the update date there, by whole days (UTC days here; Sedna's are presumably Turkish time),
   * so an incremental pull must overlap by a day. A deleted record is simply absent.
   */
  list(filter: StopSaleFilter, byUpdateDate: boolean): JsonObject[] {
    const inRange = (day: string, from: string | null, to: string | null) =>
      (from === null || day >= from) && (to === null || day <= to)
    return [...this.records.values()]
      .filter((r) => filter.hotelId === null || r.HotelId === filter.hotelId)
      .filter((r) =>
        inRange((byUpdateDate ? r.updatedAt : r.createdAt).slice(0, 10), filter.recordDateBegin, filter.recordDateEnd),
      )
      .filter((r) => overlaps(r, filter.stopDateBegin, filter.stopDateEnd))
      .map((r) => this.toSedna(r))
  }

  /**
   * `CheckStopSaleState` (response shape is a GUESS, kept simple): one item per record of `hotelId`
   * whose stay dates overlap [beginDate, endDate] and whose operator, room and board children each
   * intersect the requested lists. An empty child list on the record means "all" and an empty or
   * missing requested list means "any". Each item names the requested ids the record stops:
   * `{ StopSaleId, HotelId, BeginDate, EndDate, StopType, State, OperatorIds, RoomTypeIds, BoardIds }`
   * (State and StopType are passed through: callers decide whether a release or State 0 counts).
   */
  checkState(body: string): JsonObject[] {
    const obj = parseJsonObject(body, 'request')
    const hotelId = intProp(obj, 'hotelId', 'request')
    const begin = dateProp(obj, 'beginDate', 'request', true).day
    const end = dateProp(obj, 'endDate', 'request', true).day
    const operators = intList(obj, 'operatorList')
    const rooms = intList(obj, 'roomList')
    const boards = intList(obj, 'boardList')
    const items: JsonObject[] = []
    for (const r of this.records.values()) {
      if (r.HotelId !== hotelId || !overlaps(r, begin, end)) continue
      const operatorIds = intersect(r.children.operators, operators)
      const roomTypeIds = intersect(r.children.rooms, rooms)
      const boardIds = intersect(r.children.boards, boards)
      if (!operatorIds || !roomTypeIds || !boardIds) continue
      items.push({
        StopSaleId: r.RecId,
        HotelId: r.HotelId,
        BeginDate: r.BeginDate,
        EndDate: r.EndDate,
        StopType: r.StopType,
        State: r.State,
        OperatorIds: operatorIds,
        RoomTypeIds: roomTypeIds,
        BoardIds: boardIds,
      })
    }
    return items
  }

  /** Sedna's screens: change fields of a stored record (see SednaUi.editStopSale). */
  editByHand(recId: number, changes: SimStopSaleEdit): SimStopSale {
    const existing = this.records.get(recId)
    if (!existing) throw new Error(`simulator ui: no stop sale ${recId}`)
    const { children: childChanges, ...masterChanges } = changes
    const children = { ...existing.children, ...structuredClone(childChanges ?? {}) }
    const edited: SimStopSale = {
      ...existing,
      ...this.remarksFor(changes.HotelId ?? existing.HotelId, childChanges ?? {}, changes),
      ...checkedDates(masterChanges),
      children,
      updatedAt: laterThan(existing.updatedAt, this.clock()),
    }
    const refused = this.checkReferences(edited.HotelId, children)
    if (refused) throw new Error(`simulator ui: ${refused}`)
    this.records.set(recId, edited)
    return structuredClone(edited)
  }

  deleteByHand(recId: number): void {
    if (!this.records.delete(recId)) throw new Error(`simulator ui: no stop sale ${recId}`)
  }

  /** Sedna's screens: a record typed in by `user`; defaults as the vendor's samples (GUESS for the UI). */
  enterByHand(user: string, entry: SimStopSaleEntry): SimStopSale {
    const { children: given, ...master } = entry
    const children: SimStopSaleChildren = { rooms: [], operators: [], boards: [], markets: [], ...given }
    const refused = this.checkReferences(entry.HotelId, children)
    if (refused) throw new Error(`simulator ui: ${refused}`)
    const now = new Date(this.clock()).toISOString()
    const record: SimStopSale = {
      RecId: this.nextRecId++,
      DeclareDate: `${now.slice(0, 10)}T00:00:00`,
      Active: 0,
      RecordSource: 0,
      StopType: 0,
      Authority: 207,
      State: 1,
      RoomRemark: null,
      OperatorRemark: null,
      BoardRemark: null,
      ...this.remarksFor(entry.HotelId, children, entry),
      ...checkedDates(master),
      HotelId: entry.HotelId,
      BeginDate: entry.BeginDate,
      EndDate: entry.EndDate,
      RecordUser: user,
      children: structuredClone(children),
      createdAt: now,
      updatedAt: now,
    }
    this.records.set(record.RecId, record)
    return structuredClone(record)
  }

  /**
   * The remarks Sedna's screens would show for the child lists that change (GUESS: built from the
   * codes as the vendor's samples spell them, operators each followed by a comma); an explicitly
   * given remark wins. An empty list ("all") leaves the remark empty.
   */
  private remarksFor(hotelId: number, children: Partial<SimStopSaleChildren>, given: SimStopSaleEdit) {
    const rooms = this.seed.hotels.find((h) => h.id === hotelId)?.roomTypes ?? []
    const codes = (ids: number[], known: { id: number; code: string }[]) =>
      ids.map((id) => known.find((k) => k.id === id)?.code ?? String(id))
    const out: Partial<Pick<SimStopSale, 'RoomRemark' | 'OperatorRemark' | 'BoardRemark'>> = {}
    if (children.rooms) out.RoomRemark = codes(children.rooms, rooms).join(',') || null
    if (children.operators) {
      out.OperatorRemark =
        codes(children.operators, this.seed.operators)
          .map((c) => `${c},`)
          .join('') || null
    }
    if (children.boards) out.BoardRemark = codes(children.boards, this.seed.boards).join(',') || null
    for (const key of ['RoomRemark', 'OperatorRemark', 'BoardRemark'] as const) {
      if (given[key] !== undefined) out[key] = given[key]
    }
    return out
  }

  /** Unknown hotel, a room of another hotel, or an unknown operator/board/market: refused (message). */
  private checkReferences(hotelId: number, children: SimStopSaleChildren): string | null {
    const hotel = this.seed.hotels.find((h) => h.id === hotelId)
    if (!hotel) return `Otel bulunamadı (HotelId ${hotelId})`
    const foreignRoom = children.rooms.find((id) => !hotel.roomTypes.some((t) => t.id === id))
    if (foreignRoom !== undefined) return `Oda tipi bu otele ait değil (RoomTypeId ${foreignRoom}, HotelId ${hotel.id})`
    const known = { operators: this.seed.operators, boards: this.seed.boards, markets: this.seed.markets }
    for (const c of CHILD_ARRAYS) {
      if (c.key === 'rooms') continue
      const i = children[c.key].findIndex((id) => !known[c.key].some((k) => k.id === id))
      if (i >= 0) return `Tanımsız kayıt: ${c.array}[${i}] (${children[c.key][i]})`
    }
    return null
  }

  private toSedna(r: SimStopSale): JsonObject {
    const { children, createdAt, updatedAt, ...master } = r
    const out: JsonObject = { ...master }
    for (const c of CHILD_ARRAYS) {
      out[c.array] = children[c.key].map((id) => ({ [c.id]: id, State: 1, StopSaleId: r.RecId }))
    }
    // Extra fields a real list most likely carries; clients must ignore what they do not know.
    out.HotelName = this.seed.hotels.find((h) => h.id === r.HotelId)?.name ?? null
    out.RecordDate = createdAt.slice(0, 19)
    out.UpdateDate = updatedAt.slice(0, 19)
    return out
  }
}

function readMaster(obj: JsonObject): Master {
  const p = 'stopSale'
  return {
    RecId: intProp(obj, 'RecId', p),
    HotelId: intProp(obj, 'HotelId', p),
    BeginDate: dateProp(obj, 'BeginDate', p, true).text ?? '',
    EndDate: dateProp(obj, 'EndDate', p, true).text ?? '',
    DeclareDate: dateProp(obj, 'DeclareDate', p, false).text,
    Active: intProp(obj, 'Active', p),
    RecordUser: stringProp(obj, 'RecordUser', p),
    RecordSource: intProp(obj, 'RecordSource', p),
    StopType: intProp(obj, 'StopType', p),
    Authority: intProp(obj, 'Authority', p),
    RoomRemark: stringProp(obj, 'RoomRemark', p),
    OperatorRemark: stringProp(obj, 'OperatorRemark', p),
    BoardRemark: stringProp(obj, 'BoardRemark', p),
    State: intProp(obj, 'State', p),
  }
}

/** Missing or null arrays count as empty (the phase-1 sample sends them empty). */
function readChildren(obj: JsonObject): ParsedChildren {
  const out: ParsedChildren = { rooms: [], operators: [], boards: [], markets: [] }
  for (const c of CHILD_ARRAYS) {
    const value = prop(obj, c.array)
    if (value === undefined || value === null) continue
    if (!Array.isArray(value)) throw new BindingError(`stopSale.${c.array}`, 'A JSON array is required.')
    value.forEach((item: unknown, i) => {
      const where = `${c.array}[${i}]`
      if (!isObject(item)) throw new BindingError(`stopSale.${where}`, 'A JSON object is required.')
      out[c.key].push({
        id: intProp(item, c.id, `stopSale.${where}`),
        stopSaleId: intProp(item, 'StopSaleId', `stopSale.${where}`),
        where,
      })
    })
  }
  return out
}

/** The master fields of an edit, dates checked as the API's binding would check them. */
function checkedDates(fields: Omit<SimStopSaleEdit, 'children'>): Partial<Master> {
  for (const key of ['BeginDate', 'EndDate', 'DeclareDate'] as const) {
    const value = fields[key]
    if (typeof value === 'string' && dayOf(value) === null) throw new Error(`simulator ui: ${key} ${value}?`)
  }
  return fields
}

function idsOf(children: ParsedChildren): SimStopSaleChildren {
  const ids = (list: Child[]) => list.map((c) => c.id)
  return {
    rooms: ids(children.rooms),
    operators: ids(children.operators),
    boards: ids(children.boards),
    markets: ids(children.markets),
  }
}

/** Stay dates [BeginDate, EndDate] overlap [from, to] (either bound may be open). */
function overlaps(r: SimStopSale, from: string | null, to: string | null): boolean {
  const begin = dayOf(r.BeginDate) ?? ''
  const end = dayOf(r.EndDate) ?? ''
  return (to === null || begin <= to) && (from === null || end >= from)
}

function intList(obj: JsonObject, name: string): number[] {
  const value = prop(obj, name)
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isInteger(v))) {
    throw new BindingError(`request.${name}`, 'A JSON array of integers is required.')
  }
  return value as number[]
}

/** Ids both sides stop; null = no overlap. Empty `recordIds` = all; empty `requested` = any. */
function intersect(recordIds: number[], requested: number[]): number[] | null {
  if (requested.length === 0) return recordIds
  if (recordIds.length === 0) return requested
  const both = requested.filter((id) => recordIds.includes(id))
  return both.length > 0 ? both : null
}
