/** Two-phase sync through the durable queue, against the simulator over real HTTP. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startSimulator, type Fault } from '../../src/main/sedna/simulator'
import { invoke } from '../support/context'
import { startSyncApp, stopSaleWrites, UNKNOWN_OUTCOME_FAULTS, type SyncApp } from '../support/sync-app'
import { worded } from '../support/words'

let app: SyncApp
afterEach(async () => {
  await app?.close()
})

const sync = (ids: number[]) => invoke(app.ctx, 'sync.stopSales', { ids })
const attempts = (id: number) => invoke(app.ctx, 'stopSales.attempts', { id })

describe('two-phase sync', () => {
  it('sends each stop sale with exactly two requests, children linked to the returned RecId', async () => {
    app = await startSyncApp()
    const [a, b] = app.add(
      {},
      { firstNight: '2026-02-01', lastNight: '2026-02-03', roomCodes: [], boardCodes: [], kind: 'open' },
    )
    const summary = await sync([a!, b!])
    expect(summary).toMatchObject({ synced: 2, failed: 0, queued: 0, needsAttention: 0, needsReview: 0 })
    expect(stopSaleWrites(app.sim)).toHaveLength(4)
    const records = app.sim.stopSales()
    expect(records).toHaveLength(2)
    const first = records.find((r) => r.BeginDate === '2026-01-25T00:00:00')!
    expect(first).toMatchObject({
      HotelId: 18,
      EndDate: '2026-01-27T00:00:00',
      StopType: 0,
      OperatorRemark: '7STAR,',
      DeclareDate: '2025-12-29T09:30:00',
      RoomRemark: 'STDSV',
      BoardRemark: 'AI',
      RecordUser: 'Entegrasyon',
      Authority: 207,
    })
    expect(first.children).toEqual({ rooms: [63], operators: [571], boards: [1], markets: [10] })
    // No rooms named: every room of the hotel, explicitly (the profile's default), and every board.
    const second = records.find((r) => r.BeginDate === '2026-02-01T00:00:00')!
    expect(second.StopType).toBe(1)
    expect(second.children.rooms.sort((x, y) => x - y)).toEqual([63, 1364, 1389, 1390, 15730, 15731])
    expect(second.children.boards.length).toBeGreaterThanOrEqual(6)
    expect(app.row(a!)).toMatchObject({ status: 'synced', sedna_rec_id: first.RecId })
    expect(summary.results.find((r: { id: number }) => r.id === a)).toMatchObject({
      status: 'synced',
      recId: first.RecId,
    })
    // The attempt history holds the look in Sedna before the first send, then both phases with their bodies.
    const history = await attempts(a!)
    expect(history.map((h: { phase: string; outcome: string }) => `${h.phase}:${h.outcome}`)).toEqual([
      'lookup:ok',
      'phase1:ok',
      'phase2:ok',
    ])
    expect(history[0].message).toMatchObject({ code: 'outbox.attempt.absent' })
    // One look served both stop sales (the same hotel): 2 writes each and 1 read in all.
    expect(app.sim.requests().filter((r) => r.path.endsWith('/GetStopSaleList'))).toHaveLength(1)
    expect(JSON.parse(history[1].requestBody!)).toMatchObject({ RecId: 0, StopSaleRooms: [] })
    expect(JSON.parse(history[2].requestBody!)).toMatchObject({
      RecId: first.RecId,
      StopSaleRooms: [{ RoomTypeId: 63, StopSaleId: first.RecId }],
    })
    // Synced again: nothing is sent.
    expect(await sync([a!])).toMatchObject({ synced: 1 })
    expect(stopSaleWrites(app.sim)).toHaveLength(4)
  })

  it('never sends a stop sale that is not fully resolved, and says exactly what to map', async () => {
    app = await startSyncApp()
    const [unknownRoom, unknownHotel] = app.add({ roomCodes: ['STDSV', 'FAMILY'] }, { hotelName: 'Olmayan Otel' })
    const summary = await sync([unknownRoom!, unknownHotel!])
    expect(summary).toMatchObject({ needsAttention: 2, synced: 0 })
    expect(summary.results[0].message).toMatchObject({
      code: 'resolution.needsMapping',
      params: { kind: 'room', code: 'FAMILY', hotelId: 18, count: 1 },
    })
    expect(worded(summary.results[0].message)).toMatch(/room code "FAMILY" is unknown at hotel 18/)
    expect(worded(summary.results[1].message)).toMatch(/hotel "Olmayan Otel" is not known in Sedna/)
    // The same in Turkish, from the same stored code.
    expect(worded(summary.results[0].message, 'tr')).toMatch(/"FAMILY" oda kodu 18 numaralı otelde/)
    expect(stopSaleWrites(app.sim)).toHaveLength(0)
    // Mapped by a person: the next sync sends it.
    app.ctx.services.reference.rememberCode(app.profileId, 'room', 18, 'FAMILY', 1389)
    expect(await sync([unknownRoom!])).toMatchObject({ synced: 1 })
    expect(app.sim.stopSales()[0]!.children.rooms).toEqual([63, 1389])
  })

  it('without an operator code nothing is sent (never "None,")', async () => {
    app = await startSyncApp()
    app.ctx.database.sqlite.prepare('update sedna_profiles set operator_code = null').run()
    const [id] = app.add({})
    const [result] = (await sync([id!])).results
    expect(result).toMatchObject({ status: 'needs_attention', message: { code: 'park.noOperatorCode' } })
    expect(worded(result.message)).toMatch(/no operator code/)
    expect(stopSaleWrites(app.sim)).toHaveLength(0)
  })
})

describe('exactly once under faults', () => {
  for (const [name, fault, { applied }] of UNKNOWN_OUTCOME_FAULTS) {
    it(`phase 1 ${name}: looks in Sedna before sending again, ends with one record`, async () => {
      app = await startSyncApp({ sednaTimeouts: { headersMs: 500, bodyMs: 500 } })
      const [id] = app.add({})
      app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault })
      const first = await sync([id!])
      expect(first.queued).toBe(1)
      expect(app.row(id!)).toMatchObject({ status: 'creating', sedna_rec_id: null })
      expect(app.sim.stopSales()).toHaveLength(applied ? 1 : 0)

      const second = await sync([id!])
      expect(second).toMatchObject({ synced: 1 })
      const records = app.sim.stopSales()
      expect(records).toHaveLength(1)
      expect(records[0]!.children.rooms).toEqual([63])
      expect(app.row(id!)).toMatchObject({ status: 'synced', sedna_rec_id: records[0]!.RecId })
      const phases = (await attempts(id!)).map((h: { phase: string }) => h.phase)
      expect(phases).toContain('lookup')
      // Applied: the found record was adopted, phase 1 not repeated. Not applied: created once more.
      expect(stopSaleWrites(app.sim)).toHaveLength(applied ? 2 : 3)
    })
  }

  const phase2Faults: Array<[string, Fault]> = [
    ['HTTP 503 with Retry-After', { kind: 'status', status: 503, retryAfterSeconds: 1 }],
    ['connection reset', { kind: 'reset' }],
    ['write applied, answer dropped', { kind: 'drop-response' }],
    ['truncated answer', { kind: 'truncated' }],
    ['ErrorType != 0', { kind: 'error-type', errorType: 1, message: 'Geçici hata' }],
  ]
  for (const [name, fault] of phase2Faults) {
    it(`phase 2 ${name}: the RecId is kept and phase 2 repeated, never a second record`, async () => {
      app = await startSyncApp()
      const [id] = app.add({})
      app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [2], fault })
      const first = await sync([id!])
      expect(first.synced).toBe(0)
      const recId = app.row(id!).sedna_rec_id
      expect(recId).toEqual(expect.any(Number))
      expect(await sync([id!])).toMatchObject({ synced: 1 })
      expect(app.sim.stopSales()).toHaveLength(1)
      expect(app.sim.stopSales()[0]).toMatchObject({
        RecId: recId,
        children: { rooms: [63], boards: [1], markets: [10] },
      })
      expect(stopSaleWrites(app.sim)).toHaveLength(3)
    })
  }

  it('phase 2 failing then succeeding on retry creates no second record', async () => {
    app = await startSyncApp()
    const [id] = app.add({})
    app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [2], fault: { kind: 'http-500' } })
    expect(await sync([id!])).toMatchObject({ queued: 1 })
    expect(app.row(id!)).toMatchObject({ status: 'created' })
    const recId = app.row(id!).sedna_rec_id
    expect(await sync([id!])).toMatchObject({ synced: 1 })
    expect(app.sim.stopSales()).toHaveLength(1)
    expect(app.sim.stopSales()[0]).toMatchObject({ RecId: recId, children: { rooms: [63] } })
  })

  it('a Sedna refusal (ErrorType != 0) is parked with its reason, not retried blindly', async () => {
    app = await startSyncApp()
    const [id] = app.add({})
    app.sim.addFault({
      path: 'Contract/UpdateStopSale',
      calls: [1],
      fault: { kind: 'error-type', errorType: 2, message: 'Kontrat bulunamadı' },
    })
    const summary = await sync([id!])
    expect(summary.results[0]).toMatchObject({
      status: 'failed',
      message: { code: 'sednaFailure.refused', params: { reason: 'Kontrat bulunamadı', errorType: 2 } },
    })
    expect(app.row(id!)).toMatchObject({
      last_error_code: 'sednaFailure.refused',
      last_error: expect.stringMatching(/Kontrat bulunamadı/),
    })
    expect(app.ctx.sync.queue.nextDue().dueNow).toBe(0)
    // A person presses Sync again: no look-up needed (Sedna said it did nothing), one record.
    expect(await sync([id!])).toMatchObject({ synced: 1 })
    expect(app.sim.stopSales()).toHaveLength(1)
  })

  it('honours 429 Retry-After', async () => {
    app = await startSyncApp({ sync: { backoff: { baseMs: 10, capMs: 10 } } })
    const [id] = app.add({})
    app.sim.addFault({
      path: 'Contract/UpdateStopSale',
      calls: [1],
      fault: { kind: 'status', status: 429, retryAfterSeconds: 30 },
    })
    const before = Date.now()
    expect(await sync([id!])).toMatchObject({ queued: 1 })
    const next = Date.parse(app.row(id!).next_attempt_at as string)
    expect(next - before).toBeGreaterThanOrEqual(29_000)
    expect(app.row(id!)).toMatchObject({
      status: 'queued',
      last_error: expect.stringMatching(/busy \(HTTP 429\).*30 s/),
    })
    expect(app.sim.stopSales()).toHaveLength(0)
  })

  it('an undecidable look-up is parked for a person, with the evidence', async () => {
    app = await startSyncApp()
    const [id] = app.add({})
    app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault: { kind: 'drop-response' } })
    await sync([id!])
    // Someone (or something) created the same stop sale in Sedna meanwhile: two exact matches.
    const client = await app.ctx.connections.client(app.ctx.services.profiles.get(app.profileId))
    const sent = JSON.parse((await attempts(id!)).find((a) => a.phase === 'phase1')!.requestBody!)
    await client.updateStopSale(sent)
    const summary = await sync([id!])
    expect(summary.results[0]).toMatchObject({ status: 'needs_review', message: { code: 'lookup.stopSaleSeveral' } })
    expect(worded(summary.results[0].message)).toMatch(/records \d+, \d+ that all match/)
    expect(app.sim.stopSales()).toHaveLength(2)
  })
})

describe('credentials and connectivity', () => {
  it('wrong credentials park the stop sale with "check credentials"', async () => {
    app = await startSyncApp()
    await invoke(app.ctx, 'profiles.save', {
      id: app.profileId,
      name: 'Acente',
      baseUrl: app.sim.url,
      username: 'demo',
      password: 'yanlış',
      operatorCode: '7STAR',
      allowHttp: true,
    })
    const [id] = app.add({})
    const summary = await sync([id!])
    expect(summary).toMatchObject({ needsAttention: 1, connectivity: 'credentials-rejected' })
    expect(worded(summary.results[0].message)).toMatch(/rejected the username or password/)
  })

  it('an expired session is renewed once, transparently', async () => {
    app = await startSyncApp()
    const [a, b] = app.add({}, { firstNight: '2026-03-01', lastNight: '2026-03-02' })
    await sync([a!])
    app.sim.expireSessions()
    expect(await sync([b!])).toMatchObject({ synced: 1 })
  })

  it('offline: Sync queues and says so; when Sedna is back the queue flushes by itself', async () => {
    app = await startSyncApp({ sync: { probeIntervalMs: 100 } })
    const port = app.sim.port
    const ids = app.add(
      {},
      { firstNight: '2026-04-01', lastNight: '2026-04-02' },
      { firstNight: '2026-05-01', lastNight: '2026-05-01' },
    )
    await app.sim.close()
    const states: string[] = []
    app.ctx.events.subscribe(
      (name, payload) => name === 'connectivity.changed' && states.push((payload as { state: string }).state),
    )

    const summary = await sync(ids)
    expect(summary).toMatchObject({ queued: 3, synced: 0, connectivity: 'offline' })
    expect(worded(summary.results[0].message)).toMatch(/sent automatically when Sedna answers again/)
    // Why it waits, and the failure behind it (refused, or a kept-alive connection that broke mid-request).
    expect(worded(summary.results[0].lastError)).toMatch(/Sedna.*127\.0\.0\.1/)
    expect(await invoke(app.ctx, 'sync.status', {})).toMatchObject({ connectivity: 'offline', waiting: 3 })

    // Sedna comes back on the same address; nobody presses anything.
    const back = await startSimulator({ port })
    app.sim = back
    await vi.waitFor(
      () => {
        const statuses = app.ctx.database.sqlite.prepare('select status from stop_sales').pluck().all()
        expect(statuses).toEqual(['synced', 'synced', 'synced'])
      },
      { timeout: 10_000, interval: 50 },
    )
    expect(back.stopSales()).toHaveLength(3)
    expect(states).toContain('offline')
    expect(states[states.length - 1]).toBe('online')
  })
})

describe('concurrency', () => {
  it('two app instances on one database never send the same stop sale twice', async () => {
    app = await startSyncApp()
    const ids = app.add(
      ...Array.from({ length: 12 }, (_, i) => ({
        firstNight: `2026-06-${String(i + 1).padStart(2, '0')}`,
        lastNight: `2026-06-${String(i + 1).padStart(2, '0')}`,
      })),
    )
    const { openAppContext } = await import('../../src/main/app-context')
    const { createMemoryStore } = await import('../../src/main/credentials')
    const { createMemoryLogger } = await import('../../src/main/log')
    const { migrationsFolder } = await import('../harness/server')
    const other = await openAppContext({
      dataDir: app.dataDir,
      migrationsFolder,
      version: 'second',
      logger: createMemoryLogger(),
      credentials: createMemoryStore([[{ profileId: app.profileId, baseUrl: app.sim.url, username: 'demo' }, 'demo']]),
    })
    try {
      app.sim.addFault({ path: 'Contract/UpdateStopSale', fault: { kind: 'latency', ms: 20 } })
      const [one, two] = await Promise.all([
        invoke(app.ctx, 'sync.stopSales', { ids }),
        invoke(other, 'sync.stopSales', { ids }),
      ])
      expect(app.sim.stopSales()).toHaveLength(12)
      expect(stopSaleWrites(app.sim)).toHaveLength(24)
      expect(one.synced + two.synced).toBeGreaterThanOrEqual(12)
    } finally {
      await other.close()
    }
  })
})
