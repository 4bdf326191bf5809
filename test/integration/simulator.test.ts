/**
 * The Sedna simulator over real HTTP (global fetch): routing, auth, the two-phase stop-sale write,
 * read-backs, reference data, reservations and every fault kind. The vendor's own request samples
 * (../shared/samples/sedna-requests) are sent unchanged wherever possible.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'

const samplesDir = resolve(import.meta.dirname, '../../../shared/samples/sedna-requests')
const sample = (name: string): string => readFileSync(join(samplesDir, `vendor_${name}.request.json`), 'utf8')
const phase1 = () => JSON.parse(sample('UpdateStopSale_phase1')) as Record<string, unknown>
/** The vendor's phase-2 body with its RecId (823259) swapped for `recId` everywhere. */
const phase2 = (recId: number) =>
  JSON.parse(sample('UpdateStopSale_phase2').replaceAll('823259', String(recId))) as Record<string, unknown>

let sim: Simulator
let cookie: string

beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())
beforeEach(async () => {
  sim.reset()
  cookie = await login()
})

interface CallOptions {
  body?: unknown
  /** Send without the session cookie. */
  anonymous?: boolean
  cookie?: string
  signal?: AbortSignal
  contentType?: string
}

function call(method: string, path: string, opts: CallOptions = {}, s: Simulator = sim): Promise<Response> {
  const headers: Record<string, string> = {}
  if (!opts.anonymous) headers.cookie = opts.cookie ?? cookie
  let body: string | undefined
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)
    headers['content-type'] = opts.contentType ?? 'application/json'
  }
  return fetch(`${s.url}/api/${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(opts.signal ? { signal: opts.signal } : {}),
  })
}

async function callJson(method: string, path: string, opts: CallOptions = {}, s: Simulator = sim): Promise<any> {
  const res = await call(method, path, opts, s)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  return res.json()
}

/** Logs in as demo/demo and returns the `name=value` cookie pair. */
async function login(s: Simulator = sim): Promise<string> {
  const res = await fetch(`${s.url}/api/Integratiion/AgencyLogin?username=demo&password=demo`)
  const setCookie = res.headers.get('set-cookie') ?? ''
  return setCookie.split(';')[0]!
}

const putStopSale = (body: unknown, s: Simulator = sim, c?: string) =>
  call('PUT', 'Contract/UpdateStopSale', { body, ...(c ? { cookie: c } : {}) }, s)

/** Phase 1 then phase 2 of the vendor samples with optional overrides; returns the new RecId. */
async function createStopSale(master: Record<string, unknown> = {}, children: Record<string, unknown> = {}) {
  const created = await (await putStopSale({ ...phase1(), ...master })).json()
  expect(created).toMatchObject({ ErrorType: 0 })
  const recId = created.RecId as number
  const res = await (await putStopSale({ ...phase2(recId), ...master, ...children, RecId: recId })).json()
  expect(res).toEqual({ ErrorType: 0, Message: 'Kayıt başarılı', RecId: recId })
  return recId
}

describe('authentication', () => {
  it('logs in with good credentials: operator id as RecId and an ASP.NET session cookie', async () => {
    const res = await fetch(`${sim.url}/api/Integratiion/AgencyLogin?username=demo&password=demo`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ErrorType: 0, Message: null, RecId: 571 })
    expect(res.headers.get('set-cookie')).toMatch(/^ASP\.NET_SessionId=[a-z0-5]{24}; path=\/; HttpOnly$/)
  })

  it('refuses bad credentials with ErrorType 1 and no cookie', async () => {
    const res = await fetch(`${sim.url}/api/Integratiion/AgencyLogin?username=demo&password=wrong`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ErrorType: 1, Message: 'Kullanıcı adı veya şifre hatalı', RecId: 0 })
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('answers 401 without a session cookie, with an unknown one and after expireSessions()', async () => {
    const denied = { Message: 'Authorization has been denied for this request.' }
    const anon = await call('GET', 'Service2/GetBoardList', { anonymous: true })
    expect(anon.status).toBe(401)
    expect(await anon.json()).toEqual(denied)
    expect((await call('GET', 'Service2/GetBoardList', { cookie: 'ASP.NET_SessionId=forged' })).status).toBe(401)
    // Query credentials do not replace the session on ordinary calls (OBSERVED history).
    const withQuery = await call('PUT', 'Contract/UpdateStopSale?username=demo&password=demo', {
      anonymous: true,
      body: phase1(),
    })
    expect(withQuery.status).toBe(401)

    expect((await call('GET', 'Service2/GetBoardList')).status).toBe(200)
    sim.expireSessions()
    expect((await call('GET', 'Service2/GetBoardList')).status).toBe(401)
    cookie = await login()
    expect((await call('GET', 'Service2/GetBoardList')).status).toBe(200)
    expect(sim.stopSales()).toHaveLength(0)
  })
})

describe('routing', () => {
  it('ignores the casing of api, controller and action', async () => {
    for (const prefix of ['api', 'Api']) {
      const res = await fetch(`${sim.url}/${prefix}/integratiion/GETOPERATORS`, { headers: { cookie } })
      expect(res.status).toBe(200)
      expect(await res.json()).toContainEqual(expect.objectContaining({ RecId: 571, Code: '7STAR' }))
    }
  })

  it.each([
    ['POST', 'Shop/GetHotels'],
    ['PUT', 'StopSale/InsertStopSale'],
    ['POST', 'Reservation/InsertReservation'],
    ['POST', 'Service2/GetHotelList'],
    ['GET', 'Integration/AgencyLogin?username=demo&password=demo'],
    ['POST', 'Integration/GetHotelList'],
  ])('answers 404 for %s %s, which is not a Sedna endpoint', async (method, path) => {
    const res = await call(method, path)
    expect(res.status).toBe(404)
    const body = await res.json()
    expect(body.Message).toBe(`No HTTP resource was found that matches the request URI '${sim.url}/api/${path}'.`)
  })

  it('answers 404 outside /api and 405 with Allow for a known action on the wrong method', async () => {
    expect((await fetch(`${sim.url}/Integratiion/GetOperators`)).status).toBe(404)
    const res = await call('GET', 'Contract/UpdateStopSale')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('PUT')
    expect(await res.json()).toEqual({ Message: "The requested resource does not support http method 'GET'." })
    expect((await call('POST', 'Integratiion/GetOperators')).headers.get('allow')).toBe('GET')
  })

  it('refuses a JSON body sent as text/plain with 415, like Web API', async () => {
    const res = await call('PUT', 'Contract/UpdateStopSale', {
      body: phase1(),
      contentType: 'text/plain;charset=UTF-8',
    })
    expect(res.status).toBe(415)
    expect(sim.stopSales()).toHaveLength(0)
  })
})

describe('UpdateStopSale, two phases', () => {
  it('phase 1 (vendor sample) creates a record without children and answers its RecId', async () => {
    const res = await putStopSale(sample('UpdateStopSale_phase1'))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ErrorType: 0, Message: 'Kayıt başarılı', RecId: 823259 })
    const [record, ...rest] = sim.stopSales()
    expect(rest).toHaveLength(0)
    expect(record).toMatchObject({
      RecId: 823259,
      HotelId: 18,
      BeginDate: '2026-01-25T00:00:00',
      EndDate: '2026-01-25T00:00:00',
      DeclareDate: '2025-12-29T00:00:00',
      RecordUser: 'Sedna',
      Authority: 207,
      RoomRemark: 'STDSV,STDLV',
      OperatorRemark: '7STAR,',
      BoardRemark: 'UAI',
      State: 1,
      StopType: 0,
      children: { rooms: [], operators: [], boards: [], markets: [] },
    })
  })

  it('phase 2 (vendor sample, RecId swapped for the issued one) fills the children', async () => {
    const own = await startSimulator({ firstRecId: 4100 })
    try {
      const c = await login(own)
      expect(await (await putStopSale(phase1(), own, c)).json()).toMatchObject({ RecId: 4100 })
      expect(await (await putStopSale(phase1(), own, c)).json()).toMatchObject({ RecId: 4101 })
      const res = await putStopSale(phase2(4101), own, c)
      expect(await res.json()).toEqual({ ErrorType: 0, Message: 'Kayıt başarılı', RecId: 4101 })
      const byId = new Map(own.stopSales().map((r) => [r.RecId, r]))
      expect(byId.get(4101)?.children).toEqual({ rooms: [63], operators: [571], boards: [1], markets: [10] })
      expect(byId.get(4100)?.children.rooms).toEqual([])
    } finally {
      await own.close()
    }
  })

  it('phase 1 with children fails like .NET: 500 NullReferenceException, nothing created', async () => {
    const res = await putStopSale({ ...phase2(0), RecId: 0 })
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({
      Message: 'An error has occurred.',
      ExceptionMessage: 'Object reference not set to an instance of an object.',
      ExceptionType: 'System.NullReferenceException',
      StackTrace: expect.stringMatching(/^ {3}at Sedna/),
    })
    expect(sim.stopSales()).toHaveLength(0)
  })

  it('phase 2 with a wrong StopSaleId, an unknown RecId, an unknown hotel or a foreign room: ErrorType 1', async () => {
    const recId = (await (await putStopSale(phase1())).json()).RecId as number
    const wrongChild = phase2(recId)
    wrongChild.StopSaleBoards = [{ BoardId: 1, State: 1, StopSaleId: recId + 1 }]
    const mismatch = await (await putStopSale(wrongChild)).json()
    expect(mismatch).toMatchObject({ ErrorType: 1, RecId: 0 })
    expect(mismatch.Message).toContain(`StopSaleBoards[0].StopSaleId=${recId + 1}`)

    const unknown = await (await putStopSale(phase2(999))).json()
    expect(unknown).toEqual({ ErrorType: 1, Message: 'Kayıt bulunamadı (RecId 999)', RecId: 0 })

    expect(await (await putStopSale({ ...phase2(recId), HotelId: 4242 })).json()).toMatchObject({ ErrorType: 1 })
    // 133 is DBL of hotel 28: the same code means another id in hotel 18.
    const foreign = { ...phase2(recId), StopSaleRooms: [{ RoomTypeId: 133, State: 1, StopSaleId: recId }] }
    expect(await (await putStopSale(foreign)).json()).toMatchObject({ ErrorType: 1 })

    expect(sim.stopSales()[0]?.children.rooms).toEqual([])
  })

  it('repeating phase 2 replaces, never duplicates: one record, same children', async () => {
    const recId = await createStopSale()
    const first = sim.stopSales()[0]!
    await new Promise((r) => setTimeout(r, 5))
    expect(await (await putStopSale(phase2(recId))).json()).toMatchObject({ ErrorType: 0, RecId: recId })
    const again = sim.stopSales()
    expect(again).toHaveLength(1)
    const { updatedAt, ...rest } = again[0]!
    const { updatedAt: firstUpdatedAt, ...firstRest } = first
    expect(rest).toEqual(firstRest)
    expect(updatedAt > firstUpdatedAt).toBe(true)

    // A replace with fewer children really drops the others.
    await putStopSale({ ...phase2(recId), StopSaleMarkets: [] })
    expect(sim.stopSales()[0]?.children.markets).toEqual([])
  })

  it('answers 400 for a body that is not a JSON object', async () => {
    for (const body of ['[]', '"x"', '{not json', '']) {
      const res = await call('PUT', 'Contract/UpdateStopSale', { body })
      expect(res.status).toBe(400)
      expect((await res.json()).Message).toBe('The request is invalid.')
    }
    expect((await putStopSale({ ...phase1(), BeginDate: 'soon' })).status).toBe(400)
    expect(sim.stopSales()).toHaveLength(0)
  })
})

describe('reading stop sales back', () => {
  const list = (query: string, action = 'GetStopSaleList') => callJson('POST', `Integratiion/${action}?${query}`)

  it('GetStopSaleList filters by hotel, stay-date overlap and record date', async () => {
    const a = await createStopSale({ BeginDate: '2026-01-25T00:00:00', EndDate: '2026-01-31T00:00:00' })
    const b = await createStopSale(
      { HotelId: 28, BeginDate: '2026-02-10T00:00:00', EndDate: '2026-02-12T00:00:00' },
      { StopSaleRooms: [] },
    )
    const ids = (items: Array<{ RecId: number }>) => items.map((i) => i.RecId).sort()

    expect(ids(await list(''))).toEqual([a, b])
    expect(ids(await list('hotelId=18'))).toEqual([a])
    expect(ids(await list('stopDateBegin=2026-01-31&stopDateEnd=2026-02-09'))).toEqual([a])
    expect(ids(await list('stopDateBegin=2026-02-01&stopDateEnd=2026-02-09'))).toEqual([])
    expect(ids(await list('stopDateBegin=2026-02-12'))).toEqual([b])
    const today = new Date().toISOString().slice(0, 10)
    expect(ids(await list(`recordDateBegin=${today}&recordDateEnd=${today}&hotelId=`))).toEqual([a, b])
    expect(ids(await list('recordDateEnd=2020-01-01'))).toEqual([])
    expect(ids(await list(`recordDateBegin=${today}`, 'GetStopSaleListWithUpdateDate'))).toEqual([a, b])
    expect(ids(await list('recordDateEnd=2020-01-01', 'GetStopSaleListWithUpdateDate'))).toEqual([])

    const [item] = await list('hotelId=18')
    expect(item).toMatchObject({
      RecId: a,
      HotelId: 18,
      BeginDate: '2026-01-25T00:00:00',
      OperatorRemark: '7STAR,',
      StopSaleRooms: [{ RoomTypeId: 63, State: 1, StopSaleId: a }],
      StopSaleOperators: [{ OperatorId: 571, State: 1, StopSaleId: a }],
      StopSaleBoards: [{ BoardId: 1, State: 1, StopSaleId: a }],
      StopSaleMarkets: [{ MarketId: 10, State: 1, StopSaleId: a }],
    })
    expect((await call('POST', 'Integratiion/GetStopSaleList?stopDateBegin=31.01.2026')).status).toBe(400)
  })

  it('CheckStopSaleState (vendor sample body) lists the overlapping records that stop those rooms and boards', async () => {
    const day = { BeginDate: '2025-12-28T00:00:00', EndDate: '2025-12-30T00:00:00' }
    const hit = await createStopSale(day, { StopSaleBoards: [] }) // no boards = all boards
    await createStopSale({ BeginDate: '2026-01-25T00:00:00', EndDate: '2026-01-25T00:00:00' }) // other dates
    const recIdOfOtherBoard = await createStopSale(day)
    await putStopSale({
      ...phase2(recIdOfOtherBoard),
      ...day,
      StopSaleBoards: [{ BoardId: 2, State: 1, StopSaleId: recIdOfOtherBoard }],
    })

    const res = await call('POST', 'Contract/CheckStopSaleState', { body: sample('CheckStopSaleState') })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual([
      {
        StopSaleId: hit,
        HotelId: 18,
        BeginDate: day.BeginDate,
        EndDate: day.EndDate,
        StopType: 0,
        State: 1,
        OperatorIds: [571],
        RoomTypeIds: [63],
        BoardIds: [1, 37],
      },
    ])
  })
})

describe('reference data', () => {
  it('serves hotels, room types, boards, operators and countries with the vendor ids', async () => {
    const hotels = await callJson('POST', 'Integratiion/GetHotelList?operatorId=571&isActive=true')
    expect(hotels).toContainEqual(expect.objectContaining({ RecId: 18, Name: 'Mandarin Resort' }))
    expect(hotels).toContainEqual(
      expect.objectContaining({ RecId: 28, Name: 'Çamyuva Güneş Otel', RegionName: 'Kemer' }),
    )
    expect(hotels.every((h: { IsActive: boolean }) => h.IsActive)).toBe(true)
    expect((await callJson('POST', 'Integratiion/GetHotelList?operatorId=571')).length).toBe(hotels.length + 1)

    const rooms = await callJson('POST', 'Integratiion/GetRoomTypeList?operatorId=571')
    expect(rooms).toContainEqual(expect.objectContaining({ RoomTypeId: 63, Code: 'STDSV' }))
    const dblIds = rooms
      .filter((r: { Code: string }) => r.Code === 'DBL')
      .map((r: { RoomTypeId: number }) => r.RoomTypeId)
    expect(new Set(dblIds).size).toBeGreaterThan(3)

    const hotel18 = await callJson('POST', 'Service1/GetHotelRoomTypelistAll', { body: [18] })
    expect(hotel18.map((r: { RoomTypeId: number }) => r.RoomTypeId)).toEqual([63, 1364, 1389, 1390, 15730, 15731])
    expect(hotel18.every((r: { HotelId: number }) => r.HotelId === 18)).toBe(true)
    expect((await call('POST', 'Service1/GetHotelRoomTypelistAll', { body: { id: 18 } })).status).toBe(400)

    const boards = await callJson('GET', 'Service2/GetBoardList')
    expect(boards).toContainEqual(expect.objectContaining({ BoardId: 1, Code: 'AI' }))
    expect(boards).toContainEqual(expect.objectContaining({ BoardId: 37, Code: 'UAI' }))
    expect(boards.map((b: { Code: string }) => b.Code)).toEqual(expect.arrayContaining(['FB', 'HB', 'BB', 'RO']))

    const countries = await callJson('POST', 'Integratiion/GetCountrys')
    expect(countries).toContainEqual(expect.objectContaining({ RecId: 79, Name: 'UKRAYNA' }))
    expect(countries).toContainEqual(expect.objectContaining({ RecId: 69 }))
  })

  it('shapes: wrapped lists, HotelId and HotelName fields', async () => {
    const own = await startSimulator({
      shapes: { lists: 'wrapped', hotelIdField: 'HotelId', hotelNameField: 'HotelName' },
    })
    try {
      const c = await login(own)
      const hotels = await callJson(
        'POST',
        'Integratiion/GetHotelList?operatorId=571&isActive=true',
        { cookie: c },
        own,
      )
      expect(Array.isArray(hotels)).toBe(false)
      expect(hotels.Data).toContainEqual(expect.objectContaining({ HotelId: 18, HotelName: 'Mandarin Resort' }))
      expect(hotels.Data[0]).not.toHaveProperty('RecId')
      expect(hotels.Data[0]).not.toHaveProperty('Name')
      expect(await callJson('GET', 'Service2/GetBoardList', { cookie: c }, own)).toHaveProperty('Data')
      expect(await callJson('POST', 'Integratiion/GetStopSaleList', { cookie: c }, own)).toEqual({ Data: [] })
    } finally {
      await own.close()
    }
  })
})

describe('faults', () => {
  const update = 'Contract/UpdateStopSale'

  it('latency delays the answer and then proceeds normally', async () => {
    sim.addFault({ path: update, fault: { kind: 'latency', ms: 150 } })
    const started = performance.now()
    const res = await putStopSale(phase1())
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    expect((await res.json()).ErrorType).toBe(0)
  })

  it('http-500 answers the .NET error body and applies nothing', async () => {
    sim.addFault({ path: 'contract/updatestopsale', fault: { kind: 'http-500' } })
    const res = await putStopSale(phase1())
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({ Message: 'An error has occurred.', ExceptionType: expect.any(String) })
    expect(sim.stopSales()).toHaveLength(0)
  })

  it('status faults set Retry-After only when asked', async () => {
    sim.addFault({ path: update, calls: [1], fault: { kind: 'status', status: 503, retryAfterSeconds: 7 } })
    sim.addFault({ path: update, calls: [2], fault: { kind: 'status', status: 429 } })
    const first = await putStopSale(phase1())
    expect(first.status).toBe(503)
    expect(first.headers.get('retry-after')).toBe('7')
    const second = await putStopSale(phase1())
    expect(second.status).toBe(429)
    expect(second.headers.get('retry-after')).toBeNull()
    expect(sim.stopSales()).toHaveLength(0)
  })

  it('reset destroys the connection before anything is applied', async () => {
    sim.addFault({ path: update, fault: { kind: 'reset' } })
    await expect(putStopSale(phase1())).rejects.toThrow()
    expect(sim.stopSales()).toHaveLength(0)
    expect(sim.requests().at(-1)).toMatchObject({ method: 'PUT', status: 0 })
  })

  it('hang never answers; the client has to give up', async () => {
    sim.addFault({ path: 'Service2/GetBoardList', fault: { kind: 'hang' } })
    await expect(call('GET', 'Service2/GetBoardList', { signal: AbortSignal.timeout(150) })).rejects.toThrow()
    expect(sim.requests().at(-1)).toMatchObject({ path: '/SednaAgencyb2bApi/api/Service2/GetBoardList', status: 0 })
  })

  it('truncated promises more bytes than it sends: the body cannot be parsed', async () => {
    sim.addFault({ path: 'Integratiion/GetOperators', fault: { kind: 'truncated' } })
    const res = await call('GET', 'Integratiion/GetOperators')
    expect(res.status).toBe(200)
    await expect(res.text().then((text) => JSON.parse(text))).rejects.toThrow()
  })

  it('non-json answers 200 with an HTML page', async () => {
    sim.addFault({ path: update, fault: { kind: 'non-json' } })
    const res = await putStopSale(phase1())
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    await expect(res.json()).rejects.toThrow()
    expect(sim.stopSales()).toHaveLength(0)
  })

  it('error-type answers 200 with a Sedna failure and applies nothing', async () => {
    sim.addFault({ path: update, fault: { kind: 'error-type', errorType: 3, message: 'Sistem meşgul' } })
    sim.addFault({ path: 'Integratiion/GetOperators', fault: { kind: 'error-type' } })
    expect(await (await putStopSale(phase1())).json()).toEqual({ ErrorType: 3, Message: 'Sistem meşgul', RecId: 0 })
    expect((await callJson('GET', 'Integratiion/GetOperators')).ErrorType).toBe(1)
    expect(sim.stopSales()).toHaveLength(0)
  })

  it('drop-response applies the write, then loses the answer', async () => {
    sim.addFault({ path: update, fault: { kind: 'drop-response' } })
    await expect(putStopSale(phase1())).rejects.toThrow()
    expect(sim.stopSales().map((r) => r.RecId)).toEqual([823259])
  })

  it('calls: [2] hits only the second call of that path; latency combines with another fault', async () => {
    sim.addFault({ path: update, calls: [2], fault: { kind: 'latency', ms: 100 } })
    sim.addFault({ path: update, calls: [2], fault: { kind: 'http-500' } })
    expect((await putStopSale(phase1())).status).toBe(200)
    const started = performance.now()
    expect((await putStopSale(phase1())).status).toBe(500)
    expect(performance.now() - started).toBeGreaterThanOrEqual(90)
    expect((await putStopSale(phase1())).status).toBe(200)
    expect(sim.stopSales().map((r) => r.RecId)).toEqual([823259, 823260])
  })

  it('faults act after routing but before authentication; clearFaults removes them', async () => {
    sim.addFault({ path: 'Shop/GetHotels', fault: { kind: 'http-500' } })
    expect((await call('POST', 'Shop/GetHotels')).status).toBe(404)
    sim.addFault({ path: update, fault: { kind: 'status', status: 502 } })
    expect((await call('GET', update)).status).toBe(405)
    expect((await call('PUT', update, { anonymous: true, body: phase1() })).status).toBe(502)
    sim.clearFaults()
    expect((await call('PUT', update, { anonymous: true, body: phase1() })).status).toBe(401)
  })
})

describe('reservations', () => {
  const insert = (query: string, body: unknown, contentType?: string) =>
    call('POST', `Integratiion/InsertReservation?${query}`, {
      anonymous: true,
      body,
      ...(contentType ? { contentType } : {}),
    })
  const creds = 'username=demo&password=demo'

  it('inserts the vendor sample (query credentials, array body), one result per element', async () => {
    const res = await insert(`${creds}&voucherNo=V-54`, sample('InsertReservation'))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual([{ ErrorType: 0, Message: null, RecId: 500001 }])
    const [stored] = sim.reservations()
    expect(stored).toMatchObject({ RecId: 500001, voucher: 'V-54', SourceId: '116', OperatorId: 571, status: 'active' })
    expect(stored?.element).toEqual(JSON.parse(sample('InsertReservation'))[0])

    const two = await (await insert(`${creds}&voucherNo=V-2`, sample('1Vocuher2Oda'))).json()
    expect(two.map((r: { ErrorType: number }) => r.ErrorType)).toEqual([0, 0])
    expect(sim.reservations()).toHaveLength(3)
  })

  it('refuses missing or wrong query credentials (401), a missing voucherNo and a non-array body (400)', async () => {
    expect((await insert('voucherNo=V', sample('InsertReservation'))).status).toBe(401)
    expect((await insert('username=demo&password=nope&voucherNo=V', sample('InsertReservation'))).status).toBe(401)
    // A session cookie is not enough: this call authenticates by query.
    expect(
      (await call('POST', 'Integratiion/InsertReservation?voucherNo=V', { body: sample('InsertReservation') })).status,
    ).toBe(401)
    expect((await insert(creds, sample('InsertReservation'))).status).toBe(400)
    const notArray = await insert(`${creds}&voucherNo=V`, JSON.parse(sample('InsertReservation'))[0])
    expect(notArray.status).toBe(400)
    expect((await notArray.json()).Message).toBe('The request is invalid.')
    expect(sim.reservations()).toHaveLength(0)
  })

  it('does not book a SourceId twice for the same operator', async () => {
    await insert(`${creds}&voucherNo=V-54`, sample('InsertReservation'))
    const again = await (await insert(`${creds}&voucherNo=V-54`, sample('InsertReservation'))).json()
    expect(again).toEqual([{ ErrorType: 1, Message: 'SourceId already exists', RecId: 0 }])
    expect(sim.reservations()).toHaveLength(1)
  })

  it('finds by voucher and cancels by SourceId', async () => {
    await insert(`${creds}&voucherNo=1Z8648`, sample('InsertReservation'))
    const found = await callJson('POST', 'Integratiion/GetReservations', { body: sample('GetReservations') })
    expect(found).toEqual([
      expect.objectContaining({ RecId: 500001, VoucherNo: '1Z8648', SourceId: '116', Status: 'Active' }),
    ])
    expect(await callJson('POST', 'Integratiion/GetReservations', { body: { VoucherNo: 'nope' } })).toEqual([])
    const byVoucher = await callJson('GET', 'Reservation/GetReservationByVoucher?voucher=1Z8648&operatorId=571')
    expect(byVoucher).toHaveLength(1)
    expect(await callJson('GET', 'Reservation/GetReservationByVoucher?voucher=1Z8648&operatorId=3')).toEqual([])

    const cancel = await callJson('POST', 'Integratiion/CancelReservationBySourcId?operatorId=571&sourceId=116')
    expect(cancel).toMatchObject({ ErrorType: 0, RecId: 500001 })
    expect(sim.reservations()[0]).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) })
    const unknown = await callJson('POST', 'Integratiion/CancelReservationBySourcId?operatorId=571&sourceId=999')
    expect(unknown).toMatchObject({ ErrorType: 1 })
  })
})

describe('inspection and lifecycle', () => {
  it('logs every request with method, path, query, body and status', async () => {
    await call('POST', 'Integratiion/GetStopSaleList?hotelId=18')
    await call('PUT', 'Contract/UpdateStopSale', { body: '{"RecId":0' })
    const log = sim.requests()
    expect(log.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/SednaAgencyb2bApi/api/Integratiion/AgencyLogin', 200],
      ['POST', '/SednaAgencyb2bApi/api/Integratiion/GetStopSaleList', 200],
      ['PUT', '/SednaAgencyb2bApi/api/Contract/UpdateStopSale', 400],
    ])
    expect(log[0]?.query).toEqual({ username: 'demo', password: 'demo' })
    expect(log[1]?.query).toEqual({ hotelId: '18' })
    expect(log[2]?.body).toBe('{"RecId":0')
    expect(log[2]?.at).toBeGreaterThan(Date.now() - 10_000)
  })

  it('reset() clears records, sessions, faults, the log and the call counters', async () => {
    await createStopSale()
    await call('POST', `Integratiion/InsertReservation?username=demo&password=demo&voucherNo=V`, {
      anonymous: true,
      body: sample('InsertReservation'),
    })
    sim.addFault({ path: 'Service2/GetBoardList', fault: { kind: 'http-500' } })
    sim.reset()
    expect(sim.stopSales()).toEqual([])
    expect(sim.reservations()).toEqual([])
    expect(sim.requests()).toEqual([])
    expect((await call('GET', 'Service2/GetBoardList')).status).toBe(401) // old session gone
    cookie = await login()
    expect((await call('GET', 'Service2/GetBoardList')).status).toBe(200) // fault gone
    // Counters restart: the first UpdateStopSale after reset is call 1 again, RecIds start over.
    sim.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault: { kind: 'http-500' } })
    expect((await putStopSale(phase1())).status).toBe(500)
    expect(await (await putStopSale(phase1())).json()).toMatchObject({ RecId: 823259 })
  })

  it('close() resolves promptly while a request hangs', async () => {
    const own = await startSimulator()
    own.addFault({ path: 'Integratiion/AgencyLogin', fault: { kind: 'hang' } })
    const pending = fetch(`${own.url}/api/Integratiion/AgencyLogin?username=demo&password=demo`)
    pending.catch(() => {}) // rejected once the socket is destroyed
    while (own.requests().length === 0) await new Promise((r) => setTimeout(r, 5))
    const started = performance.now()
    await own.close()
    expect(performance.now() - started).toBeLessThan(500)
    await expect(pending).rejects.toThrow()
  })
})
