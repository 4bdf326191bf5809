/**
 * Reservations with Sedna as the record the desks share (#14): two data folders (two app contexts, as two
 * desks of one agency) against one simulator over real HTTP. The look before the first send adopts the
 * same booking instead of booking it again; a cancelled or different one goes to a person with both
 * versions; "send ours anyway" books once; the look's own faults and missing fields never double-book;
 * and a send whose outcome is unknown is repeated byte for byte whatever changed meanwhile.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openAppContext, type AppContext } from '../../src/main/app-context'
import { createMemoryStore } from '../../src/main/credentials'
import { createMemoryLogger } from '../../src/main/log'
import {
  defaultSeed,
  startSimulator,
  type Fault,
  type Simulator,
  type SimulatorOptions,
} from '../../src/main/sedna/simulator'
import { migrationsFolder } from '../harness/server'
import { addSimAccount, SIM_ACCOUNT } from '../support/account'
import { invoke } from '../support/context'
import { tempDataDir } from '../support/fixtures'
import { worded } from '../support/words'

/** Two desks' users of one agency account (operator 571, 7STAR), and another operator's (612, PEGAS). */
const USERS = [
  { username: 'ayse', password: 'a-secret', operatorId: 571 },
  { username: 'mehmet', password: 'm-secret', operatorId: 571 },
  { username: 'pegas', password: 'p-secret', operatorId: 612 },
]

interface Desk {
  ctx: AppContext
  profileId: number
  /** Preview + commit of `records`; the new reservation ids. */
  import(records: unknown[]): Promise<number[]>
  sync(ids: number[]): ReturnType<typeof syncOf>
  row(id: number): Record<string, any>
  attempts(id: number): Promise<string[]>
}

const syncOf = (ctx: AppContext, ids: number[]) => invoke(ctx, 'sync.reservations', { ids })

let sim: Simulator
let closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.reverse()) await close()
  closers = []
})

async function simulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  sim = await startSimulator({ users: USERS, ...opts })
  closers.push(() => sim.close())
  return sim
}

/** A desk: its own data folder and app, signed in as `username` on the shared simulator. */
async function desk(username: 'ayse' | 'mehmet'): Promise<Desk> {
  const t = tempDataDir()
  const ctx = await openAppContext({
    dataDir: t.dir,
    migrationsFolder,
    version: 'test',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
    startDemoServer: async () => ({ url: sim.url, username: 'demo', password: 'demo', close: async () => {} }),
    sednaTimeouts: { connectMs: 1_000, headersMs: 500, bodyMs: 500 },
    // Retries and probes far apart: each step is the test's own.
    sync: { backoff: { baseMs: 60_000, capMs: 60_000 }, probeIntervalMs: 60_000 },
  })
  closers.push(async () => {
    await ctx.close()
    t.cleanup()
  })
  const user = USERS.find((u) => u.username === username)!
  const profile = await addSimAccount(ctx, sim.url, { username, password: user.password })
  await invoke(ctx, 'profiles.testConnection', { id: profile.id })
  const row = (id: number) =>
    ctx.database.sqlite.prepare('select * from reservations where id = ?').get(id) as Record<string, any>
  return {
    ctx,
    profileId: profile.id,
    async import(records) {
      const preview = await invoke(ctx, 'reservationImport.preview', {
        fileName: 'reservations.json',
        contentBase64: Buffer.from(JSON.stringify(records)).toString('base64'),
      })
      return (await invoke(ctx, 'reservationImport.commit', { importId: preview.importId })).ids
    },
    sync: (ids) => syncOf(ctx, ids),
    row,
    attempts: async (id) =>
      (await invoke(ctx, 'reservations.attempts', { id })).map((a: any) => `${a.phase}:${a.outcome}`),
  }
}

