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
import type { SimSeed, SimStopSale, SimStopSaleChildren } from './types'

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

export class StopSaleStore {
  private readonly records = new Map<number, SimStopSale>()
  private nextRecId: number

  constructor(
    private readonly seed: SimSeed,
    private readonly firstRecId: number,
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
      const refused = this.checkReferences(master, children)
      if (refused) return result(1, refused, 0)
      const now = new Date().toISOString()
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
    const refused = this.checkReferences(master, children)
    if (refused) return result(1, refused, 0)
    // PUT semantics: master and children replaced wholesale, so repeating phase 2 is harmless.
    this.records.set(master.RecId, {
      ...master,
      children: idsOf(children),
      createdAt: existing.createdAt,
      updatedAt: new Date().toISOString(),
    })
    return result(0, OK_MESSAGE, master.RecId)
  }

  /**
   * `GetStopSaleList` / `…WithUpdateDate`: by hotel, by record day (creation, or last update when
   * `byUpdateDate`) and by stay dates overlapping [stopDateBegin, stopDateEnd]. Bounds inclusive.
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

  /** Unknown hotel, a room of another hotel, or an unknown operator/board/market: refused (message). */
  private checkReferences(master: Master, children: ParsedChildren): string | null {
    const hotel = this.seed.hotels.find((h) => h.id === master.HotelId)
    if (!hotel) return `Otel bulunamadı (HotelId ${master.HotelId})`
    const foreignRoom = children.rooms.find((c) => !hotel.roomTypes.some((t) => t.id === c.id))
    if (foreignRoom) return `Oda tipi bu otele ait değil (RoomTypeId ${foreignRoom.id}, HotelId ${hotel.id})`
    const known = { operators: this.seed.operators, boards: this.seed.boards, markets: this.seed.markets }
    for (const key of ['operators', 'boards', 'markets'] as const) {
      const unknown = children[key].find((c) => !known[key].some((k) => k.id === c.id))
      if (unknown) return `Tanımsız kayıt: ${unknown.where} (${unknown.id})`
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
