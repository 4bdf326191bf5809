import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAppContext, type AppContext } from '../../src/main/app-context'
import { createMemoryStore } from '../../src/main/credentials'
import { createHandlers } from '../../src/main/handlers'
import { createDispatcher } from '../../src/main/ipc/dispatch'
import { createMemoryLogger } from '../../src/main/log'
import { callNames, calls, type CallName } from '../../src/shared/ipc'
import { migrationsFolder } from '../harness/server'
import { sampleStopSale, tempDataDir } from '../support/fixtures'

let ctx: AppContext
let cleanup: () => void
beforeEach(async () => {
  const t = tempDataDir()
  cleanup = t.cleanup
  ctx = await openAppContext({
    dataDir: t.dir,
    migrationsFolder,
    version: 'test',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
  })
})
afterEach(async () => {
  await ctx.close()
  cleanup()
})

/** Inputs no channel may accept: wrong types, unknown keys, out-of-range values. */
const malformedForAll: unknown[] = [undefined, null, 42, 'text', [], true, { unexpected: 1 }]
const malformedPerChannel: Record<CallName, unknown[]> = {
  'app.info': [{ verbose: true }],
  'stopSales.list': [
    { limit: 0 },
    { limit: 10_000 },
    { limit: 501 },
    { offset: -1 },
    { statuses: ['bogus'] },
    { limit: '10' },
    { hotel: 5 },
    { hotel: 'x'.repeat(201) },
    { text: ['dbl'] },
    { from: '2025-13-01' },
    { to: '15.06.2025' },
    { from: '2025-06-10', to: '2025-06-01' },
    { sort: 'hotel' },
    { sort: { column: 'price', direction: 'asc' } },
    { sort: { column: 'hotel' } },
    { sort: { column: 'hotel', direction: 'up' } },
    { sort: { column: 'hotel', direction: 'asc', nulls: 'last' } },
  ],
  'stopSales.get': [{}, { id: 0 }, { id: -3 }, { id: 1.5 }, { id: '1' }, { id: 1, extra: true }],
  'stopSales.detail': [{}, { id: 0 }, { id: '7' }, { id: 1, payloads: true }],
  'mappings.setHotel': [
    {},
    { profileId: 1, hotelName: 'Mandarin' },
    { profileId: 1, hotelName: '', hotelId: 18 },
    { profileId: 1, hotelName: '   ', hotelId: 18 },
    { profileId: 1, hotelName: 'Mandarin', hotelId: 0 },
    { profileId: 1, hotelName: 'Mandarin', hotelId: '18' },
    { profileId: 0, hotelName: 'Mandarin', hotelId: 18 },
    { profileId: 1, hotelName: 'Mandarin', hotelId: 18, roomTypeId: 63 },
  ],
  'mappings.setRoom': [
    {},
    { profileId: 1, hotelId: 18, code: 'DBL' },
    { profileId: 1, hotelId: 18, code: '', roomTypeId: 63 },
    { profileId: 1, hotelId: 18, code: 'x'.repeat(51), roomTypeId: 63 },
    { profileId: 1, hotelId: 18, code: 'DBL', roomTypeId: -63 },
    { profileId: 1, code: 'DBL', roomTypeId: 63 },
    { profileId: 1, hotelId: 18, code: ['DBL'], roomTypeId: 63 },
  ],
  'mappings.setBoard': [
    {},
    { profileId: 1, code: 'AI' },
    { profileId: 1, code: ' ', boardId: 1 },
    { profileId: 1, code: 'AI', boardId: 1.5 },
    { profileId: 1, code: 'AI', boardId: 1, hotelId: 18 },
  ],
  'stopSales.attempts': [{}, { id: 'x' }],
  'import.preview': [{}, { path: '' }, { fileName: 'a.csv' }, { path: '/x', fileName: 'a.csv', contentBase64: '' }],
  'files.chooseImport': [{}, { kind: 'other' }, { kind: 'stopSales', path: '/etc/passwd' }],
  'import.rows': [{}, { importId: 1, states: ['maybe'] }, { importId: 1, limit: 5000 }],
  'import.commit': [{}, { importId: 0 }],
  'import.discard': [{ importId: 'x' }],
  'sync.stopSales': [{}, { ids: [] }, { ids: [0] }, { ids: 'all' }, { ids: [1], force: true }],
  'sync.allPending': [{ ids: [1] }],
  'sync.status': [{ verbose: 1 }],
  'sync.stopAfterCurrent': [{ now: true }],
  'sync.retryNow': [{ ids: [1] }],
  'queue.list': [{ limit: 0 }, { limit: 501 }, { offset: -1 }, { limit: '10' }, { status: 'queued' }],
  'queue.tryNow': [{}, { ids: [] }, { ids: [0] }, { ids: 'all' }, { ids: [1.5] }, { ids: [1], force: true }],
  'profiles.list': [{ all: true }],
  'profiles.save': [
    {},
    { name: 'A', baseUrl: 'http://x', username: '' },
    { name: 'A', baseUrl: 'http://x', username: 'u', password: '' },
    { name: 'A', baseUrl: 'http://x', username: 'u', authorityId: -1 },
    { name: 'A', baseUrl: 'http://x', username: 'u', allRooms: 'some' },
    { name: 'A', baseUrl: 'http://x', username: 'u', operatorId: 571 },
    { name: 'A', baseUrl: 'http://x', username: 'u', allowHttp: 'yes' },
  ],
  'profiles.createDemo': [{ port: 1 }],
  'profiles.activate': [{}, { id: 0 }],
  'profiles.delete': [{}, { id: 'all' }],
  'profiles.testConnection': [{}, { id: -1 }],
  'reference.status': [{}, { profileId: 0 }, { id: 1 }],
  'reference.refresh': [{}, { profileId: 1.5 }],
  'reference.hotels': [
    {},
    { profileId: 0 },
    { profileId: 1, limit: 0 },
    { profileId: 1, limit: 201 },
    { profileId: 1, query: 42 },
    { profileId: 1, query: 'x'.repeat(201) },
    { profileId: 1, name: 'Mandarin' },
  ],
  'reference.roomTypes': [{}, { profileId: 1 }, { profileId: 1, hotelId: 0 }, { profileId: 1, hotelId: 'all' }],
  'reference.boards': [{}, { profileId: -1 }, { profileId: 1, hotelId: 18 }],
  'reference.countries': [
    {},
    { profileId: 0 },
    { profileId: 1, limit: 301 },
    { profileId: 1, query: 7 },
    { profileId: 1, code: 'UA' },
  ],
  'mappings.setNationality': [
    {},
    { profileId: 1, nationality: 'UA' },
    { profileId: 1, nationality: ' ', countryId: 79 },
    { profileId: 1, nationality: 'x'.repeat(101), countryId: 79 },
    { profileId: 1, nationality: 'UA', countryId: '79' },
    { profileId: 1, nationality: 'UA', countryId: 79, hotelId: 18 },
  ],
  'reservations.list': [
    { limit: 0 },
    { limit: 501 },
    { offset: -1 },
    { statuses: ['creating'] },
    { hotel: 5 },
    { from: '2025-13-01' },
    { from: '2025-06-10', to: '2025-06-01' },
    { sort: { column: 'firstNight', direction: 'asc' } },
    { sort: { column: 'voucher' } },
    { voucher: 'JUN2024001' },
  ],
  'reservations.get': [{}, { id: 0 }, { id: '1' }],
  'reservations.detail': [{}, { id: -1 }, { id: 1, payload: true }],
  'reservations.attempts': [{}, { id: 1.5 }],
  'reservations.sendAnyway': [{}, { id: 1 }, { id: 1, confirm: false }],
  'reservations.cancel': [
    {},
    { id: 1 },
    { id: 1, confirm: false },
    { id: 1, confirm: 'yes' },
    { id: 0, confirm: true },
  ],
  'reservationImport.preview': [{}, { path: '' }, { fileName: 'r.json' }, { path: '/x', contentBase64: '' }],
  'reservationImport.rows': [{}, { importId: 1, states: ['maybe'] }, { importId: 1, limit: 5000 }],
  'reservationImport.commit': [{}, { importId: 0 }],
  'reservationImport.discard': [{ importId: 'x' }],
  'sync.reservations': [{}, { ids: [] }, { ids: [0] }, { ids: 'all' }, { ids: [1], force: true }],
  'settings.get': [{ verbose: true }],
  'settings.save': [
    { retryAfterCapMinutes: 0 },
    { retryAfterCapMinutes: 1.5 },
    { guestDataRetentionDays: 0 },
    { proxyUrl: 'proxy.example.com:8080' },
    { proxyUrl: 'ftp://proxy.example.com' },
    { proxyUrl: 'http://proxy.example.com:8080/some/path' },
    { unknown: 1 },
  ],
  'backups.list': [{ all: true }],
  'backups.create': [{ to: '/tmp/x.sqlite' }],
  'backups.restore': [
    { name: 'sedna-stop-sales_2025-06-01T08-00-00-000Z_daily.sqlite' },
    { name: 'sedna-stop-sales_2025-06-01T08-00-00-000Z_daily.sqlite', confirm: false },
    { name: '../sedna-stop-sales.sqlite', confirm: true },
    { name: 'sedna-stop-sales_2025-06-01T08-00-00-000Z_daily.sqlite', path: '/tmp/x.sqlite', confirm: true },
    { path: '', confirm: true },
    { path: '/tmp/x.sqlite' },
  ],
  'mirror.pull': [{ full: 'yes' }, { profileId: 0 }, { profileId: 1.5 }, { full: true, since: '2026-01-01' }],
  'mirror.status': [{ profileId: 1 }],
  'stopSales.acceptSedna': [{}, { id: 0 }, { id: '1' }, { id: 1, fields: ['rooms'] }],
  'stopSales.sendOursAgain': [{}, { id: -1 }, { id: 1, confirm: 'yes' }, { id: 1, force: true }],
  'stopSales.reconcile': [{ profileId: 0 }, { profileId: 'a' }, { full: true }],
  'calendar.get': [
    { hotelId: 1 },
    { hotelId: 0, from: '2026-07-01', to: '2026-07-31' },
    { hotelId: 1, from: '2026-07-31', to: '2026-07-01' },
    { hotelId: 1, from: '01.07.2026', to: '2026-07-31' },
    { hotelId: 1, from: '2026-07-01', to: '2026-07-31', board: 'AI' },
  ],
  'sync.preview': [{ ids: [] }, { ids: [0] }, { ids: 'all' }],
  'sync.sendPreviewed': [{}, { stopSales: [{ id: 1 }] }, { stopSales: [1, 2] }, { stopSales: [], extra: 1 }],
  'diagnostics.export': [{}, { to: '' }, { to: 42 }, { to: '/tmp/x.zip', extra: 1 }],
  'diagnostics.save': [{ to: '/tmp/x.zip' }],
  'updates.status': [{ verbose: true }],
  'updates.check': [{ url: 'https://elsewhere.example/' }],
  'updates.download': [{ version: '9.9.9' }],
}

