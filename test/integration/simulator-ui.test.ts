/**
 * The simulator's "Sedna's own screens" control (sim.ui) and the answer shapes a reading client must
 * survive, over real HTTP: several users of one account share the records; edits move the update date
 * into GetStopSaleListWithUpdateDate's answer for that day; deletions vanish from both lists; records
 * typed in by hand carry their author; omitted fields are really omitted.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/main/sedna/simulator'

const samplesDir = resolve(import.meta.dirname, '../../../shared/samples/sedna-requests')
const sample = (name: string): string => readFileSync(join(samplesDir, `vendor_${name}.request.json`), 'utf8')
const phase1 = () => JSON.parse(sample('UpdateStopSale_phase1')) as Record<string, unknown>
const phase2 = (recId: number) =>
  JSON.parse(sample('UpdateStopSale_phase2').replaceAll('823259', String(recId))) as Record<string, unknown>

/** Two desks' users of one agency account (operator 571, 7STAR). */
const USERS = [
  { username: 'ayse', password: 'a-secret', operatorId: 571 },
  { username: 'mehmet', password: 'm-secret', operatorId: 571 },
]

let sims: Simulator[] = []
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()))
  sims = []
})

async function simulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ users: USERS, ...opts })
  sims.push(sim)
  return sim
}

/** A logged-in user of `sim`: calls carry that user's session cookie. */
async function desk(sim: Simulator, username: string) {
  const user = USERS.find((u) => u.username === username)!
  const login = await fetch(
    `${sim.url}/api/Integratiion/AgencyLogin?username=${user.username}&password=${user.password}`,
  )
  expect(await login.json()).toMatchObject({ ErrorType: 0, RecId: 571 })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
  const send = async (method: string, path: string, body?: unknown): Promise<any> => {
    const headers: Record<string, string> = { cookie }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(`${sim.url}/api/${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    expect(res.status).toBe(200)
    return res.json()
  }
  return {
    send,
    /** Phase 1 then phase 2 of the vendor samples, written by this user; returns the RecId. */
    async createStopSale(master: Record<string, unknown> = {}): Promise<number> {
      const own = { RecordUser: username, ...master }
      const { RecId } = await send('PUT', 'Contract/UpdateStopSale', { ...phase1(), ...own })
      expect(await send('PUT', 'Contract/UpdateStopSale', { ...phase2(RecId), ...own, RecId })).toMatchObject({
        ErrorType: 0,
        RecId,
      })
      return RecId as number
    },
    stopSales: (query = '', action = 'GetStopSaleList') => send('POST', `Integratiion/${action}?${query}`),
    async insertReservation(voucher: string, elements: unknown): Promise<any> {
      const query = `username=${user.username}&password=${user.password}&voucherNo=${voucher}`
      const res = await fetch(`${sim.url}/api/Integratiion/InsertReservation?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof elements === 'string' ? elements : JSON.stringify(elements),
      })
      return res.json()
    },
    reservations: (voucher: string) => send('POST', 'Integratiion/GetReservations', { VoucherNo: voucher }),
    reservationsByVoucher: (voucher: string) =>
      send('GET', `Reservation/GetReservationByVoucher?voucher=${voucher}&operatorId=571`),
  }
}

const ids = (items: Array<{ RecId: number }>) => items.map((i) => i.RecId).sort((a, b) => a - b)
/** A clock a test moves by hand. */
function manualClock(iso: string) {
  const clock = { now: Date.parse(iso), read: () => clock.now, set: (at: string) => (clock.now = Date.parse(at)) }
  return clock
}

