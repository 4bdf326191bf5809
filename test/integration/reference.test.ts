import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReferenceStatus } from '../../src/shared/profiles'
import { createReferenceCache } from '../../src/main/reference/reference-cache'
import { resolveStopSale } from '../../src/main/stop-sales/resolve'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { worded } from '../support/words'

let app: TestApp
let profileId: number
beforeEach(async () => {
  app = await startTestApp()
  profileId = (await invoke(app.ctx, 'profiles.createDemo', {})).id
})
afterEach(async () => {
  await app.close()
})

const kind = (status: ReferenceStatus, k: string) => status.kinds.find((x) => x.kind === k)!
/** A stop sale resolved with the account (as the detail and the sync resolve it). */
const resolve = (input: { hotelName: string; roomCodes?: string[]; boardCodes?: string[] }) =>
  resolveStopSale(app.ctx.database.db, app.ctx.services.profiles.get(profileId), {
    roomCodes: [],
    boardCodes: [],
    ...input,
  })

describe('reference cache', () => {
  it('refreshes hotels, room types and boards into SQLite, with counts and age', async () => {
    expect(kind(await invoke(app.ctx, 'reference.status', { profileId }), 'hotels')).toMatchObject({
      count: 0,
      refreshedAt: null,
    })
    const status = await invoke(app.ctx, 'reference.refresh', { profileId })
    expect(kind(status, 'hotels')).toMatchObject({
      count: 7,
      stale: false,
      lastError: null,
      refreshedAt: expect.any(String),
    })
    expect(kind(status, 'roomTypes').count).toBeGreaterThan(20)
    expect(kind(status, 'boards').count).toBeGreaterThanOrEqual(6)
    // One login, and the per-hotel room types in one batched call.
    const paths = app.sim.requests().map((r) => r.path.split('/').slice(-1)[0]!.toLowerCase())
    expect(paths.filter((p) => p === 'agencylogin')).toHaveLength(1)
    expect(paths.filter((p) => p === 'gethotelroomtypelistall')).toHaveLength(1)
  })

  it('keeps the old data and marks it stale when a refresh fails', async () => {
    await invoke(app.ctx, 'reference.refresh', { profileId })
    app.sim.addFault({ path: 'Service2/GetBoardList', fault: { kind: 'http-500' } })
    const status = await invoke(app.ctx, 'reference.refresh', { profileId })
    // Why, as a code with its parameters (worded where it is shown), and in English beside it.
    expect(kind(status, 'boards')).toMatchObject({ stale: true, lastError: { code: expect.any(String) } })
    expect(worded(kind(status, 'boards').lastError)).toMatch(/HTTP 500/)
    expect(worded(kind(status, 'boards').lastError, 'tr')).not.toBe(worded(kind(status, 'boards').lastError))
    expect(
      app.ctx.database.sqlite.prepare("select last_error from ref_refreshes where kind = 'boards'").pluck().get(),
    ).toMatch(/HTTP 500/)
    expect(kind(status, 'boards').count).toBeGreaterThanOrEqual(6)
    expect(kind(status, 'hotels')).toMatchObject({ stale: false, count: 7 })
    // Offline: everything fails, nothing is lost.
    await app.sim.close()
    const offline = await invoke(app.ctx, 'reference.refresh', { profileId })
    expect(offline.kinds.every((k: { stale: boolean; count: number }) => k.stale && k.count > 0)).toBe(true)
    expect(resolve({ hotelName: 'Mandarin Resort' })).toMatchObject({ ok: true, hotelId: 18 })
  })

  it('refreshes only when older than the TTL', async () => {
    let now = new Date('2026-11-21T08:00:00Z')
    const cache = createReferenceCache({
      db: app.ctx.database.db,
      events: app.ctx.events,
      ttlHours: 24,
      now: () => now,
    })
    const profile = app.ctx.services.profiles.get(profileId)
    const client = () => app.ctx.connections.client(profile)
    await cache.ensureFresh(profile, client)
    const calls = () => app.sim.requests().filter((r) => /GetHotelList/i.test(r.path)).length
    expect(calls()).toBe(1)
    now = new Date('2026-11-22T07:00:00Z')
    await cache.ensureFresh(profile, client)
    expect(calls()).toBe(1)
    now = new Date('2026-11-22T08:30:00Z')
    await cache.ensureFresh(profile, client)
    expect(calls()).toBe(2)
  })
})