/** The same parsed booking both desks receive (the parser's field names), at the vendor's hotel 18. */
const booking = (overrides: Record<string, unknown> = {}) => ({
  voucher_no: 'JUN2025001',
  hotel_name: 'Mandarin Resort',
  check_in: '2026-07-10',
  check_out: '2026-07-17',
  room_type: 'STDSV',
  board_type: 'AI',
  adults: 2,
  children: 0,
  total_price: 1850.5,
  currency: 'EUR',
  guests: [
    { title: 'Mr', first_name: 'Oleksandr', last_name: 'Kovalenko', birth_date: '1980-03-02', nationality: 'UA' },
    { title: 'Mrs', first_name: 'Iryna', last_name: 'Kovalenko', nationality: 'Ukrayna' },
  ],
  source_email_id: 411,
  ...overrides,
})

/** The booking as Sedna's own screens would hold it (typed in by a person, no SourceId). */
const element = (overrides: Record<string, unknown> = {}) => ({
  Voucher: 'JUN2025001',
  CheckinDate: '2026-07-10',
  CheckOutDate: '2026-07-17',
  HotelId: 18,
  OperatorId: 571,
  Adult: 2,
  Child: 0,
  BoardId: 1,
  RoomTypeId: 63,
  ...overrides,
})

/**
 * "Send ours anyway", as the detail's confirmed button asks it (reservations.sendAnyway). Called on the
 * service: the call's handler line is wired by the app's registration list (handlers.ts).
 */
const sendAnyway = (d: Desk, id: number) => d.ctx.services.reservations.sendAnyway(id)

const inserts = () => sim.requests().filter((r) => /InsertReservation$/i.test(r.path))
const looks = () => sim.requests().filter((r) => /GetReservations$|GetReservationByVoucher$/i.test(r.path))

describe('two desks, one booking', () => {
  it('desk A books it; desk B, with the same file, adopts it: one booking, the same RecId and SourceId', async () => {
    await simulator()
    const a = await desk('ayse')
    const b = await desk('mehmet')
    const [idA] = await a.import([booking()])
    const [idB] = await b.import([booking()])

    expect(await a.sync([idA!])).toMatchObject({ reservations: { synced: 1 } })
    const summary = await b.sync([idB!])
    expect(summary).toMatchObject({ reservations: { synced: 1 } })
    expect(sim.reservations()).toHaveLength(1)
    expect(inserts()).toHaveLength(1)
    const [booked] = sim.reservations()
    expect(a.row(idA!)).toMatchObject({ status: 'synced', sedna_rec_id: booked!.RecId })
    expect(b.row(idB!)).toMatchObject({
      status: 'synced',
      sedna_rec_id: booked!.RecId,
      // The shared SourceId: formed from the booking, so both desks carry the same.
      source_id: booked!.SourceId,
      operator_id: 571,
      profile_id: b.profileId,
      send_started_at: null,
    })
    expect(booked!.SourceId).toMatch(/^V1-[0-9a-f]{16}$/)
    expect(a.row(idA!).source_id).toBe(booked!.SourceId)

    // B's history: one look, which found it already there — nothing was sent.
    const history = await invoke(b.ctx, 'reservations.attempts', { id: idB! })
    expect(history.map((x: any) => `${x.phase}:${x.outcome}`)).toEqual(['lookup:ok'])
    expect(history[0]!.message).toEqual({
      code: 'outbox.attempt.reservationAdopted',
      params: { recId: booked!.RecId, voucher: 'JUN2025001' },
    })
    expect(worded(history[0]!.message)).toBe(
      `Already in Sedna as RecId ${booked!.RecId} (the same booking: voucher JUN2025001, hotel, dates, room, board and pax): adopted, not booked again`,
    )
    expect(worded(history[0]!.message, 'tr')).toMatch(/^Sedna’da zaten RecId \d+ olarak var .*benimsendi/)
    const detail = await invoke(b.ctx, 'reservations.detail', { id: idB! })
    expect(detail.sednaVersion).toMatchObject({
      canSendAnyway: false,
      ours: { voucherNo: 'JUN2025001', hotelId: 18, roomTypeId: 63, boardId: 1, sourceId: booked!.SourceId },
      found: {
        outcome: 'adopted',
        sendAnywayAt: null,
        reservations: [
          {
            recId: booked!.RecId,
            hotelId: 18,
            checkIn: '2026-07-10',
            checkOut: '2026-07-17',
            roomTypeId: 63,
            boardId: 1,
            adults: 2,
            children: 0,
            cancelled: false,
            differs: [],
            linked: false,
          },
        ],
      },
    })

    // Either desk's cancel reaches the one booking (the same SourceId, the operator it was adopted for).
    expect(await invoke(b.ctx, 'reservations.cancel', { id: idB!, confirm: true })).toMatchObject({
      status: 'cancelled',
    })
    expect(sim.reservations()).toMatchObject([{ RecId: booked!.RecId, status: 'cancelled' }])
  })

  it('both desks looked before either booked (the same second): Sedna refuses the second SourceId, which adopts', async () => {
    await simulator()
    const a = await desk('ayse')
    const b = await desk('mehmet')
    const [idA] = await a.import([booking()])
    const [idB] = await b.import([booking()])
    // B's look is answered late, with what Sedna held when it asked (nothing); A books meanwhile.
    const before = looks().length
    sim.addFault({ path: 'Integratiion/GetReservations', calls: [before + 1], fault: { kind: 'late-answer', ms: 400 } })
    const syncingB = b.sync([idB!])
    await vi.waitFor(() => expect(looks().length).toBe(before + 1))
    expect(await a.sync([idA!])).toMatchObject({ reservations: { synced: 1 } })
    expect(await syncingB).toMatchObject({ reservations: { synced: 1 } })

    expect(sim.reservations()).toHaveLength(1)
    expect(inserts().map((r) => r.status)).toEqual([200, 200])
    expect(b.row(idB!)).toMatchObject({ status: 'synced', sedna_rec_id: sim.reservations()[0]!.RecId })
    expect(await b.attempts(idB!)).toEqual(['lookup:ok', 'send:failed', 'lookup:ok'])
  })
})