describe('several users of one account share the records', () => {
  it("each user sees the other's stop sales and reservations, and what a third typed in by hand", async () => {
    const sim = await simulator()
    const ayse = await desk(sim, 'ayse')
    const mehmet = await desk(sim, 'mehmet')

    const byAyse = await ayse.createStopSale()
    const byHand = sim.ui.enterStopSale('zeynep', {
      HotelId: 18,
      BeginDate: '2026-02-01T00:00:00',
      EndDate: '2026-02-03T00:00:00',
      children: { rooms: [63, 1364], operators: [571], boards: [37] },
    })
    const byMehmet = await mehmet.createStopSale({ BeginDate: '2026-03-01T00:00:00', EndDate: '2026-03-01T00:00:00' })
    // One RecId sequence for the API and the screens.
    expect([byAyse, byHand.RecId, byMehmet]).toEqual([823259, 823260, 823261])

    for (const user of [ayse, mehmet]) {
      const items = await user.stopSales()
      expect(ids(items)).toEqual([byAyse, byHand.RecId, byMehmet])
      const author = Object.fromEntries(items.map((i: any) => [i.RecId, i.RecordUser]))
      expect(author).toEqual({ [byAyse]: 'ayse', [byHand.RecId]: 'zeynep', [byMehmet]: 'mehmet' })
    }
    const [typed] = await mehmet.stopSales('stopDateBegin=2026-02-02&stopDateEnd=2026-02-02')
    expect(typed).toMatchObject({
      RecId: byHand.RecId,
      HotelId: 18,
      RecordUser: 'zeynep',
      StopType: 0,
      State: 1,
      RoomRemark: 'STDSV,STDLV',
      OperatorRemark: '7STAR,',
      BoardRemark: 'UAI',
      StopSaleRooms: [
        { RoomTypeId: 63, State: 1, StopSaleId: byHand.RecId },
        { RoomTypeId: 1364, State: 1, StopSaleId: byHand.RecId },
      ],
      StopSaleOperators: [{ OperatorId: 571, State: 1, StopSaleId: byHand.RecId }],
      StopSaleBoards: [{ BoardId: 37, State: 1, StopSaleId: byHand.RecId }],
      StopSaleMarkets: [],
    })

    expect(await ayse.insertReservation('V-54', sample('InsertReservation'))).toEqual([
      { ErrorType: 0, Message: null, RecId: 500001 },
    ])
    const element = {
      Voucher: 'V-54',
      HotelId: 28,
      OperatorId: 571,
      CheckinDate: '2026-06-01',
      CheckOutDate: '2026-06-05',
    }
    const typedBooking = sim.ui.enterReservation('zeynep', { voucher: 'V-54', element })
    expect(typedBooking).toMatchObject({ RecId: 500002, RecordUser: 'zeynep', SourceId: null, status: 'active' })
    for (const user of [ayse, mehmet]) {
      expect(await user.reservations('V-54')).toEqual([
        expect.objectContaining({ RecId: 500001, SourceId: '116', RecordUser: null, Status: 'Active' }),
        expect.objectContaining({ RecId: 500002, SourceId: null, RecordUser: 'zeynep', HotelId: 28 }),
      ])
    }
  })
})