describe('IPC dispatch over the real services', () => {
  it('declares malformed cases for every channel in the contract', () => {
    expect(Object.keys(malformedPerChannel).sort()).toEqual([...callNames].sort())
  })

  for (const channel of callNames) {
    it(`${channel} rejects malformed input with a typed validation error`, async () => {
      for (const input of [...malformedForAll, ...malformedPerChannel[channel]]) {
        const result = await ctx.dispatch(channel, input)
        expect(result, `${channel} accepted ${JSON.stringify(input)}`).toMatchObject({
          ok: false,
          error: { kind: 'validation' },
        })
        if (!result.ok) {
          expect(result.error.message).toContain(channel)
          expect(result.error.issues?.length).toBeGreaterThan(0)
        }
      }
    })
  }

  it('rejects a channel that is not in the contract', async () => {
    expect(await ctx.dispatch('stopSales.deleteEverything', {})).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: 'Unknown call "stopSales.deleteEverything".' },
    })
    // Prototype keys are not channels either.
    expect(await ctx.dispatch('constructor', {})).toMatchObject({ ok: false, error: { kind: 'validation' } })
  })

  it('answers valid calls with data that matches the output contract', async () => {
    const [id] = ctx.services.stopSales.add([sampleStopSale()])
    const list = await ctx.dispatch('stopSales.list', {})
    expect(list.ok).toBe(true)
    if (list.ok) expect(calls['stopSales.list'].output.parse(list.value).rows[0]?.hotelName).toBe('Çamyuva Güneş Otel')
    expect(await ctx.dispatch('stopSales.get', { id })).toMatchObject({ ok: true, value: { id, status: 'pending' } })
    expect(await ctx.dispatch('app.info', {})).toMatchObject({ ok: true, value: { version: 'test' } })
  })

  it('filters by status and counts per status', async () => {
    ctx.services.stopSales.add([sampleStopSale(), sampleStopSale({ hotelName: 'Kemer Işıklar Resort', kind: 'open' })])
    ctx.database.sqlite
      .prepare("update stop_sales set status = 'synced', sedna_rec_id = 823259 where hotel_name like 'Kemer%'")
      .run()
    const result = await ctx.dispatch('stopSales.list', { statuses: ['synced'] })
    expect(result).toMatchObject({
      ok: true,
      value: {
        total: 1,
        countsByStatus: { pending: 1, synced: 1 },
        rows: [{ hotelName: 'Kemer Işıklar Resort', sednaRecId: 823259 }],
      },
    })
  })

  it('turns a missing record into not-found, as data', async () => {
    expect(await ctx.dispatch('stopSales.get', { id: 4242 })).toEqual({
      ok: false,
      error: {
        kind: 'not-found',
        message: 'Stop sale #4242 does not exist (it may have been deleted).',
        code: 'record.stopSaleNotFound',
        params: expect.any(Object),
      },
    })
  })

  it('never lets an unexpected exception or a contract-breaking answer through as a thrown string', async () => {
    const logged: string[] = []
    const dispatch = createDispatcher(
      {
        ...createHandlers(ctx.services),
        'app.info': () => {
          throw new Error('disk on fire: password=hunter2')
        },
        'stopSales.list': () => ({ rows: 'not rows' }) as never,
        'stopSales.get': () => ctx.services.stopSales.get(1),
      },
      { error: (m) => logged.push(m) },
    )
    const crashed = await dispatch('app.info', {})
    expect(crashed).toMatchObject({ ok: false, error: { kind: 'internal' } })
    expect(JSON.stringify(crashed)).not.toContain('hunter2')
    expect(await dispatch('stopSales.list', {})).toMatchObject({ ok: false, error: { kind: 'internal' } })
    expect(logged).toEqual(['app.info failed', 'stopSales.list returned data that breaks its contract'])
  })

  it('pushes stopSales.changed when stop sales are added', () => {
    const seen: unknown[] = []
    ctx.events.subscribe((name, payload) => seen.push({ name, payload }))
    const ids = ctx.services.stopSales.add([
      sampleStopSale(),
      sampleStopSale({ firstNight: '2025-07-01', lastNight: '2025-07-05' }),
    ])
    expect(seen).toEqual([{ name: 'stopSales.changed', payload: { ids } }])
  })

  it('adds a batch in one transaction: one bad record adds none', () => {
    expect(() =>
      ctx.services.stopSales.add([
        sampleStopSale(),
        sampleStopSale({ firstNight: '2025-08-10', lastNight: '2025-08-01' }),
      ]),
    ).toThrow(/CHECK constraint/)
    expect(ctx.database.sqlite.prepare('select count(*) from stop_sales').pluck().get()).toBe(0)
  })
})