describe('a different or cancelled one in Sedna goes to a person', () => {
  it('cancelled in Sedna: needs review with both versions; "send ours anyway" books it once, never parked again', async () => {
    await simulator()
    const a = await desk('ayse')
    const typed = sim.ui.enterReservation('zeynep', { voucher: 'JUN2025001', element: element() })
    sim.ui.cancelReservation(typed.RecId)
    const [id] = await a.import([booking()])

    const summary = await a.sync([id!])
    expect(summary).toMatchObject({ reservations: { needsReview: 1, synced: 0 } })
    const reason = summary.reservationResults[0].message
    expect(reason).toEqual({
      code: 'lookup.reservationInSednaCancelled',
      params: { voucher: 'JUN2025001', ids: String(typed.RecId) },
    })
    expect(worded(reason)).toMatch(/^Sedna already holds voucher JUN2025001 as cancelled \(RecId \d+\)/)
    expect(worded(reason, 'tr')).toMatch(/^Sedna’da JUN2025001 voucher’ı iptal edilmiş olarak zaten var/)
    expect(inserts()).toHaveLength(0)
    expect(a.row(id!)).toMatchObject({ status: 'needs_review', send_started_at: null, sedna_rec_id: null })

    // Both versions side by side; what a person may do.
    const detail = await invoke(a.ctx, 'reservations.detail', { id: id! })
    expect(detail.sednaVersion).toMatchObject({
      canSendAnyway: true,
      ours: {
        voucherNo: 'JUN2025001',
        hotelId: 18,
        hotelName: 'Mandarin Resort',
        checkIn: '2026-07-10',
        checkOut: '2026-07-17',
        roomTypeId: 63,
        roomCode: 'STDSV',
        boardId: 1,
        boardCode: 'AI',
        adults: 2,
        children: 0,
        status: 'needs_review',
      },
      found: {
        outcome: 'review',
        sendAnywayAt: null,
        reservations: [
          {
            recId: typed.RecId,
            hotelId: 18,
            checkIn: '2026-07-10',
            checkOut: '2026-07-17',
            state: 'Cancelled',
            cancelled: true,
            recordUser: 'zeynep',
            differs: ['state'],
          },
        ],
      },
    })
    // The SourceId shown is the one the send would carry (the import's is provisional).
    expect(detail.record.sourceId).toBe(detail.sednaVersion!.ours.sourceId)
    expect(JSON.parse(detail.payload.body!)[0].SourceId).toBe(detail.sednaVersion!.ours.sourceId)
    // Cancel here is offered; Sync is not (no bulk "send anyway" from the list).
    expect(detail.record.actions).toEqual(['cancel'])
    // Neither "Sync all pending" nor a Sync of it sends it: a person decides first.
    await invoke(a.ctx, 'sync.allPending', {})
    expect(await a.sync([id!])).toMatchObject({ reservations: { needsReview: 1 } })
    expect(a.row(id!).status).toBe('needs_review')
    expect(inserts()).toHaveLength(0)

    // The person sends ours anyway (the detail's confirmed action), then it goes with the next Sync: the
    // look sets aside what they saw, and it is booked once.
    expect(sendAnyway(a, id!)).toMatchObject({ status: 'pending', lastError: null })
    const sent = await a.sync([id!])
    expect(sent).toMatchObject({ reservations: { synced: 1, needsReview: 0 } })
    expect(inserts()).toHaveLength(1)
    const ours = sim.reservations().find((r) => r.status === 'active')!
    // The decision is part of its SourceId: another desk deciding alike would carry the same one.
    expect(ours.SourceId).toMatch(/^V1-[0-9a-f]{16}$/)
    expect(ours.SourceId).not.toBe(detail.sednaVersion!.ours.sourceId)
    expect(a.row(id!)).toMatchObject({ status: 'synced', sedna_rec_id: ours.RecId, source_id: ours.SourceId })
    expect(await a.attempts(id!)).toEqual(['lookup:parked', 'lookup:ok', 'send:ok'])
    const decided = await invoke(a.ctx, 'reservations.detail', { id: id! })
    expect(decided.sednaVersion).toMatchObject({
      canSendAnyway: false,
      ours: { recId: ours.RecId, sourceId: ours.SourceId, status: 'synced' },
      found: { sendAnywayAt: expect.any(String) },
    })
    // Synced again: nothing more; and there is nothing left to decide.
    await a.sync([id!])
    expect(inserts()).toHaveLength(1)
    expect(sim.reservations()).toHaveLength(2)
    expect(() => sendAnyway(a, id!)).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'outbox.sendAnyway.notAsked' }),
    )
  })

  it('other dates in Sedna: needs review; fixed in Sedna then sent anyway, it is adopted; another is cancelled here', async () => {
    await simulator()
    const a = await desk('ayse')
    const typed = sim.ui.enterReservation('zeynep', {
      voucher: 'JUN2025001',
      element: element({ CheckOutDate: '2026-07-18' }),
    })
    sim.ui.enterReservation('zeynep', {
      voucher: 'JUN2025002',
      element: element({ Voucher: 'JUN2025002', HotelId: 28 }),
    })
    const [id, other] = await a.import([booking(), booking({ voucher_no: 'JUN2025002' })])

    const summary = await a.sync([id!, other!])
    expect(summary).toMatchObject({ reservations: { needsReview: 2 } })
    expect(summary.reservationResults.map((r: any) => r.message.code)).toEqual([
      'lookup.reservationInSednaDiffers',
      'lookup.reservationInSednaDiffers',
    ])
    expect(worded(summary.reservationResults[0].message)).toBe(
      `Sedna already holds voucher JUN2025001 (RecId ${typed.RecId}), but not as this booking. Compare both versions in the detail, then send ours anyway or cancel it here.`,
    )
    const detail = await invoke(a.ctx, 'reservations.detail', { id: id! })
    expect(detail.sednaVersion!.found!.reservations).toMatchObject([
      { recId: typed.RecId, checkOut: '2026-07-18', cancelled: false, differs: ['checkOut'] },
    ])
    const otherDetail = await invoke(a.ctx, 'reservations.detail', { id: other! })
    expect(otherDetail.sednaVersion!.found!.reservations[0]!.differs).toEqual(['hotel'])
    expect(inserts()).toHaveLength(0)

    // A person corrects Sedna's dates, then sends ours anyway: only the version they saw is set aside,
    // so the look notices the change, finds the same booking and adopts it — nothing is booked.
    sim.ui.editReservation(typed.RecId, { CheckOutDate: '2026-07-17' })
    sendAnyway(a, id!)
    expect(await a.sync([id!])).toMatchObject({ reservations: { synced: 1 } })
    expect(a.row(id!)).toMatchObject({ status: 'synced', sedna_rec_id: typed.RecId })
    // The other one is cancelled here: Sedna is not asked, its reservation is untouched.
    expect(await invoke(a.ctx, 'reservations.cancel', { id: other!, confirm: true })).toMatchObject({
      status: 'cancelled',
      message: { code: 'outbox.cancel.local' },
    })
    expect(sim.requests().filter((r) => /CancelReservationBySourcId$/i.test(r.path))).toHaveLength(0)
    expect(sim.reservations().map((r) => r.status)).toEqual(['active', 'active'])
    expect(inserts()).toHaveLength(0)
  })

  it('the same booking twice in one data folder, sent at once: one booking, the copy goes to a person', async () => {
    await simulator()
    const a = await desk('ayse')
    const [first, second] = await a.import([booking(), booking({ source_email_id: 412 })])
    const summary = await a.sync([first!, second!])
    expect(summary.reservationResults.map((r: any) => r.status)).toEqual(['synced', 'needs_review'])
    expect(summary.reservationResults[1].message).toEqual({
      code: 'lookup.reservationSameHere',
      params: { voucher: 'JUN2025001', id: first },
    })
    expect(worded(summary.reservationResults[1].message)).toMatch(/is already reservation #\d+ of this app/)
    expect(sim.reservations()).toHaveLength(1)
    expect(await a.attempts(second!)).toEqual(['lookup:parked'])
  })

  it('the same booking twice in one data folder (two e-mails): the second copy goes to a person', async () => {
    await simulator()
    const a = await desk('ayse')
    const [first, second] = await a.import([booking(), booking({ source_email_id: 412 })])
    expect(await a.sync([first!])).toMatchObject({ reservations: { synced: 1 } })
    const summary = await a.sync([second!])
    expect(summary.reservationResults[0]).toMatchObject({
      status: 'needs_review',
      message: { code: 'lookup.reservationInSednaLinked' },
    })
    expect(sim.reservations()).toHaveLength(1)
    expect(
      (await invoke(a.ctx, 'reservations.detail', { id: second! })).sednaVersion!.found!.reservations,
    ).toMatchObject([{ recId: a.row(first!).sedna_rec_id, linked: true, differs: [] }])
  })
})

