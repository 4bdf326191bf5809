import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backoffDelay, retryDelay } from '../../src/main/outbox/backoff'
import { buildStopSalePayload, declareDateFor, type ResolvedIds } from '../../src/main/sedna/stop-sale-payload'

const samples = join(import.meta.dirname, '../../../shared/samples/sedna-requests')
const vendor = (name: string) => JSON.parse(readFileSync(join(samples, name), 'utf8'))

// The vendor's own example: hotel 18, one night on 25.01.2026, room 63 (STDSV), board 1, market 10.
const resolved: ResolvedIds = {
  ok: true,
  hotelId: 18,
  roomTypeIds: [63],
  boardIds: [1],
  roomRemarkCodes: ['STDSV', 'STDLV'],
  boardRemarkCodes: ['UAI'],
  allRooms: false,
  allBoards: false,
}
const stop = {
  firstNight: '2026-01-25',
  lastNight: '2026-01-25',
  kind: 'close' as const,
  marketIds: [10],
  declareDate: '2025-12-29T00:00:00',
}
const profile = { operatorId: 571, operatorCode: '7STAR', authorityId: 207, recordUser: 'Sedna' }

describe('stop-sale payload', () => {
  it('phase 1 is exactly the vendor’s phase-1 sample: RecId 0, all four child arrays empty', () => {
    expect(buildStopSalePayload(stop, resolved, profile, 0)).toEqual(
      vendor('vendor_UpdateStopSale_phase1.request.json'),
    )
  })

  it('phase 2 is exactly the vendor’s phase-2 sample: every child linked to the RecId', () => {
    expect(buildStopSalePayload(stop, resolved, profile, 823259)).toEqual(
      vendor('vendor_UpdateStopSale_phase2.request.json'),
    )
  })

  it('an open sale is StopType 1; several rooms and boards each become a child', () => {
    const body = buildStopSalePayload(
      { ...stop, kind: 'open', lastNight: '2026-01-30', marketIds: [] },
      {
        ...resolved,
        roomTypeIds: [63, 1364],
        boardIds: [1, 37],
        roomRemarkCodes: ['STDSV', 'STDLV'],
        boardRemarkCodes: ['AI', 'UAI'],
      },
      { ...profile, recordUser: 'Entegrasyon', authorityId: 300 },
      42,
    )
    expect(body).toMatchObject({
      StopType: 1,
      EndDate: '2026-01-30T00:00:00',
      RecordUser: 'Entegrasyon',
      Authority: 300,
      BoardRemark: 'AI,UAI',
    })
    expect(body.StopSaleRooms).toEqual([
      { RoomTypeId: 63, State: 1, StopSaleId: 42 },
      { RoomTypeId: 1364, State: 1, StopSaleId: 42 },
    ])
    expect(body.StopSaleBoards.map((b) => b.StopSaleId)).toEqual([42, 42])
    expect(body.StopSaleMarkets).toEqual([])
    expect(body.OperatorRemark).toBe('7STAR,')
  })

  it('DeclareDate is the hotel’s declaration time (the e-mail’s), never "now"', () => {
    expect(declareDateFor('2025-05-02T10:00:00+03:00', '2025-05-03T08:00:00.000Z')).toBe('2025-05-02T10:00:00')
    expect(declareDateFor('2025-05-02 10:05', '2025-05-03T08:00:00.000Z')).toBe('2025-05-02T10:05:00')
    expect(declareDateFor('2025-05-02', '2025-05-03T08:00:00.000Z')).toBe('2025-05-02T00:00:00')
    expect(declareDateFor(null, '2025-05-03T08:00:00.000Z')).toBe('2025-05-03T08:00:00')
    // A date that does not exist is not sent to Sedna: the import time is used instead.
    expect(declareDateFor('2026-11-31T10:00:00+03:00', '2025-05-03T08:00:00.000Z')).toBe('2025-05-03T08:00:00')
  })
})

describe('backoff', () => {
  it('is exponential, capped, with full jitter', () => {
    const policy = { baseMs: 1000, capMs: 60_000 }
    expect(backoffDelay(0, policy, () => 0.999)).toBe(999)
    expect(backoffDelay(3, policy, () => 0.5)).toBe(4000)
    expect(backoffDelay(20, policy, () => 0.999)).toBe(59_940)
    expect(backoffDelay(5, policy, () => 0)).toBe(0)
    expect(backoffDelay(10_000, policy, () => 0.5)).toBe(30_000)
  })

  it('honours Retry-After when it asks for longer', () => {
    expect(retryDelay(0, 7000, { backoff: { baseMs: 1000, capMs: 60_000 }, random: () => 0.5 })).toBe(7000)
    expect(retryDelay(10, 100, { backoff: { baseMs: 1000, capMs: 60_000 }, random: () => 0.5 })).toBe(30_000)
  })
})
