/**
 * `reconcile` through the built CLI (its launcher, as child processes) on a temp data folder, against the
 * simulator over real HTTP behind a TCP proxy (so Sedna can go down): stop sales imported and synced
 * with the command line, then edited and deleted in Sedna's screens; `reconcile --json` reports them and
 * exits 4, `list --status` finds them, `--resend` (with --confirm for a deleted one) and `--accept`
 * settle them, after which it exits 0; Sedna down exits 3; bad usage exits 2. The steps share the folder.
 */
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { ensureCliBuilt, forgetCliPassword, type Proxy, runCli, startProxy } from '../support/cli'
import { tempDataDir } from '../support/fixtures'

const PASSWORD = 'Kule-Ayna-7144'
const USER = { username: 'acente', password: PASSWORD, operatorId: 571 }
const KEYCHAIN_SERVICE = `Sedna Stop Sales cli-reconcile test ${randomUUID()}`

let sim: Simulator
let proxy: Proxy
const data = tempDataDir('sedna-cli-reconcile-')
const files = tempDataDir('sedna-cli-reconcile-files-')
const env = { SEDNA_KEYCHAIN_SERVICE: KEYCHAIN_SERVICE, SEDNA_PASSWORD: PASSWORD, SEDNA_DATA_DIR: undefined, LANG: 'C' }
const cli = (...args: string[]) => runCli([...args, '--data-dir', data.dir], { env })
const url = () => `http://127.0.0.1:${proxy.port}/SednaAgencyb2bApi`
const outputs: string[] = []

/** This computer's day `offset` days from today (the pull window is counted in local days). */
function night(offset: number): string {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
}

/** Local id → RecId, from the command line's own list. */
const synced: { id: number; recId: number }[] = []

beforeAll(async () => {
  ensureCliBuilt()
  sim = await startSimulator({ users: [USER] })
  proxy = await startProxy(sim.port)
}, 120_000)

afterAll(async () => {
  await proxy?.close()
  await sim?.close()
  await forgetCliPassword(KEYCHAIN_SERVICE, url(), USER.username)
  data.cleanup()
  files.cleanup()
})

