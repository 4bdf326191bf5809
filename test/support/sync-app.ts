import type { AppContextOptions } from '../../src/main/app-context'
import type { NewStopSale } from '../../src/main/stop-sales/service'
import type { Fault, Simulator } from '../../src/main/sedna/simulator'
import { sampleStopSale } from './fixtures'
import { invoke, startTestApp, type TestApp } from './context'
import { addSimAccount } from './account'

export interface SyncApp extends TestApp {
  profileId: number
  add(...records: Partial<NewStopSale>[]): number[]
  row(id: number): Record<string, unknown>
}

/** A test app with a Sedna profile on the simulator (reference data fetched), ready to sync. */
export async function startSyncApp(
  options: Partial<AppContextOptions> = {},
  simOptions: Parameters<typeof import('../../src/main/sedna/simulator').startSimulator>[0] = {},
): Promise<SyncApp> {
  const app = await startTestApp(
    {
      ...options,
      // Retries and probes far apart unless a test asks otherwise: each step is then the test's own.
      sync: { backoff: { baseMs: 60_000, capMs: 60_000 }, probeIntervalMs: 60_000, ...options.sync },
    },
    simOptions,
  )
  const profile = await addSimAccount(app.ctx, app.sim.url)
  return {
    ...app,
    profileId: profile.id,
    add: (...records) => app.ctx.services.stopSales.add(records.map((r) => mandarin(r))),
    row: (id) =>
      app.ctx.database.sqlite.prepare('select * from stop_sales where id = ?').get(id) as Record<string, unknown>,
  }
}

/** A stop sale at the vendor's hotel 18 (Mandarin Resort), which every simulator seed knows. */
export function mandarin(overrides: Partial<NewStopSale> = {}): NewStopSale {
  return sampleStopSale({
    hotelName: 'Mandarin Resort',
    roomCodes: ['STDSV'],
    boardCodes: ['AI'],
    marketIds: [10],
    firstNight: '2026-01-25',
    lastNight: '2026-01-27',
    sourceReceivedAt: '2025-12-29T09:30:00+03:00',
    ...overrides,
  })
}

export const stopSaleWrites = (sim: Simulator) =>
  sim.requests().filter((r) => /Contract\/UpdateStopSale$/i.test(r.path))

/**
 * Faults on a write whose outcome the app cannot know from the answer, and whether the write landed in
 * the simulator: the engine must look in Sedna before it ever sends the write again.
 */
export const UNKNOWN_OUTCOME_FAULTS: Array<[string, Fault, { applied: boolean }]> = [
  ['HTTP 500', { kind: 'http-500' }, { applied: false }],
  ['connection reset', { kind: 'reset' }, { applied: false }],
  ['no answer (hang → timeout)', { kind: 'hang' }, { applied: false }],
  ['truncated answer', { kind: 'truncated' }, { applied: true }],
  ['non-JSON answer', { kind: 'non-json' }, { applied: false }],
  ['write applied, answer dropped', { kind: 'drop-response' }, { applied: true }],
]

/** Imports one reservation per voucher at the vendor's hotel 18 (which every seed knows); answers their ids. */
export async function importReservations(app: SyncApp, vouchers: string[]): Promise<number[]> {
  const records = vouchers.map((voucher_no, i) => ({
    voucher_no,
    hotel_name: 'Mandarin Resort',
    check_in: '2026-07-10',
    check_out: '2026-07-17',
    room_type: 'STDSV',
    board_type: 'AI',
    adults: 2,
    guests: [{ title: 'Mr', first_name: 'Ivan', last_name: `Petrov${i}`, nationality: 'RU' }],
    source_email_id: `outbox-${voucher_no}`,
  }))
  const preview = await invoke(app.ctx, 'reservationImport.preview', {
    fileName: 'reservations.json',
    contentBase64: Buffer.from(JSON.stringify(records)).toString('base64'),
  })
  return (await invoke(app.ctx, 'reservationImport.commit', { importId: preview.importId })).ids
}

/** Every write to Sedna (UpdateStopSale, InsertReservation, CancelReservationBySourcId), in arrival order. */
export const sednaWrites = (sim: Simulator) =>
  sim.requests().filter((r) => /(UpdateStopSale|InsertReservation|CancelReservationBySourcId)$/i.test(r.path))