describe('a stop sale edited in Sedna', () => {
  it("changes its fields and moves into that day's update-date answer; the creation date stays", async () => {
    const clock = manualClock('2026-03-01T10:00:00.000Z')
    const sim = await simulator({ clock: clock.read })
    const ayse = await desk(sim, 'ayse')
    const edited = await ayse.createStopSale()
    const untouched = await ayse.createStopSale()

    clock.set('2026-03-03T09:30:00.000Z')
    const after = sim.ui.editStopSale(edited, {
      EndDate: '2026-01-28T00:00:00',
      StopType: 1,
      State: 0,
      children: { rooms: [63, 1364], boards: [] },
    })
    expect(after).toMatchObject({
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-03T09:30:00.000Z',
      RecordUser: 'ayse',
      RoomRemark: 'STDSV,STDLV',
      BoardRemark: null,
      OperatorRemark: '7STAR,', // its list did not change
      children: { rooms: [63, 1364], operators: [571], boards: [], markets: [10] },
    })

    const byUpdate = (from: string, to: string) =>
      ayse.stopSales(`recordDateBegin=${from}&recordDateEnd=${to}`, 'GetStopSaleListWithUpdateDate')
    const [item, ...others] = await byUpdate('2026-03-03', '2026-03-03')
    expect(others).toEqual([])
    expect(item).toMatchObject({
      RecId: edited,
      BeginDate: '2026-01-25T00:00:00',
      EndDate: '2026-01-28T00:00:00',
      StopType: 1,
      State: 0,
      RoomRemark: 'STDSV,STDLV',
      StopSaleRooms: [{ RoomTypeId: 63 }, { RoomTypeId: 1364 }],
      StopSaleBoards: [],
      RecordDate: '2026-03-01T10:00:00',
      UpdateDate: '2026-03-03T09:30:00',
    })
    expect(ids(await byUpdate('2026-03-01', '2026-03-02'))).toEqual([untouched])
    expect(ids(await byUpdate('2026-03-01', '2026-03-03'))).toEqual([edited, untouched])
    // By record (creation) date it stays where it was.
    expect(ids(await ayse.stopSales('recordDateBegin=2026-03-01&recordDateEnd=2026-03-01'))).toEqual([
      edited,
      untouched,
    ])
    expect(await ayse.stopSales('recordDateBegin=2026-03-03&recordDateEnd=2026-03-03')).toEqual([])
    // The edited stay dates count for the stop-date filter too.
    expect(ids(await ayse.stopSales('stopDateBegin=2026-01-27&stopDateEnd=2026-01-27'))).toEqual([edited])
  })

  it('moves the update date strictly forward even within one millisecond', async () => {
    const clock = manualClock('2026-03-01T10:00:00.000Z') // frozen
    const sim = await simulator({ clock: clock.read })
    const ayse = await desk(sim, 'ayse')
    const recId = await ayse.createStopSale()
    const created = sim.stopSales()[0]!
    // Phase 2 came in the same (frozen) millisecond: already one tick later.
    expect(created.updatedAt).toBe('2026-03-01T10:00:00.001Z')
    expect(sim.ui.editStopSale(recId, { RoomRemark: 'STDSV (deniz)' }).updatedAt).toBe('2026-03-01T10:00:00.002Z')
    expect(sim.ui.editStopSale(recId, { DeclareDate: '2026-02-27' }).updatedAt).toBe('2026-03-01T10:00:00.003Z')
    // An API write after the screens' edits keeps moving forward.
    await ayse.send('PUT', 'Contract/UpdateStopSale', phase2(recId))
    const [last] = sim.stopSales()
    expect(last).toMatchObject({ createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.004Z' })
  })

  it('throws for an unknown record, a room of another hotel, an unknown board or a bad date, changing nothing', async () => {
    const sim = await simulator()
    const ayse = await desk(sim, 'ayse')
    const recId = await ayse.createStopSale()
    const before = sim.stopSales()
    expect(() => sim.ui.editStopSale(recId + 1, { State: 0 })).toThrow(/no stop sale/)
    expect(() => sim.ui.editStopSale(recId, { children: { rooms: [133] } })).toThrow(/RoomTypeId 133/)
    expect(() => sim.ui.editStopSale(recId, { HotelId: 28 })).toThrow(/RoomTypeId 63, HotelId 28/)
    expect(() => sim.ui.editStopSale(recId, { children: { boards: [1, 999] } })).toThrow(/StopSaleBoards\[1\]/)
    expect(() => sim.ui.editStopSale(recId, { EndDate: '28.01.2026' })).toThrow(/EndDate/)
    expect(() =>
      sim.ui.enterStopSale('zeynep', { HotelId: 4242, BeginDate: '2026-01-01', EndDate: '2026-01-02' }),
    ).toThrow(/HotelId 4242/)
    expect(sim.stopSales()).toEqual(before)
  })
})

describe('a stop sale deleted in Sedna', () => {
  it('is absent from both lists; a phase 2 on its RecId is refused', async () => {
    const sim = await simulator()
    const ayse = await desk(sim, 'ayse')
    const mehmet = await desk(sim, 'mehmet')
    const gone = await ayse.createStopSale()
    const kept = await ayse.createStopSale()
    sim.ui.deleteStopSale(gone)

    const today = new Date().toISOString().slice(0, 10)
    for (const action of ['GetStopSaleList', 'GetStopSaleListWithUpdateDate']) {
      expect(ids(await mehmet.stopSales('', action))).toEqual([kept])
      expect(ids(await mehmet.stopSales(`recordDateBegin=${today}&recordDateEnd=${today}&hotelId=18`, action))).toEqual(
        [kept],
      )
    }
    expect(sim.stopSales().map((r) => r.RecId)).toEqual([kept])
    expect(await ayse.send('PUT', 'Contract/UpdateStopSale', phase2(gone))).toEqual({
      ErrorType: 1,
      Message: `Kayıt bulunamadı (RecId ${gone})`,
      RecId: 0,
    })
    expect(() => sim.ui.deleteStopSale(gone)).toThrow(/no stop sale/)
  })
})

describe('a reservation changed in Sedna', () => {
  it('edited (hotel, dates), cancelled, then deleted: each seen over GetReservations', async () => {
    const clock = manualClock('2026-05-01T08:00:00.000Z')
    const sim = await simulator({ clock: clock.read })
    const ayse = await desk(sim, 'ayse')
    await ayse.insertReservation('1Z8648', sample('InsertReservation'))

    clock.set('2026-05-02T08:00:00.000Z')
    const edited = sim.ui.editReservation(500001, {
      HotelId: 18,
      CheckinDate: '2026-07-01',
      CheckOutDate: '2026-07-08',
    })
    expect(edited).toMatchObject({ createdAt: '2026-05-01T08:00:00.000Z', updatedAt: '2026-05-02T08:00:00.000Z' })
    const [found] = await ayse.reservations('1Z8648')
    expect(found).toMatchObject({
      RecId: 500001,
      SourceId: '116',
      HotelId: 18,
      CheckinDate: '2026-07-01',
      CheckOutDate: '2026-07-08',
      RoomTypeId: 133,
      Status: 'Active',
    })
    expect(() => sim.ui.editReservation(500001, { CheckinDate: 'July 1st' })).toThrow(/CheckinDate/)
    // An element that spelled the field otherwise ends with one field, the edited one.
    const typed = sim.ui.enterReservation('zeynep', { voucher: 'V-9', element: { hotelid: 28, OperatorId: 571 } })
    sim.ui.editReservation(typed.RecId, { HotelId: 18 })
    const [retyped] = await ayse.reservations('V-9')
    expect(Object.entries(retyped).filter(([key]) => key.toLowerCase() === 'hotelid')).toEqual([['HotelId', 18]])
    sim.ui.deleteReservation(typed.RecId)

    const cancelled = sim.ui.cancelReservation(500001)
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: '2026-05-02T08:00:00.001Z' })
    expect(await ayse.reservationsByVoucher('1Z8648')).toEqual([
      expect.objectContaining({ RecId: 500001, Status: 'Cancelled', HotelId: 18 }),
    ])
    // The API's cancel of an already cancelled one still succeeds, and changes nothing.
    expect(await ayse.send('POST', 'Integratiion/CancelReservationBySourcId?operatorId=571&sourceId=116')).toEqual({
      ErrorType: 0,
      Message: null,
      RecId: 500001,
    })
    expect(sim.reservations()[0]?.cancelledAt).toBe('2026-05-02T08:00:00.001Z')

    sim.ui.deleteReservation(500001)
    expect(await ayse.reservations('1Z8648')).toEqual([])
    expect(sim.reservations()).toEqual([])
    expect(() => sim.ui.cancelReservation(500001)).toThrow(/no reservation/)
    expect(() => sim.ui.enterReservation('zeynep', { voucher: 'X', element: { HotelId: 18 } })).toThrow(/OperatorId/)
  })
})