describe("the look's own faults and missing fields never double-book", () => {
  const LOOK_FAULTS: [string, Fault][] = [
    ['HTTP 500', { kind: 'http-500' }],
    ['connection reset', { kind: 'reset' }],
    ['no answer (hang → timeout)', { kind: 'hang' }],
  ]
  for (const [name, fault] of LOOK_FAULTS) {
    it(`the look before B's first send fails (${name}): retried, nothing sent meanwhile, then adopted`, async () => {
      await simulator()
      const a = await desk('ayse')
      const b = await desk('mehmet')
      const [idA] = await a.import([booking()])
      const [idB] = await b.import([booking()])
      await a.sync([idA!])
      sim.addFault({ path: 'Integratiion/GetReservations', calls: [looks().length + 1], fault })

      expect(await b.sync([idB!])).toMatchObject({ reservations: { queued: 1 } })
      expect(b.row(idB!)).toMatchObject({ status: 'queued', send_started_at: null, sedna_rec_id: null })
      expect(inserts()).toHaveLength(1)
      expect(await b.sync([idB!])).toMatchObject({ reservations: { synced: 1 } })
      expect(sim.reservations()).toHaveLength(1)
      expect(inserts()).toHaveLength(1)
      expect(b.row(idB!).sedna_rec_id).toBe(sim.reservations()[0]!.RecId)
      expect(await b.attempts(idB!)).toEqual(['lookup:failed', 'lookup:ok'])
    })
  }

  it('GetReservations is not there (404): the look asks GetReservationByVoucher and adopts', async () => {
    await simulator()
    const a = await desk('ayse')
    const b = await desk('mehmet')
    sim.addFault({ path: 'Integratiion/GetReservations', fault: { kind: 'not-found' } })
    const [idA] = await a.import([booking()])
    const [idB] = await b.import([booking()])
    expect(await a.sync([idA!])).toMatchObject({ reservations: { synced: 1 } })
    expect(await b.sync([idB!])).toMatchObject({ reservations: { synced: 1 } })
    expect(sim.reservations()).toHaveLength(1)
    expect(inserts()).toHaveLength(1)
    const byVoucher = sim.requests().filter((r) => /GetReservationByVoucher$/i.test(r.path))
    expect(byVoucher.map((r) => r.query)).toEqual([
      { voucher: 'JUN2025001', operatorId: '571' },
      { voucher: 'JUN2025001', operatorId: '571' },
    ])
    expect(b.row(idB!).sedna_rec_id).toBe(sim.reservations()[0]!.RecId)
  })

  it('look-up answers without RecId: the same booking cannot be linked, a person decides', async () => {
    await simulator({ shapes: { omitFields: ['RecId'] } })
    const a = await desk('ayse')
    const b = await desk('mehmet')
    const [idA] = await a.import([booking()])
    const [idB] = await b.import([booking()])
    expect(await a.sync([idA!])).toMatchObject({ reservations: { synced: 1 } })
    const summary = await b.sync([idB!])
    expect(summary.reservationResults[0]).toMatchObject({
      status: 'needs_review',
      message: { code: 'lookup.reservationInSednaNoRecId', params: { voucher: 'JUN2025001' } },
    })
    expect(sim.reservations()).toHaveLength(1)
    const detail = await invoke(b.ctx, 'reservations.detail', { id: idB! })
    expect(detail.sednaVersion!.found!.reservations).toMatchObject([{ recId: null, differs: [], hotelId: 18 }])
    // The person sees it is there: cancelled here, never booked twice.
    expect(await invoke(b.ctx, 'reservations.cancel', { id: idB!, confirm: true })).toMatchObject({
      status: 'cancelled',
    })
    expect(sim.reservations()).toHaveLength(1)
  })

  it('look-up answers without SourceId: the same booking is still adopted; a lost answer goes to a person', async () => {
    await simulator({ shapes: { omitFields: ['SourceId'] } })
    const a = await desk('ayse')
    const b = await desk('mehmet')
    const [idA, lost] = await a.import([booking(), booking({ voucher_no: 'JUN2025009' })])
    const [idB] = await b.import([booking()])
    expect(await a.sync([idA!])).toMatchObject({ reservations: { synced: 1 } })
    // Before a first send the booking is compared, not our id: adopted, with the shared SourceId.
    expect(await b.sync([idB!])).toMatchObject({ reservations: { synced: 1 } })
    expect(b.row(idB!)).toMatchObject({ sedna_rec_id: a.row(idA!).sedna_rec_id, source_id: a.row(idA!).source_id })
    expect(sim.reservations()).toHaveLength(1)

    // After a lost answer only our SourceId can tell whether the booking is ours: a person decides.
    sim.addFault({ path: 'Integratiion/InsertReservation', calls: [2], fault: { kind: 'drop-response' } })
    await a.sync([lost!])
    const summary = await a.sync([lost!])
    expect(summary.reservationResults[0]).toMatchObject({
      status: 'needs_review',
      message: { code: 'lookup.reservationNoSourceId' },
    })
    expect(sim.reservations().filter((r) => r.voucher === 'JUN2025009')).toHaveLength(1)
    expect(inserts()).toHaveLength(2)
  })
})

