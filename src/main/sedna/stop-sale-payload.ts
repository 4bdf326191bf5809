/**
 * The one builder of Sedna's UpdateStopSale body (../shared/sedna-api.md §4). Phase 1: RecId 0 and
 * all four child arrays empty (children on a new record crash Sedna). Phase 2: the same master with
 * the RecId from phase 1, every child carrying StopSaleId = RecId ("the most critical point").
 */
import type { Resolution } from '../../shared/resolution'
import type { SaleKind } from '../../shared/stop-sales'
import type { UpdateStopSaleBody } from './client'

export interface PayloadProfile {
  operatorId: number
  operatorCode: string
  authorityId: number
  recordUser: string
}

export interface PayloadStopSale {
  firstNight: string
  lastNight: string
  kind: SaleKind
  marketIds: readonly number[]
  /** Exactly as sent in phase 1 and stored: Sedna's DeclareDate. */
  declareDate: string
}

export type ResolvedIds = Extract<Resolution, { ok: true }>

const day = (isoDate: string) => `${isoDate}T00:00:00`

export function buildStopSalePayload(
  stopSale: PayloadStopSale,
  resolved: ResolvedIds,
  profile: PayloadProfile,
  recId: number,
): UpdateStopSaleBody {
  const child = { State: 1, StopSaleId: recId }
  const withChildren = recId > 0
  return {
    RecId: recId,
    HotelId: resolved.hotelId,
    BeginDate: day(stopSale.firstNight),
    EndDate: day(stopSale.lastNight),
    DeclareDate: stopSale.declareDate,
    Active: 0,
    RecordUser: profile.recordUser,
    RecordSource: 0,
    StopType: stopSale.kind === 'close' ? 0 : 1,
    Authority: profile.authorityId,
    RoomRemark: resolved.roomRemarkCodes.join(','),
    // Sedna's UI hides the record from the operator unless the remark ends with a comma (vendor).
    OperatorRemark: `${profile.operatorCode},`,
    BoardRemark: resolved.boardRemarkCodes.join(','),
    State: 1,
    StopSaleRooms: withChildren ? resolved.roomTypeIds.map((RoomTypeId) => ({ RoomTypeId, ...child })) : [],
    StopSaleOperators: withChildren ? [{ OperatorId: profile.operatorId, ...child }] : [],
    StopSaleBoards: withChildren ? resolved.boardIds.map((BoardId) => ({ BoardId, ...child })) : [],
    StopSaleMarkets: withChildren ? stopSale.marketIds.map((MarketId) => ({ MarketId, ...child })) : [],
  }
}

/**
 * DeclareDate: when the hotel declared the stop (the e-mail's time), as the hotel's wall-clock time
 * without a zone, in Sedna's `YYYY-MM-DDTHH:mm:ss` form. Falls back to when the record was imported.
 */
export function declareDateFor(receivedAt: string | null, importedAt: string): string {
  const source = receivedAt && realDay(receivedAt.slice(0, 10)) ? receivedAt : importedAt
  const wallClock = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(source)
  if (wallClock) return `${wallClock[1]}T${wallClock[2]!.length === 5 ? `${wallClock[2]}:00` : wallClock[2]}`
  if (/^\d{4}-\d{2}-\d{2}$/.test(source)) return day(source)
  return new Date(importedAt).toISOString().slice(0, 19)
}

function realDay(isoDate: string): boolean {
  const d = new Date(`${isoDate}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === isoDate
}
