/**
 * Retry-After through the real sync against the simulator: honoured up to the cap (the app setting
 * `retryAfterCapMinutes`, default one hour); a huge number, a far date, garbage or a negative never
 * throw and never wait past the cap; what cannot be read is the normal backoff.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../support/context'
import { startSyncApp, type SyncApp } from '../support/sync-app'

let app: SyncApp
afterEach(async () => {
  await app?.close()
})

const MIN = 60_000
const BACKOFF_MS = 10_000

/** Sends one new stop sale against a 429/503 carrying `retryAfter`; its row and the time bounds of the try. */
async function busyWith(retryAfter: string, status: 429 | 503 = 429) {
  const [id] = app.add({ firstNight: '2026-03-01', lastNight: '2026-03-02', sourceMessageId: `<${retryAfter}@x>` })
  app.sim.clearFaults()
  app.sim.addFault({ path: 'Contract/UpdateStopSale', fault: { kind: 'status', status, retryAfter } })
  const before = Date.now()
  const summary = await invoke(app.ctx, 'sync.stopSales', { ids: [id] })
  const after = Date.now()
  const row = app.row(id!)
  return { summary, row, before, after, waitMs: Date.parse(row.next_attempt_at as string) - before }
}

describe('Retry-After', () => {
  it('is honoured up to the cap, and anything unreadable is the normal backoff', async () => {
    app = await startSyncApp({ sync: { backoff: { baseMs: BACKOFF_MS, capMs: BACKOFF_MS } } })
    const inOneYear = new Date(Date.now() + 365 * 24 * 60 * MIN).toUTCString()
    const inTenMinutes = new Date(Date.now() + 10 * MIN).toUTCString()
    const cases: Array<[string, 'asked' | 'cap' | 'backoff', number?]> = [
      ['30', 'asked', 30_000],
      [inTenMinutes, 'asked', 10 * MIN],
      ['7200', 'cap'],
      ['99999999999999999999', 'cap'],
      [inOneYear, 'cap'],
      ['Fri, 01 Jan 2027 00:00:00 GMT', 'cap'],
      ['garbage', 'backoff'],
      ['-5', 'backoff'],
      ['2027', 'asked', 2027_000], // delay-seconds, not a year
      ['1.5', 'backoff'],
      ['Friday 1 January 2027', 'backoff'],
    ]
    for (const [value, expected, asked] of cases) {
      const { summary, row, before, after, waitMs } = await busyWith(value, value.length % 2 ? 429 : 503)
      const shown = `Retry-After ${JSON.stringify(value)}: waits ${Math.round(waitMs / 1000)} s`
      console.log(shown)
      // Never thrown: queued with Sedna's own words, not "an unexpected error".
      expect(summary, shown).toMatchObject({ queued: 1 })
      expect(row, shown).toMatchObject({ status: 'queued', last_error: expect.stringMatching(/Sedna is busy/) })
      expect(waitMs, shown).toBeLessThanOrEqual(after - before + 60 * MIN)
      if (expected === 'asked') {
        // An HTTP date names a moment (fixed when the cases were written, seconds ago on a busy machine).
        const askedMs = /GMT$/.test(value) ? Date.parse(value) - before : asked!
        expect(waitMs, shown).toBeGreaterThanOrEqual(askedMs - 1_000)
        expect(waitMs, shown).toBeLessThanOrEqual(after - before + askedMs + 1_000)
      } else if (expected === 'cap') {
        expect(waitMs, shown).toBeGreaterThanOrEqual(60 * MIN - 1_000)
      } else {
        expect(waitMs, shown).toBeLessThanOrEqual(after - before + BACKOFF_MS)
      }
    }
    expect(app.ctx.logger).toMatchObject({ lines: expect.not.arrayContaining([expect.stringMatching(/crashed/)]) })
    // The huge value is worded, not printed as twenty digits.
    const huge = app.ctx.database.sqlite
      .prepare('select last_error from stop_sales where source_message_id = ?')
      .pluck()
      .get('<99999999999999999999@x>')
    expect(huge).toMatch(/It asked to wait more than a year/)
    expect(app.sim.stopSales()).toHaveLength(0)
  })

  it('the cap is the app setting, read when the retry is planned', async () => {
    app = await startSyncApp({ sync: { backoff: { baseMs: BACKOFF_MS, capMs: BACKOFF_MS } } })
    await invoke(app.ctx, 'settings.save', { retryAfterCapMinutes: 2 })
    const { waitMs, after, before } = await busyWith('7200')
    console.log(`Retry-After 7200 with a 2-minute cap: waits ${Math.round(waitMs / 1000)} s`)
    expect(waitMs).toBeGreaterThanOrEqual(2 * MIN - 1_000)
    expect(waitMs).toBeLessThanOrEqual(after - before + 2 * MIN)
  })
})