describe('sedna-stop-sales reconcile', { timeout: 90_000 }, () => {
  it('three stop sales imported and synced; nothing drifted: exit 0', async () => {
    const set = await cli(
      ...['profile', 'set', '--url', url(), '--username', USER.username, '--operator-code', '7STAR'],
      ...['--allow-http', '--json'],
    )
    expect(set.code, set.stderr).toBe(0)
    const file = join(files.dir, 'notices.json')
    writeFileSync(
      file,
      JSON.stringify(
        [
          [20, 22, ['STDSV']],
          [30, 31, ['STDLV']],
          [40, 44, ['STDSV']],
        ].map(([from, to, rooms], i) => ({
          message_id: `<reconcile.${i}@cli.example>`,
          received_at: `${night(-2)}T09:0${i}:00+03:00`,
          hotel_name: 'Mandarin Resort',
          date_from: night(from as number),
          date_to: night(to as number),
          room_types: rooms,
          board_types: ['AI'],
          is_close: true,
        })),
      ),
    )
    expect((await cli('refs', 'refresh', '--json')).code).toBe(0)
    const imported = await cli('import', file, '--json')
    expect(imported.code, imported.stdout).toBe(0)
    const sent = await cli('sync', '--all', '--json')
    expect(sent.code, sent.stdout).toBe(0)
    for (const r of sent.json().results) synced.push({ id: r.id, recId: r.recId })
    expect(synced).toHaveLength(3)

    const run = await cli('reconcile', '--json')
    outputs.push(run.stdout, run.stderr)
    expect(run.code, run.stderr).toBe(0)
    expect(run.json()).toEqual({ pulled: 3, adopted: 0, changedInSedna: [], missingInSedna: [] })
  })

  it('an edit and a deletion in Sedna: reported with the changed fields, exit 4; list --status finds them', async () => {
    const [a, b] = synced as [{ id: number; recId: number }, { id: number; recId: number }]
    sim.ui.editStopSale(a.recId, { EndDate: night(23), children: { rooms: [63, 1364] } })
    sim.ui.deleteStopSale(b.recId)
    const run = await cli('reconcile', '--json')
    outputs.push(run.stdout, run.stderr)
    expect(run.code, run.stderr).toBe(4)
    expect(run.json()).toEqual({
      pulled: 2,
      adopted: 0,
      changedInSedna: [
        {
          id: a.id,
          recId: a.recId,
          fields: [
            { field: 'lastNight', ours: night(22), sedna: night(23) },
            { field: 'rooms', ours: 'STDSV', sedna: 'STDLV,STDSV' },
          ],
        },
      ],
      missingInSedna: [{ id: b.id, recId: b.recId }],
    })

    const text = await cli('reconcile')
    expect(text.code).toBe(4)
    expect(text.stdout).toContain('Read every stop sale in Sedna: 2 received.')
    expect(text.stdout).toContain('1 stop sale was changed in Sedna:')
    expect(text.stdout).toMatch(new RegExp(`${a.id}\\s+${a.recId}\\s+rooms\\s+STDSV\\s+STDLV,STDSV`))
    expect(text.stdout).toContain('1 stop sale is no longer in Sedna:')

    for (const status of ['changed_in_sedna', 'missing-in-sedna']) {
      const list = await cli('list', '--status', status, '--json')
      expect(list.code, list.stderr).toBe(0)
      expect(list.json().stopSales.map((s: { id: number }) => s.id)).toEqual([status.startsWith('c') ? a.id : b.id])
    }
  })

  it('--resend: a deleted one only with --confirm (exit 2 without), then created anew', async () => {
    const b = synced[1]!
    const refused = await cli('reconcile', '--resend', String(b.id), '--json')
    outputs.push(refused.stdout, refused.stderr)
    expect(refused.code).toBe(2)
    expect(refused.json().error).toMatchObject({ kind: 'validation', code: 'drift.confirmNeeded' })

    const run = await cli('reconcile', '--resend', String(b.id), '--confirm', '--json')
    outputs.push(run.stdout, run.stderr)
    expect(run.code, run.stderr).toBe(0)
    const result = run.json().results[0]
    expect(result).toMatchObject({ id: b.id, status: 'synced' })
    expect(result.recId).not.toBe(b.recId)
    expect(sim.stopSales().filter((r) => r.RecId === result.recId)).toHaveLength(1)
  })

  it("--accept: the changed one takes Sedna's version; then nothing drifted: exit 0", async () => {
    const a = synced[0]!
    const run = await cli('reconcile', '--accept', String(a.id), '--json')
    outputs.push(run.stdout, run.stderr)
    expect(run.code, run.stderr).toBe(0)
    expect(run.json()).toMatchObject({
      id: a.id,
      status: 'synced',
      recId: a.recId,
      lastNight: night(23),
      roomCodes: ['STDSV', 'STDLV'],
    })
    const again = await cli('reconcile', '--json')
    expect(again.code, again.stderr).toBe(0)
    expect(again.json()).toEqual({ pulled: 3, adopted: 0, changedInSedna: [], missingInSedna: [] })
    // Nothing to accept any more: refused (exit 1), nothing changed.
    const twice = await cli('reconcile', '--accept', String(a.id), '--json')
    expect(twice.code).toBe(1)
    expect(twice.json().error).toMatchObject({ kind: 'conflict', code: 'drift.notChanged' })
  })

  it('bad usage exits 2; Sedna down exits 3 and changes nothing', async () => {
    for (const args of [
      ['reconcile', '5'],
      ['reconcile', '--accept', '1', '--resend', '2'],
      ['reconcile', '--confirm'],
      ['reconcile', '--accept', 'x'],
      ['reconcile', '--all'],
    ]) {
      const bad = await cli(...args)
      expect(bad.code, `${args.join(' ')}: ${bad.stderr}`).toBe(2)
      expect(bad.stdout).toBe('')
    }
    await proxy.close()
    try {
      const down = await cli('reconcile', '--json')
      outputs.push(down.stdout, down.stderr)
      expect(down.code, down.stderr).toBe(3)
      expect(down.json()).toMatchObject({ error: { kind: 'network', code: 'mirror.pullFailed' }, exitCode: 3 })
    } finally {
      await proxy.open()
    }
    const list = await cli('list', '--json')
    expect(list.json().stopSales.map((s: { status: string }) => s.status)).toEqual(['synced', 'synced', 'synced'])
    for (const output of outputs) expect(output).not.toContain(PASSWORD)
  })
})
