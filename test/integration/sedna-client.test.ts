/** The Sedna client against the simulator, over real HTTP: every call, every fault, every variant. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  normalizeBaseUrl,
  SednaClient,
  type CheckStopSaleStateBody,
  type SednaExchange,
  type UpdateStopSaleBody,
} from '../../src/main/sedna/client'
import { listItems } from '../../src/main/sedna/responses'
import { SednaError } from '../../src/main/sedna/failures'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'

const samples = join(import.meta.dirname, '../../../shared/samples/sedna-requests')
const sample = <T>(name: string): T => JSON.parse(readFileSync(join(samples, name), 'utf8')) as T

let sim: Simulator
const clients: SednaClient[] = []
const exchanges: SednaExchange[] = []

beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(async () => {
  await sim.close()
})
afterEach(async () => {
  sim.reset()
  exchanges.length = 0
  await Promise.all(clients.splice(0).map((c) => c.close()))
})

function client(overrides: Partial<ConstructorParameters<typeof SednaClient>[0]> = {}): SednaClient {
  const c = new SednaClient({
    baseUrl: sim.url,
    username: 'demo',
    password: async () => 'demo',
    onExchange: (x) => exchanges.push(x),
    timeouts: { connectMs: 1_000, headersMs: 1_500, bodyMs: 1_500 },
    ...overrides,
  })
  clients.push(c)
  return c
}

async function failure(p: Promise<unknown>): Promise<SednaError> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(SednaError)
    return err as SednaError
  }
  throw new Error('expected a SednaError')
}

const phase1 = () => sample<UpdateStopSaleBody>('vendor_UpdateStopSale_phase1.request.json')
function phase2(recId: number): UpdateStopSaleBody {
  const body = sample<UpdateStopSaleBody>('vendor_UpdateStopSale_phase2.request.json')
  body.RecId = recId
  for (const list of [body.StopSaleRooms, body.StopSaleOperators, body.StopSaleBoards, body.StopSaleMarkets]) {
    for (const child of list) child.StopSaleId = recId
  }
  return body
}

describe('base URL', () => {
  it('accepts the base with or without /api, and trailing slashes', () => {
    const want = 'http://test.kodsedna.com/SednaAgencyb2bApi'
    expect(normalizeBaseUrl('http://test.kodsedna.com/SednaAgencyb2bApi')).toBe(want)
    expect(normalizeBaseUrl(' http://test.kodsedna.com/SednaAgencyb2bApi/api ')).toBe(want)
    expect(normalizeBaseUrl('http://test.kodsedna.com/SednaAgencyb2bApi/Api/')).toBe(want)
    expect(normalizeBaseUrl('https://sedna.example.com/')).toBe('https://sedna.example.com')
  })

  it('refuses what is not a Sedna address, saying how it should look', () => {
    expect(() => normalizeBaseUrl('test.kodsedna.com')).toThrow(/not a web address.*http:\/\/test\.kodsedna\.com/)
    expect(() => normalizeBaseUrl('ftp://x/y')).toThrow(/http:\/\/ or https:\/\//)
    expect(() => normalizeBaseUrl('http://u:p@x/y')).toThrow(/username or password/)
  })

  for (const suffix of ['', '/api', '/Api/', '/']) {
    it(`talks to Sedna with the base given as "…${suffix}"`, async () => {
      const c = client({ baseUrl: sim.url + suffix })
      expect(await c.login()).toBe(571)
      expect((await c.getBoards()).items.length).toBeGreaterThan(0)
    })
  }
})

describe('login and session', () => {
  it('logs in once, keeps the cookie, and sends no credentials on later calls', async () => {
    const c = client()
    expect(await c.login()).toBe(571)
    await c.getHotels(571)
    await c.getBoards()
    const requests = sim.requests()
    expect(requests.filter((r) => /AgencyLogin/i.test(r.path))).toHaveLength(1)
    for (const r of requests.filter((r) => !/AgencyLogin/i.test(r.path))) {
      expect(r.query.password).toBeUndefined()
      expect(r.query.username).toBeUndefined()
    }
  })

  it('logs in by itself before the first call', async () => {
    const c = client()
    expect((await c.getOperators()).items.map((o) => o.code)).toContain('7STAR')
    expect(c.operatorId).toBe(571)
  })

  it('re-logs in once on a 401 and repeats the call', async () => {
    const c = client()
    await c.login()
    sim.expireSessions()
    const hotels = await c.getHotels(571)
    expect(hotels.items.length).toBeGreaterThan(0)
    expect(sim.requests().map((r) => r.status)).toEqual([200, 401, 200, 200])
  })

  it('gives up with an auth failure when the 401 persists after re-login', async () => {
    const c = client()
    await c.login()
    sim.addFault({ path: 'Integratiion/GetHotelList', fault: { kind: 'status', status: 401 } })
    const err = await failure(c.getHotels(571))
    expect(err).toMatchObject({ kind: 'auth', status: 401, delivery: 'rejected' })
    expect(err.message).toMatch(/even after logging in again/)
    expect(sim.requests().filter((r) => /AgencyLogin/i.test(r.path))).toHaveLength(2)
  })

  it('reports bad credentials as auth with Sedna’s message, and never the password', async () => {
    const c = client({ password: async () => 'wrong-pass-123' })
    const err = await failure(c.login())
    expect(err.kind).toBe('auth')
    expect(err.message).toMatch(/rejected the username or password/)
    expect(err.message).not.toContain('wrong-pass-123')
    expect(JSON.stringify(exchanges)).not.toContain('wrong-pass-123')
    expect(exchanges[0]!.url).toContain('password=***')
  })
})

describe('reference calls', () => {
  it('reads hotels, room types, hotel room types, boards, operators and countries', async () => {
    const c = client()
    const hotels = await c.getHotels(571)
    expect(hotels.skipped).toBe(0)
    expect(hotels.items.find((h) => h.id === 18)?.name).toBe('Mandarin Resort')
    expect(hotels.items.map((h) => h.name)).toContain('Çamyuva Güneş Otel')
    expect((await c.getRoomTypes(571)).items.find((r) => r.id === 63)?.code).toBe('STDSV')
    const perHotel = await c.getHotelRoomTypes([18, 28])
    expect(
      perHotel.items
        .filter((r) => r.hotelId === 18)
        .map((r) => r.id)
        .sort((a, b) => a - b),
    ).toEqual([63, 1364, 1389, 1390, 15730, 15731])
    expect(perHotel.items.find((r) => r.hotelId === 28 && r.code === 'DBL')?.id).toBe(133)
    expect((await c.getBoards()).items.find((b) => b.id === 37)?.code).toBe('UAI')
    expect((await c.getOperators()).items.find((o) => o.id === 571)?.code).toBe('7STAR')
    expect((await c.getCountries()).items.find((x) => x.id === 79)?.name).toBe('UKRAYNA')
    const methods = Object.fromEntries(
      sim.requests().map((r) => [r.path.split('/').slice(-2).join('/').toLowerCase(), r.method]),
    )
    expect(methods).toMatchObject({
      'integratiion/gethotellist': 'POST',
      'integratiion/getroomtypelist': 'POST',
      'service1/gethotelroomtypelistall': 'POST',
      'service2/getboardlist': 'GET',
      'integratiion/getoperators': 'GET',
      'integratiion/getcountrys': 'POST',
    })
  })

  it('tolerates wrapped lists and the HotelId/HotelName variants', async () => {
    const wrapped = await startSimulator({
      shapes: { lists: 'wrapped', hotelIdField: 'HotelId', hotelNameField: 'HotelName' },
    })
    try {
      const c = client({ baseUrl: wrapped.url })
      const hotels = await c.getHotels(571)
      expect(hotels.skipped).toBe(0)
      expect(hotels.items.find((h) => h.id === 659)?.name).toBe('İstanbul Boğaz Palace')
      expect((await c.getBoards()).items.length).toBeGreaterThan(0)
    } finally {
      await wrapped.close()
    }
  })
})

describe('stop sales', () => {
  it('saves in two phases: create with empty children, then fill them under the returned RecId', async () => {
    const c = client()
    const { recId } = await c.updateStopSale(phase1())
    expect(recId).toBeGreaterThan(0)
    expect((await c.updateStopSale(phase2(recId))).recId).toBe(recId)
    const [record] = sim.stopSales()
    expect(sim.stopSales()).toHaveLength(1)
    expect(record).toMatchObject({ RecId: recId, HotelId: 18, OperatorRemark: '7STAR,' })
    expect(record!.children).toEqual({ rooms: [63], operators: [571], boards: [1], markets: [10] })
    const put = sim.requests().filter((r) => /UpdateStopSale/i.test(r.path))
    expect(put.map((r) => r.method)).toEqual(['PUT', 'PUT'])
  })

  it('surfaces Sedna’s rejection of children on a new record (the vendor’s NullReference)', async () => {
    const c = client()
    const body = phase2(0)
    const err = await failure(c.updateStopSale(body))
    expect(err).toMatchObject({ kind: 'http', status: 500, delivery: 'unknown' })
    expect(err.message).toMatch(/Object reference not set/)
    expect(sim.stopSales()).toHaveLength(0)
  })

  it('reports a phase 2 for an unknown RecId as a Sedna refusal', async () => {
    const err = await failure(client().updateStopSale(phase2(999_999)))
    expect(err).toMatchObject({ kind: 'sedna', delivery: 'rejected', errorType: expect.any(Number) })
  })

  it('reads stop sales back by hotel and dates, and checks stop state', async () => {
    const c = client()
    const { recId } = await c.updateStopSale(phase1())
    await c.updateStopSale(phase2(recId))
    const list = await c.getStopSaleList({ hotelId: 18, stopDateBegin: '2026-01-01', stopDateEnd: '2026-01-31' })
    expect(list.items.map((r) => r.RecId)).toEqual([recId])
    expect(list.items[0]!.DeclareDate).toBe('2025-12-29T00:00:00')
    expect((await c.getStopSaleList({ hotelId: 28 })).items).toEqual([])
    const updated = await c.getStopSaleListWithUpdateDate({ hotelId: 18 })
    expect(updated.items.map((r) => r.RecId)).toEqual([recId])
    const state = await c.checkStopSaleState({
      ...sample<CheckStopSaleStateBody>('vendor_CheckStopSaleState.request.json'),
      beginDate: '2026-01-25T00:00:00',
      endDate: '2026-01-25T00:00:00',
    })
    expect(listItems(state)).toEqual([expect.objectContaining({ StopSaleId: recId, HotelId: 18 })])
    const elsewhere = await c.checkStopSaleState(
      sample<CheckStopSaleStateBody>('vendor_CheckStopSaleState.request.json'),
    )
    expect(listItems(elsewhere)).toEqual([])
  })
})

describe('faults', () => {
  const action = 'Contract/UpdateStopSale'
  it('network: connection refused is not-sent', async () => {
    const closed = await startSimulator()
    const url = closed.url
    await closed.close()
    const err = await failure(client({ baseUrl: url }).login())
    expect(err).toMatchObject({ kind: 'network', delivery: 'not-sent', code: 'ECONNREFUSED' })
    expect(err.transient).toBe(true)
  })

  it('HTTP 500 with a .NET error page is an unknown-delivery http failure', async () => {
    const c = client()
    sim.addFault({ path: action, fault: { kind: 'http-500' } })
    const err = await failure(c.updateStopSale(phase1()))
    expect(err).toMatchObject({ kind: 'http', status: 500, delivery: 'unknown' })
    expect(err.transient).toBe(true)
  })

  for (const status of [503, 429] as const) {
    it(`${status} with Retry-After carries the wait`, async () => {
      const c = client()
      sim.addFault({ path: action, fault: { kind: 'status', status, retryAfterSeconds: 7 } })
      const err = await failure(c.updateStopSale(phase1()))
      expect(err).toMatchObject({ kind: 'http', status, retryAfterMs: 7000, delivery: 'rejected' })
      expect(err.message).toMatch(/wait 7 s/)
      expect(err.transient).toBe(true)
    })
  }

  it('a reset connection is a network failure of unknown delivery', async () => {
    const c = client()
    await c.login()
    sim.addFault({ path: action, fault: { kind: 'reset' } })
    expect(await failure(c.updateStopSale(phase1()))).toMatchObject({ kind: 'network', delivery: 'unknown' })
  })

  it('a hanging Sedna times out', async () => {
    const c = client()
    await c.login()
    sim.addFault({ path: action, fault: { kind: 'hang' } })
    expect(await failure(c.updateStopSale(phase1()))).toMatchObject({ kind: 'timeout', delivery: 'unknown' })
  })

  it('a truncated body is malformed, delivery unknown', async () => {
    const c = client()
    sim.addFault({ path: action, fault: { kind: 'truncated' } })
    const err = await failure(c.updateStopSale(phase1()))
    expect(err).toMatchObject({ kind: 'malformed', delivery: 'unknown' })
    expect(err.message).toMatch(/cut off|could not be read/)
  })

  it('a non-JSON answer is malformed', async () => {
    const c = client()
    sim.addFault({ path: 'Service2/GetBoardList', fault: { kind: 'non-json' } })
    expect(await failure(c.getBoards())).toMatchObject({ kind: 'malformed' })
  })

  it('ErrorType != 0 is a Sedna refusal with its message', async () => {
    const c = client()
    sim.addFault({ path: action, fault: { kind: 'error-type', errorType: 3, message: 'Otel kapalı' } })
    const err = await failure(c.updateStopSale(phase1()))
    expect(err).toMatchObject({ kind: 'sedna', errorType: 3, sednaMessage: 'Otel kapalı', delivery: 'rejected' })
    expect(err.message).toContain('Otel kapalı')
  })

  it('"applied, then the answer dropped": the record exists although the call failed', async () => {
    const c = client()
    await c.login()
    sim.addFault({ path: action, calls: [1], fault: { kind: 'drop-response' } })
    expect(await failure(c.updateStopSale(phase1()))).toMatchObject({ delivery: 'unknown' })
    expect(sim.stopSales()).toHaveLength(1)
  })

  it('latency is just slower, and faults can target one call number', async () => {
    const c = client()
    sim.addFault({ path: 'Service2/GetBoardList', fault: { kind: 'latency', ms: 150 } })
    sim.addFault({ path: 'Service2/GetBoardList', calls: [2], fault: { kind: 'http-500' } })
    const t = performance.now()
    await c.getBoards()
    expect(performance.now() - t).toBeGreaterThanOrEqual(140)
    await failure(c.getBoards())
    expect((await c.getBoards()).items.length).toBeGreaterThan(0)
  })

  it('404 for a wrong address says how the address should look', async () => {
    const err = await failure(client({ baseUrl: sim.url.replace('SednaAgencyb2bApi', 'WrongApi') }).login())
    expect(err).toMatchObject({ kind: 'http', status: 404 })
    expect(err.message).toMatch(/address is probably wrong/)
  })
})

describe('reservations', () => {
  const room = () => ({
    ...sample<Record<string, unknown>[]>('vendor_InsertReservation.request.json')[0],
    SourceId: 'app-1',
  })

  it('sends query credentials only on InsertReservation, redacted in every exchange', async () => {
    const c = client()
    const { recIds } = await c.insertReservation('54', [room()])
    expect(recIds).toHaveLength(1)
    const insert = sim.requests().find((r) => /InsertReservation/i.test(r.path))!
    expect(insert.query).toMatchObject({ username: 'demo', password: 'demo', voucherNo: '54' })
    expect(JSON.parse(insert.body)).toBeInstanceOf(Array)
    const stored = exchanges.find((x) => x.action === 'Integratiion/InsertReservation')!
    expect(stored.url).toContain('password=***')
    expect(stored.url).not.toMatch(/password=demo/)
  })

  it('reads reservations back, by filter and by voucher, and cancels by SourceId', async () => {
    const c = client()
    await c.insertReservation('54', [room()])
    expect((await c.getReservations({ VoucherNo: '54' })).items).toHaveLength(1)
    expect((await c.getReservationByVoucher('54', 571)).items).toHaveLength(1)
    await c.cancelReservationBySourceId(571, 'app-1')
    expect(sim.reservations()[0]).toMatchObject({ status: 'cancelled' })
    const err = await failure(c.cancelReservationBySourceId(571, 'no-such'))
    expect(err.kind).toBe('sedna')
  })
})
