/**
 * `sync --all --dry-run` through the built CLI (its launcher, as child processes) on a temp data folder,
 * against the simulator over real HTTP: the samples imported, a few records already typed in Sedna's own
 * screens; the dry run says what a sync would do and writes nothing; then `sync --all` does just that.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { ensureCliBuilt, forgetCliPassword, runCli } from '../support/cli'
import { tempDataDir } from '../support/fixtures'
import { stopSaleWrites } from '../support/sync-app'

const SAMPLES = join(import.meta.dirname, '../../../shared/samples/parsed')
const PASSWORD = 'Gece-Lambasi-4512'
const USER = { username: 'acente', password: PASSWORD, operatorId: 571 }
const KEYCHAIN_SERVICE = `Sedna Stop Sales cli-sync-dry-run test ${randomUUID()}`

let sim: Simulator
const data = tempDataDir('sedna-cli-dry-run-')
const env = { SEDNA_KEYCHAIN_SERVICE: KEYCHAIN_SERVICE, SEDNA_PASSWORD: PASSWORD, SEDNA_DATA_DIR: undefined, LANG: 'C' }
const cli = (...args: string[]) => runCli([...args, '--data-dir', data.dir], { env })
const url = () => `${sim.url}`

/** Stop sale ids by hotel name, from the command line's own list. */
const ids: Record<string, number> = {}
const recIds: Record<string, number> = {}

beforeAll(async () => {
  ensureCliBuilt()
  sim = await startSimulator({ users: [USER] })
}, 120_000)

afterAll(async () => {
  await sim?.close()
  await forgetCliPassword(KEYCHAIN_SERVICE, url(), USER.username)
  data.cleanup()
})

const typedIn = (entry: Parameters<Simulator['ui']['enterStopSale']>[1]) => sim.ui.enterStopSale('ayse', entry)

describe('sedna-stop-sales sync --dry-run', { timeout: 90_000 }, () => {
  it('the samples imported, some of it already in Sedna', async () => {
    const set = await cli(
      ...['profile', 'set', '--url', url(), '--username', USER.username, '--operator-code', '7STAR'],
      ...['--allow-http', '--json'],
    )
    expect(set.code, set.stderr).toBe(0)
    expect((await cli('refs', 'refresh', '--json')).code).toBe(0)
    expect((await cli('import', join(SAMPLES, 'stop-sales.sample.json'), '--json')).code).toBe(1) // 3 need a mapping
    expect((await cli('import', join(SAMPLES, 'stop-sales.sample.csv'), '--json')).code).toBe(0)
    const list = await cli('list', '--status', 'pending', '--json')
    for (const s of list.json().stopSales as { id: number; hotelName: string }[]) ids[s.hotelName] = s.id
    expect(list.json().stopSales).toHaveLength(8)

    // Mandarin's stop (every room and board, as this account sends "all"): typed in Sedna already.
    recIds.mandarin = typedIn({
      HotelId: 18,
      BeginDate: '2025-04-13',
      EndDate: '2025-04-18',
      DeclareDate: '2025-04-10T09:12:00',
      children: { rooms: [63, 1364, 1389, 1390, 15730, 15731], operators: [571], boards: [1, 37, 2, 3, 4, 5] },
    }).RecId
    // Çamyuva: a stop of DBL, AI from the 15th to the 20th, beside ours of the 12th to the 18th.
    recIds.camyuva = typedIn({
      HotelId: 28,
      BeginDate: '2025-05-15',
      EndDate: '2025-05-20',
      DeclareDate: '2025-05-01T08:00:00',
      children: { rooms: [133], operators: [571], boards: [1] },
    }).RecId
    // Kemer: FAM on HB closed 18–22 June; our open-sale of 20–25 June (declared later) opens 20–22.
    recIds.kemer = typedIn({
      HotelId: 916,
      BeginDate: '2025-06-18',
      EndDate: '2025-06-22',
      DeclareDate: '2025-05-01T08:00:00',
      children: { rooms: [7530], operators: [571], boards: [3] },
    }).RecId
  })

  it('--dry-run --json: the numbers, nothing written', async () => {
    const run = await cli('sync', '--all', '--dry-run', '--json')
    expect(run.code, run.stderr).toBe(0)
    const out = run.json()
    expect(Object.keys(out).slice(0, 4)).toEqual(['create', 'adopt', 'overlap', 'reopen'])
    expect(out).toMatchObject({ create: 4, adopt: 1, update: 0, blocked: 3, fresh: true })
    expect(out.overlap).toEqual([
      {
        id: ids['Çamyuva Güneş Otel'],
        recIds: [recIds.camyuva],
        nights: ['2025-05-15', '2025-05-16', '2025-05-17', '2025-05-18'],
      },
      { id: ids['Kemer Işıklar Resort'], recIds: [recIds.kemer], nights: ['2025-06-20', '2025-06-21', '2025-06-22'] },
    ])
    expect(out.reopen).toEqual([
      { id: ids['Kemer Işıklar Resort'], nights: ['2025-06-20', '2025-06-21', '2025-06-22'] },
    ])
    const adopted = out.items.find((i: { id: number }) => i.id === ids['Mandarin Resort'])
    expect(adopted).toMatchObject({ action: 'adopt', recId: recIds.mandarin })
    expect(stopSaleWrites(sim)).toHaveLength(0)
    expect(sim.stopSales()).toHaveLength(3)
  })

  it('--dry-run in words, English and Turkish; still nothing written', async () => {
    const en = await cli('sync', '--all', '--dry-run')
    expect(en.code, en.stderr).toBe(0)
    expect(en.stdout).toContain('Dry run: nothing was sent. A sync would create 4, adopt 1 already in Sedna')
    expect(en.stdout).toContain(
      `Open sale #${ids['Kemer Işıklar Resort']} (Kemer Işıklar Resort) opens 2025-06-20..2025-06-22.`,
    )
    expect(en.stdout).toContain(`with Sedna record ${recIds.camyuva}`)
    const tr = await cli('sync', String(ids['Kemer Işıklar Resort']), '--dry-run', '--lang', 'tr')
    expect(tr.code, tr.stderr).toBe(0)
    expect(tr.stdout).toContain('Önizleme: hiçbir şey gönderilmedi. Senkronizasyon 1 kayıt oluşturur')
    expect(tr.stdout).toContain('20.06.2025..22.06.2025')
    expect(stopSaleWrites(sim)).toHaveLength(0)
    expect(sim.stopSales()).toHaveLength(3)
  })

  it('sync --all then creates exactly what the dry run counted, and adopts the one in Sedna', async () => {
    const sent = await cli('sync', '--all', '--json')
    expect(sent.code, sent.stderr).toBe(1) // the three the dry run said wait for a person
    expect(sent.json()).toMatchObject({ synced: 5, queued: 0, needsAttention: 3 })
    const mandarin = sent.json().results.find((r: { id: number }) => r.id === ids['Mandarin Resort'])
    expect(mandarin).toMatchObject({ status: 'synced', recId: recIds.mandarin })
    expect(sim.stopSales()).toHaveLength(3 + 4)
    expect(stopSaleWrites(sim)).toHaveLength(2 * 4)
    const after = await cli('sync', '--all', '--dry-run', '--json')
    expect(after.json()).toMatchObject({ create: 0, adopt: 0, update: 0, blocked: 0, items: [] })
  })

  it('bad usage: --dry-run with neither ids nor --all', async () => {
    const run = await cli('sync', '--dry-run')
    expect(run.code).toBe(2)
  })
})