describe('look-up answers without some fields (shapes.omitFields)', () => {
  /** One stop sale and one reservation in `sim`, read back through the three look-up lists. */
  async function lookups(sim: Simulator) {
    const ayse = await desk(sim, 'ayse')
    await ayse.createStopSale()
    await ayse.insertReservation('1Z8648', sample('InsertReservation'))
    const unwrap = (answer: any) => (Array.isArray(answer) ? answer : answer.Data)
    return {
      stopSales: [
        ...unwrap(await ayse.stopSales()),
        ...unwrap(await ayse.stopSales('', 'GetStopSaleListWithUpdateDate')),
      ] as Record<string, unknown>[],
      reservations: [
        ...unwrap(await ayse.reservations('1Z8648')),
        ...unwrap(await ayse.reservationsByVoucher('1Z8648')),
      ] as Record<string, unknown>[],
    }
  }

  it('by default every look-up item carries RecId, DeclareDate, RecordUser and SourceId', async () => {
    const { stopSales, reservations } = await lookups(await simulator())
    expect(stopSales).toHaveLength(2)
    for (const item of stopSales) {
      expect(item).toMatchObject({ RecId: 823259, DeclareDate: '2025-12-29T00:00:00', RecordUser: 'ayse' })
    }
    expect(reservations).toHaveLength(2)
    for (const item of reservations) expect(item).toMatchObject({ RecId: 500001, SourceId: '116', RecordUser: null })
  })

  it.each([
    ['DeclareDate', 'stopSales'],
    ['RecordUser', 'stopSales'],
    ['RecId', 'stopSales'],
    ['SourceId', 'reservations'],
    ['RecId', 'reservations'],
    ['RecordUser', 'reservations'],
  ] as const)('omitFields [%s]: %s items come without it, the rest intact', async (field, kind) => {
    for (const lists of ['bare', 'wrapped'] as const) {
      const answers = await lookups(await simulator({ shapes: { lists, omitFields: [field] } }))
      const items = answers[kind]
      expect(items).toHaveLength(2)
      for (const item of items) {
        // Case-insensitively: a reservation element may spell it sourceId.
        expect(Object.keys(item).map((k) => k.toLowerCase())).not.toContain(field.toLowerCase())
        expect(item).toHaveProperty(kind === 'stopSales' ? 'HotelId' : 'Voucher')
      }
      if (kind === 'stopSales' && field === 'RecId') {
        // The children still name their master.
        expect(items[0]).toMatchObject({ StopSaleRooms: [{ RoomTypeId: 63, StopSaleId: 823259 }] })
      }
    }
  })

  it('omits a reservation field however the sender spelled it, and leaves reference data alone', async () => {
    const sim = await simulator({ shapes: { omitFields: ['SourceId', 'RecId'] } })
    const ayse = await desk(sim, 'ayse')
    const element = { ...JSON.parse(sample('InsertReservation'))[0], SourceId: undefined, sourceid: 'lower-117' }
    expect(await ayse.insertReservation('V-LOW', [element])).toMatchObject([{ ErrorType: 0, RecId: 500001 }])
    expect(sim.reservations()[0]?.SourceId).toBe('lower-117')
    const [item] = await ayse.reservations('V-LOW')
    expect(Object.keys(item).filter((k) => /^(sourceid|recid)$/i.test(k))).toEqual([])
    expect(await ayse.send('GET', 'Integratiion/GetOperators')).toContainEqual(expect.objectContaining({ RecId: 571 }))
  })
})