describe('a send whose outcome is unknown is repeated byte for byte (item 7)', () => {
  /**
   * One desk sends `record`; its InsertReservation fails with a 500 (not applied, but the app cannot know), then
   * `change` happens before the retry. The retry looks (nothing there) and sends exactly the same bytes.
   */
  async function resendAfter(
    change: (a: Desk, seed: ReturnType<typeof defaultSeed>) => Promise<void>,
    record = booking(),
    prepare: (a: Desk) => Promise<void> = async () => {},
  ) {
    const seed = defaultSeed()
    await simulator({ seed })
    const a = await desk('ayse')
    await prepare(a)
    const [id] = await a.import([record])
    // A 500: not applied, but the app cannot know. Not "offline" either, so the change's own calls to
    // Sedna do not flush the queue before the change is complete; the Sync below sends it again.
    sim.addFault({ path: 'Integratiion/InsertReservation', calls: [1], fault: { kind: 'http-500' } })
    expect(await a.sync([id!])).toMatchObject({ reservations: { queued: 1 } })
    expect(a.row(id!)).toMatchObject({ status: 'sending', send_started_at: expect.any(String) })
    await change(a, seed)
    expect(inserts()).toHaveLength(1)

    expect(await a.sync([id!])).toMatchObject({ reservations: { synced: 1 } })
    expect(sim.reservations()).toHaveLength(1)
    const [first, again] = inserts()
    expect(inserts()).toHaveLength(2)
    expect(again!.body).toBe(first!.body)
    expect(again!.query).toEqual(first!.query)
    const sends = (await invoke(a.ctx, 'reservations.attempts', { id: id! })).filter((x: any) => x.phase === 'send')
    expect(sends.map((x: any) => x.requestBody)).toEqual([first!.body, first!.body])
    expect(await a.attempts(id!)).toEqual(['lookup:ok', 'send:unknown', 'lookup:ok', 'send:ok'])
    return JSON.parse(first!.body)[0]
  }

  it('a room mapping changed meanwhile: the resend carries the room type it was first sent with', async () => {
    const map = (a: Desk, roomTypeId: number) =>
      invoke(a.ctx, 'mappings.setRoom', { profileId: a.profileId, hotelId: 18, code: 'AILE', roomTypeId })
    const sent = await resendAfter(
      async (a) => void (await map(a, 1390)),
      booking({ room_type: 'AILE' }),
      async (a) => void (await map(a, 1389)),
    )
    expect(sent).toMatchObject({ RoomTypeId: 1389 })
    expect(sim.reservations()[0]!.element).toMatchObject({ RoomTypeId: 1389 })
  })

  it("Sedna's reference data changed meanwhile (a country renamed): the resend keeps the name it was sent with", async () => {
    const sent = await resendAfter(async (a, seed) => {
      seed.countries.find((c) => c.id === 79)!.name = 'UKRAYNA CUMHURİYETİ'
      await invoke(a.ctx, 'reference.refresh', { profileId: a.profileId })
      const countries = await invoke(a.ctx, 'reference.countries', { profileId: a.profileId, query: 'UA' })
      expect(countries.find((c: any) => c.id === 79)).toMatchObject({ name: 'UKRAYNA CUMHURİYETİ' })
    })
    expect(sent.Customers.map((c: any) => c.Nationality)).toEqual(['UKRAYNA', 'UKRAYNA'])
  })

  it('the active account changed meanwhile: the resend goes with the account and operator it went out with', async () => {
    const sent = await resendAfter(async (a) => {
      const other = await addSimAccount(a.ctx, sim.url, {
        ...SIM_ACCOUNT,
        name: 'Pegas',
        username: 'pegas',
        password: 'p-secret',
        operatorCode: 'PEGAS',
      })
      await invoke(a.ctx, 'profiles.activate', { id: other.id })
      await invoke(a.ctx, 'profiles.testConnection', { id: other.id })
    })
    expect(sent).toMatchObject({ OperatorId: 571 })
    expect(inserts().map((r) => r.query.username)).toEqual(['ayse', 'ayse'])
    expect(sim.reservations()[0]).toMatchObject({ OperatorId: 571 })
  })
})