describe('resolution', () => {
  beforeEach(async () => {
    await invoke(app.ctx, 'reference.refresh', { profileId })
  })

  it('matches hotel names Turkish-aware and room codes per hotel', () => {
    expect(resolve({ hotelName: 'CAMYUVA GUNES HOTEL', roomCodes: ['dbl', 'SGL'], boardCodes: ['AI'] })).toEqual({
      ok: true,
      hotelId: 28,
      roomTypeIds: [133, 134],
      boardIds: [1],
      roomRemarkCodes: ['DBL', 'SGL'],
      boardRemarkCodes: ['AI'],
      allRooms: false,
      allBoards: false,
    })
    // The same code is another id at another hotel.
    expect(resolve({ hotelName: 'Istanbul Bogaz Palace', roomCodes: ['DBL'], boardCodes: ['UAI'] })).toMatchObject({
      ok: true,
      hotelId: 659,
      roomTypeIds: [2101],
      boardIds: [37],
    })
  })

  it('never drops an unknown code: the whole stop sale is unresolved, with the exact list', () => {
    expect(resolve({ hotelName: 'Mandarin Resort', roomCodes: ['STDSV', 'FAMILY'], boardCodes: ['AI', 'XX'] })).toEqual(
      {
        ok: false,
        unresolved: [
          { kind: 'room', code: 'FAMILY', hotelId: 18 },
          { kind: 'board', code: 'XX' },
        ],
      },
    )
  })

  it('an unknown hotel comes with ranked suggestions', () => {
    const r = resolve({ hotelName: 'Camyuwa Gunes', roomCodes: ['DBL'] })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.unresolved[0]).toMatchObject({ kind: 'hotel', name: 'Camyuwa Gunes' })
    const hotel = r.unresolved[0] as { suggestions: Array<{ id: number }> }
    expect(hotel.suggestions[0]!.id).toBe(28)
  })

  it('"all rooms" follows the profile: every id explicitly, or an empty list', async () => {
    expect(resolve({ hotelName: 'Mandarin Resort' })).toMatchObject({
      ok: true,
      roomTypeIds: [63, 1364, 1389, 1390, 15730, 15731],
      allRooms: true,
      allBoards: true,
    })
    const all = resolve({ hotelName: 'Mandarin Resort' })
    expect(all.ok && all.boardIds.length).toBeGreaterThanOrEqual(6)
    app.ctx.database.sqlite
      .prepare("update sedna_profiles set all_rooms = 'empty', all_boards = 'empty' where id = ?")
      .run(profileId)
    expect(resolve({ hotelName: 'Mandarin Resort' })).toMatchObject({
      ok: true,
      roomTypeIds: [],
      boardIds: [],
      allRooms: true,
    })
  })

  it('remembered mappings win over guesses and resolve the next record by themselves', () => {
    expect(resolve({ hotelName: 'Grand Palace Hotel', roomCodes: ['DBL'] })).toMatchObject({
      ok: true,
      hotelId: 1187,
      roomTypeIds: [9420],
    })
    app.ctx.services.reference.rememberHotel(profileId, 'GRAND PALACE', 18)
    app.ctx.services.reference.rememberCode(profileId, 'room', 18, 'dbl', 63)
    expect(resolve({ hotelName: 'Grand Palace Hotel', roomCodes: ['DBL'] })).toMatchObject({
      ok: true,
      hotelId: 18,
      roomTypeIds: [63],
    })
    // A code that does not exist at the hotel, once mapped, resolves too.
    app.ctx.services.reference.rememberCode(profileId, 'room', 18, 'FAMILY', 1389)
    app.ctx.services.reference.rememberCode(profileId, 'board', 18, 'ALL INCL', 1)
    expect(
      resolve({ hotelName: 'Mandarin Resort', roomCodes: ['STDSV', 'Family'], boardCodes: ['all incl'] }),
    ).toMatchObject({
      ok: true,
      roomTypeIds: [63, 1389],
      boardIds: [1],
    })
  })
})
