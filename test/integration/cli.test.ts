/**
 * The command line, end to end: the built CLI started through its launcher as a child process, on
 * a temp data folder, against the Sedna simulator over real HTTP (through a TCP proxy, so Sedna can
 * go down and come back on the same port with its records). The steps run in order and share the
 * data folder, like a day of scheduled runs.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import {
  ensureCliBuilt,
  forgetCliPassword,
  oldSystemNode,
  type Proxy,
  runCli,
  startCli,
  startProxy,
  transcript,
} from '../support/cli'
import { tempDataDir } from '../support/fixtures'

const SAMPLES = join(import.meta.dirname, '../../../shared/samples/parsed')
const PASSWORD = 'Kum-Saati-7319!'
const USER = { username: 'acente', password: PASSWORD, operatorId: 571 }
// The CLI's keychain entries go under a service name of this run's own (never a developer's real one).
const KEYCHAIN_SERVICE = `Sedna Stop Sales cli test ${randomUUID()}`

let sim: Simulator
let proxy: Proxy
const data = tempDataDir('sedna-cli-')
const files = tempDataDir('sedna-cli-files-')
const env = { SEDNA_KEYCHAIN_SERVICE: KEYCHAIN_SERVICE, SEDNA_PASSWORD: undefined, SEDNA_DATA_DIR: undefined }
const cli = (args: string[], extra: Parameters<typeof runCli>[1] = {}) =>
  runCli([...args, '--data-dir', data.dir], { ...extra, env: { ...env, ...extra.env } })
const url = () => `http://127.0.0.1:${proxy.port}/SednaAgencyb2bApi`

/** A parsed stop-sales file (the parser's JSON shape) with `count` stop sales Mandarin Resort can take. */
function stopSalesFile(
  name: string,
  count: number,
  year: number,
  hotel = 'Mandarin Resort',
  rooms = ['STDSV'],
): string {
  const records = Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(year, 0, 1 + i * 3))
    const to = new Date(day.getTime() + 2 * 86_400_000)
    return {
      message_id: `<${name}.${i}@cli.example>`,
      received_at: `${year - 1}-12-01T09:${String(i % 60).padStart(2, '0')}:00+03:00`,
      hotel_name: hotel,
      date_from: day.toISOString().slice(0, 10),
      date_to: to.toISOString().slice(0, 10),
      room_types: rooms,
      board_types: ['AI'],
      is_close: true,
      reason: 'Doluluk',
    }
  })
  const file = join(files.dir, `${name}.json`)
  writeFileSync(file, JSON.stringify(records))
  return file
}

/** Local stop sales, read from the SQLite file (between runs; the CLI's own `list` is tested on its own). */
function listed(): { id: number; status: string; recId: number | null }[] {
  const db = new Database(join(data.dir, 'sedna-stop-sales.sqlite'))
  try {
    return db.prepare('select id, status, sedna_rec_id as recId from stop_sales order by id').all() as never
  } finally {
    db.close()
  }
}

/** Local reservations, read from the SQLite file. */
function listedReservations(): { id: number; status: string; recId: number | null; sourceId: string }[] {
  const db = new Database(join(data.dir, 'sedna-stop-sales.sqlite'))
  try {
    return db
      .prepare('select id, status, sedna_rec_id as recId, source_id as sourceId from reservations order by id')
      .all() as never
  } finally {
    db.close()
  }
}

/** The parser's reservation sample with another voucher and e-mail: a new booking of the same hotel. */
function reservationFile(name: string, voucher: string, emailId: number): string {
  const sample = JSON.parse(readFileSync(join(SAMPLES, 'reservation-row.sample.json'), 'utf8'))
  const file = join(files.dir, `${name}.json`)
  writeFileSync(file, JSON.stringify([{ ...sample, voucher_no: voucher, source_email_id: emailId }]))
  return file
}

/** Exactly one simulator record per synced local stop sale, and nothing else. */
function expectOneRecordEach() {
  const local = listed().filter((s) => s.recId !== null)
  const records = sim.stopSales()
  expect(new Set(records.map((r) => r.RecId)).size).toBe(records.length)
  expect(records.map((r) => r.RecId).sort((a, b) => a - b)).toEqual(local.map((s) => s.recId).sort((a, b) => a! - b!))
}

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

describe('command line against the simulator', { timeout: 60_000 }, () => {
  it('profile set reads the password from stdin and stores it in the keychain; profile test logs in', async () => {
    const set = await cli(
      [
        'profile',
        'set',
        '--url',
        url(),
        '--username',
        USER.username,
        '--operator-code',
        '7star',
        '--allow-http',
        '--json',
      ],
      { input: `${PASSWORD}\n` },
    )
    expect(set.code, set.stderr).toBe(0)
    const out = set.json()
    expect(out.passwordStorage).toBe('keychain')
    expect(out.profile).toMatchObject({ id: 1, username: USER.username, operatorCode: '7STAR', isActive: true })

    const test = await cli(['profile', 'test', '--json'])
    expect(test.code, test.stderr).toBe(0)
    expect(test.json()).toMatchObject({ profileId: 1, operatorId: 571 })

    const refs = await cli(['refs', 'refresh', '--json'])
    expect(refs.code, refs.stderr).toBe(0)
    expect(refs.json()).toMatchObject({ hotels: 7, boards: 6 })
    expect(refs.json().roomTypes).toBeGreaterThan(0)
  })

  it('imports the sample files; sync --all sends what resolves and parks the rest; list shows it', async () => {
    const json = await cli(['import', join(SAMPLES, 'stop-sales.sample.json'), '--json'])
    expect(json.code, json.stderr).toBe(1) // three stop sales need a room mapping
    expect(json.json()).toMatchObject({ rows: 4, imported: 5, duplicates: 0, invalid: [], needsAttention: 3 })
    const csv = await cli(['import', join(SAMPLES, 'stop-sales.sample.csv'), '--json'])
    expect(csv.code, csv.stderr).toBe(0)
    expect(csv.json()).toMatchObject({ rows: 3, imported: 3, duplicates: 0, invalid: [], needsAttention: 0 })

    const sync = await cli(['sync', '--all', '--json'])
    expect(sync.code, sync.stderr).toBe(1)
    const summary = sync.json()
    expect(summary).toMatchObject({ synced: 5, failed: 0, queued: 0, needsAttention: 3 })
    expect(summary.results).toHaveLength(8)
    for (const r of summary.results) {
      if (r.status === 'synced') expect(r.recId).toBeGreaterThan(0)
      else expect(r.message).toMatch(/room code "(TRP|STDLV)"/)
    }
    expect(sim.stopSales()).toHaveLength(5)

    const all = await cli(['list', '--json'])
    expect(all.code, all.stderr).toBe(0)
    expect(all.json().total).toBe(8)
    expect(all.json().countsByStatus).toMatchObject({ synced: 5, needs_attention: 3 })
    expect(all.json().stopSales.map((s: { hotelName: string }) => s.hotelName)).toContain('İstanbul Boğaz Palace')
    expect(all.json().stopSales.map((s: { recId: number | null }) => s.recId)).toEqual(
      summary.results.map((r: { recId: number | null }) => r.recId),
    )
    const parked = await cli(['list', '--status', 'needs_attention'])
    expect(parked.code).toBe(0)
    const lines = parked.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^ID +STATUS +HOTEL +NIGHTS +ROOMS +BOARDS +KIND +RECID +LAST ERROR$/)
    expect(lines.slice(1, -1)).toHaveLength(3)
    expect(parked.stdout).toMatch(/needs_attention +Grand Palace Hotel .*room code "TRP"/)
    expect(lines.at(-1)).toMatch(/^3 stop sales \(needs_attention\)\. All: synced 5, needs_attention 3\.$/)
  })

  it('re-importing the same files adds nothing', async () => {
    for (const name of ['stop-sales.sample.json', 'stop-sales.sample.csv']) {
      const again = await cli(['import', join(SAMPLES, name), '--json'])
      expect(again.code, again.stderr).toBe(0)
      expect(again.json()).toMatchObject({ imported: 0, invalid: [], needsAttention: 0 })
      expect(again.json().sameFileImported).not.toBeNull()
    }
    expect(listed()).toHaveLength(8)
  })

  it('map fixes parked stop sales in place; the next sync sends them', async () => {
    const room = await cli(['map', 'room', '1187', 'TRP', '9422', '--json'])
    expect(room.code, room.stderr).toBe(0)
    expect(room.json().released).toHaveLength(1)
    const other = await cli(['map', 'room', '1021', 'STDLV', '8811'])
    expect(other.code, other.stderr).toBe(0)
    expect(other.stdout).toMatch(/2 stop sales back to pending/)

    const sync = await cli(['sync', '--all', '--json'])
    expect(sync.code, sync.stderr).toBe(0)
    expect(sync.json()).toMatchObject({ synced: 3, queued: 0, needsAttention: 0 })
    expect(listed().every((s) => s.status === 'synced')).toBe(true)
    expectOneRecordEach()
  })

  it('reservations: import, map the unknown hotel, sync (RecId), re-import adds nothing, cancel with --yes', async () => {
    const sample = join(SAMPLES, 'reservation-row.sample.json')
    const imported = await cli(['reservations', 'import', sample, '--json'])
    expect(imported.code, imported.stderr).toBe(1) // its hotel is not in Sedna's list: it needs a mapping
    const out = imported.json()
    expect(out).toMatchObject({ rows: 1, imported: 1, duplicates: 0, invalid: [], needsAttention: 1 })
    expect(out.attention).toEqual([
      { row: 1, voucherNo: 'JUN2024001', message: expect.stringMatching(/hotel "Grand Paradise Resort" is not known/) },
    ])
    const [id] = out.ids as number[]
    expect(listedReservations()).toEqual([expect.objectContaining({ id, status: 'pending', recId: null })])

    const map = await cli(['map', 'hotel', 'Grand Paradise Resort', '1187', '--json'])
    expect(map.code, map.stderr).toBe(0)
    expect(map.json().reservations).toEqual({ released: [id], stillNeedsAttention: [] })

    const sync = await cli(['reservations', 'sync', String(id), '--json'])
    expect(sync.code, sync.stderr).toBe(0)
    const [stored] = sim.reservations()
    expect(stored).toMatchObject({
      voucher: 'JUN2024001',
      status: 'active',
      SourceId: listedReservations()[0]!.sourceId,
    })
    expect(stored!.element).toMatchObject({ HotelId: 1187, RoomTypeId: 9420, BoardId: 1, Adult: 2, Child: 1 })
    expect(sync.json()).toMatchObject({ synced: 1, failed: 0, queued: 0, needsAttention: 0, cancelled: 0 })
    expect(sync.json().results).toEqual([
      {
        id,
        voucherNo: 'JUN2024001',
        status: 'synced',
        recId: stored!.RecId,
        message: null,
        code: null,
        lastError: null,
      },
    ])

    const again = await cli(['reservations', 'import', sample, '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect(again.json()).toMatchObject({ imported: 0, ids: [], duplicates: 1, invalid: [], needsAttention: 0 })
    expect(again.json().sameFileImported).not.toBeNull()
    expect(listedReservations()).toHaveLength(1)

    const list = await cli(['reservations', 'list', '--status', 'synced'])
    expect(list.code, list.stderr).toBe(0)
    const lines = list.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^ID +STATUS +VOUCHER +HOTEL +CHECK-IN +CHECK-OUT +PAX +ROOM +BOARD +RECID +LAST ERROR$/)
    expect(lines[1]).toMatch(
      new RegExp(
        `^${id} +synced +JUN2024001 +Grand Paradise Resort +2025-01-15 +2025-01-22 +2\\+1 +DBL +AI +${stored!.RecId}$`,
      ),
    )
    expect(lines.at(-1)).toBe('1 reservation (synced). All: synced 1.')

    // An unattended tool's confirmation: without --yes nothing happens.
    const unconfirmed = await cli(['reservations', 'cancel', String(id)])
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr.trim().split('\n')).toHaveLength(1)
    expect(unconfirmed.stderr).toMatch(/cannot be undone: add --yes to confirm/)
    expect(sim.reservations()[0]!.status).toBe('active')

    const cancel = await cli(['reservations', 'cancel', String(id), '--yes', '--json'])
    expect(cancel.code, cancel.stderr).toBe(0)
    expect(cancel.json()).toMatchObject({ id, voucherNo: 'JUN2024001', status: 'cancelled', recId: stored!.RecId })
    expect(sim.reservations()[0]).toMatchObject({ RecId: stored!.RecId, status: 'cancelled' })
    const cancels = sim.requests().filter((r) => /CancelReservationBySourcId$/i.test(r.path))
    expect(cancels.map((r) => r.query)).toEqual([{ operatorId: '571', sourceId: stored!.SourceId }])
    expect(listedReservations()[0]).toMatchObject({ status: 'cancelled', recId: stored!.RecId })
  })

  it('Sedna down: sync exits 3 with stop sales and reservations queued; queue --flush after it is back sends them', async () => {
    const file = stopSalesFile('down', 3, 2031, 'Çamyuva Güneş Otel', ['DBL'])
    expect((await cli(['import', file])).code).toBe(0)
    // Resolves with the hotel mapped above: sync --all takes pending reservations too.
    expect((await cli(['reservations', 'import', reservationFile('down-res', 'JUN2024002', 9002)])).code).toBe(0)
    await proxy.close()
    try {
      const down = await cli(['sync', '--all', '--json'])
      expect(down.code, down.stderr).toBe(3)
      expect(down.json()).toMatchObject({
        synced: 0,
        queued: 4,
        connectivity: 'offline',
        stopSales: { queued: 3 },
        reservations: { queued: 1 },
      })
      expect(down.json().results).toHaveLength(3)
      expect(down.json().reservationResults).toEqual([
        expect.objectContaining({
          voucherNo: 'JUN2024002',
          status: 'queued',
          message: expect.stringMatching(/Sedna is not reachable/),
        }),
      ])
      expect(listed().filter((s) => s.status === 'queued')).toHaveLength(3)
      const queue = await cli(['queue', '--json'])
      expect(queue.code).toBe(0)
      expect(queue.json()).toMatchObject({ waiting: 4, waitingStopSales: 3, waitingReservations: 1 })
      expect(queue.json().items.every((i: { state: string }) => i.state === 'waiting-for-sedna')).toBe(true)
      expect(queue.json().reservations).toEqual([
        expect.objectContaining({ voucherNo: 'JUN2024002', action: 'send', state: 'waiting-for-sedna' }),
      ])

      // Still down: --flush checks Sedna again, keeps everything queued, exits 3.
      const stillDown = await cli(['queue', '--flush', '--json'])
      expect(stillDown.code, stillDown.stderr).toBe(3)
      expect(stillDown.json()).toMatchObject({ queued: 4, reservations: { queued: 1 } })
    } finally {
      await proxy.open()
    }
    const flush = await cli(['queue', '--flush'])
    expect(flush.code, flush.stderr).toBe(0)
    expect(flush.stdout).toMatch(/^4 synced, 0 failed, 0 queued, 0 need attention, 0 need review \(Sedna: online\)\.$/m)
    expect(flush.stdout).toMatch(/^Stop sales: 3 synced, .*\. Reservations: 1 synced, /m)
    expect(flush.stdout).toMatch(/^\d+ +JUN2024002 +synced +\d+$/m)
    const empty = await cli(['queue'])
    expect(empty.stdout).toMatch(/^Nothing waits to be sent\.$/m)
    expectOneRecordEach()
    expect(sim.reservations().map((r) => [r.voucher, r.status])).toEqual([
      ['JUN2024001', 'cancelled'],
      ['JUN2024002', 'active'],
    ])
  })

  it('two sync --all at once on the same data folder: every stop sale exactly once in Sedna', async () => {
    const count = 24
    const file = stopSalesFile('pair', count, 2032)
    expect((await cli(['import', file])).code).toBe(0)
    const before = sim.stopSales().length
    // Slow Sedna down a little, so the two runs overlap for real.
    sim.addFault({ path: 'Contract/UpdateStopSale', fault: { kind: 'latency', ms: 40 } })
    try {
      const [a, b] = await Promise.all([cli(['sync', '--all', '--json']), cli(['sync', '--all', '--json'])])
      expect(a.code, a.stderr).toBe(0)
      expect(b.code, b.stderr).toBe(0)
      const [sa, sb] = [a.json(), b.json()]
      console.log(`two syncs: ${sa.handledHere} + ${sb.handledHere} stop sales handled by each process`)
      expect(sa.handledHere + sb.handledHere).toBeGreaterThanOrEqual(count)
      // Each reports every stop sale it selected as synced, whoever sent it.
      for (const s of [sa, sb]) expect(s.results.every((r: { status: string }) => r.status === 'synced')).toBe(true)
    } finally {
      sim.clearFaults()
    }
    expect(sim.stopSales().length - before).toBe(count)
    expectOneRecordEach()
  })

  it('says what is wrong in one line, exit 2, for bad usage and input (and in the JSON with --json)', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['sync'], /stop sale ids, or --all/],
      [['sync', '1', '--all'], /not both/],
      [['sync', '--al'], /unknown option --al for "sync"/],
      [['sync', '999999'], /no stop sale #999999/],
      [['list', '--status', 'done'], /--status must be one of/],
      [['import', join(files.dir, 'missing.json')], /The file "?missing\.json"? does not exist/],
      [['map', 'room', 'x', 'TRP', '1'], /HOTEL_ID must be a whole number/],
      [['map', 'hotel', 'Nowhere Otel', '424242'], /424242/],
      [['profile', 'set', '--url', 'http://x.example'], /--url URL and --username NAME/],
      [['queue', '--wait', '5'], /--wait goes with --flush/],
      [['reservations', 'sync', '999999'], /no reservation #999999/],
      [['map', 'nationality', 'Mars', '999'], /999/],
    ]
    const runs = await Promise.all(cases.map(([args]) => cli(args)))
    for (const [i, [args, message]] of cases.entries()) {
      const run = runs[i]!
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2)
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(run.stderr).toMatch(message)
      expect(run.stdout).toBe('')
    }
    const json = await cli(['list', '--status', 'done', '--json'])
    expect(json.code).toBe(2)
    expect(json.json()).toMatchObject({
      error: { kind: 'usage', message: expect.stringMatching(/--status/) },
      exitCode: 2,
    })
  })

  it('an invalid row is reported with its row and errors (exit 1); --dry-run imports nothing', async () => {
    const file = join(files.dir, 'bad.csv')
    writeFileSync(
      file,
      'message_id;received_at;hotel_name;date_from;date_to;room_types;board_types;is_close;reason\n' +
        '<b1@x.example>;2033-05-02T10:00:00+03:00;Mandarin Resort;12.05.2033;18.05.2033;STDSV;AI;true;Doluluk\n' +
        '<b2@x.example>;2033-05-02T10:00:00+03:00;Mandarin Resort;31.02.2033;18.05.2033;STDSV;AI;true;Doluluk\n',
    )
    const dry = await cli(['import', file, '--dry-run', '--json'])
    expect(dry.code, dry.stderr).toBe(1)
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 2, imported: 1 })
    expect(dry.json().invalid).toEqual([{ row: 2, line: 3, errors: [expect.stringMatching(/31\.02\.2033/)] }])
    const total = listed().length
    const real = await cli(['import', file, '--json'])
    expect(real.code).toBe(1)
    expect(real.json()).toMatchObject({ dryRun: false, imported: 1 })
    expect(listed()).toHaveLength(total + 1)
  })

  it('never prints or stores the password', () => {
    const haystack = [...transcript]
    for (const name of readdirSync(data.dir, { recursive: true, withFileTypes: true })) {
      if (name.isFile()) haystack.push(readFileSync(join(name.parentPath, name.name), 'latin1'))
    }
    expect(haystack.length).toBeGreaterThan(10)
    expect(haystack.filter((text) => text.includes(PASSWORD))).toEqual([])
  })
})

describe('command line without a keychain', { timeout: 60_000 }, () => {
  // No session bus: the Secret Service cannot be reached (as on a server without a desktop session).
  const noKeychain = { DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined, XDG_RUNTIME_DIR: '/nonexistent' }
  const own = tempDataDir('sedna-cli-nokeychain-')
  afterAll(() => own.cleanup())
  const run = (args: string[], extra: Record<string, string | undefined> = {}, input?: string) =>
    runCli([...args, '--data-dir', own.dir], {
      env: { ...env, ...noKeychain, ...extra },
      ...(input !== undefined ? { input } : {}),
    })

  it('profile set uses the password for this run only and says so; SEDNA_PASSWORD serves later runs', async () => {
    const set = await run(
      [
        'profile',
        'set',
        '--url',
        url(),
        '--username',
        USER.username,
        '--operator-code',
        '7STAR',
        '--allow-http',
        '--json',
      ],
      {},
      `${PASSWORD}\n`,
    )
    expect(set.code, set.stderr).toBe(0)
    expect(set.json().passwordStorage).toBe('this-run-only')
    expect(set.json().warnings[0]).toMatch(/NOT stored.*SEDNA_PASSWORD/)
    const human = await run(['profile', 'set', '--url', url(), '--username', USER.username, '--allow-http'], {
      SEDNA_PASSWORD: PASSWORD,
    })
    expect(human.stdout).toMatch(/Password used for this run only/)

    const without = await run(['profile', 'test'])
    expect(without.code).toBe(1)
    expect(without.stderr).toMatch(/keychain is not available.*SEDNA_PASSWORD/)
    const withEnv = await run(['profile', 'test', '--json'], { SEDNA_PASSWORD: PASSWORD })
    expect(withEnv.code, withEnv.stderr).toBe(0)
    expect(withEnv.json().operatorId).toBe(571)
    expect(set.stdout + human.stdout + without.stderr + withEnv.stdout).not.toContain(PASSWORD)
  })

  it('profile set: http:// needs --allow-http; a changed address or username needs the password again', async () => {
    const other = tempDataDir('sedna-cli-http-')
    try {
      const set = (args: string[], input?: string) =>
        runCli(['profile', 'set', '--username', USER.username, '--data-dir', other.dir, ...args], {
          env: { ...env, ...noKeychain },
          ...(input !== undefined ? { input } : {}),
        })
      const refused = await set(['--url', url(), '--json'], `${PASSWORD}\n`)
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/http:\/\/.*unencrypted.*--allow-http/)
      expect(refused.json()).toMatchObject({ error: { kind: 'usage' }, exitCode: 2 })
      const created = await set(['--url', url(), '--allow-http', '--json'], `${PASSWORD}\n`)
      expect(created.code, created.stderr).toBe(0)
      // Same address, no password given: the stored one (here: none, no keychain) is kept.
      expect((await set(['--url', url(), '--json'], '')).code).toBe(0)
      const moved = await set(['--url', url().replace('127.0.0.1', 'localhost'), '--allow-http'], '')
      expect(moved.code).toBe(2)
      expect(moved.stderr).toMatch(/address or username changed.*no password/)
      const renamed = await runCli(['profile', 'set', '--url', url(), '--username', 'baska', '--data-dir', other.dir], {
        env: { ...env, ...noKeychain },
        input: '',
      })
      expect(renamed.code).toBe(2)
      expect(renamed.stderr).toMatch(/address or username changed/)
      const shown = await runCli(['profile', 'show', '--json', '--data-dir', other.dir], {
        env: { ...env, ...noKeychain },
      })
      expect(shown.json().profiles).toMatchObject([{ baseUrl: url(), username: USER.username }])
    } finally {
      other.cleanup()
    }
  })

  it('profile set without any password is bad usage', async () => {
    const other = tempDataDir('sedna-cli-nopw-')
    try {
      const r = await runCli(
        ['profile', 'set', '--url', url(), '--username', 'x', '--allow-http', '--data-dir', other.dir],
        {
          env: { ...env, ...noKeychain },
        },
      )
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/no password: give it in the SEDNA_PASSWORD environment variable or on stdin/)
    } finally {
      other.cleanup()
    }
  })
})

describe('launcher', { timeout: 60_000 }, () => {
  const old = oldSystemNode()

  it.runIf(old)('on an older Node, re-runs itself on the pinned Node: argv, stdin, stdout, exit code', async () => {
    const own = tempDataDir('sedna-cli-old-node-')
    try {
      const help = await runCli(['help', 'sync'], { node: old! })
      expect(help.code).toBe(0)
      expect(help.stdout).toMatch(/sedna-stop-sales sync ID… \| --all/)
      const bad = await runCli(['sync', '--nope'], { node: old! })
      expect(bad.code).toBe(2)
      const set = await runCli(
        [
          'profile',
          'set',
          '--url',
          url(),
          '--username',
          USER.username,
          '--allow-http',
          '--data-dir',
          own.dir,
          '--json',
        ],
        { node: old!, input: `${PASSWORD}\n`, env },
      )
      expect(set.code, set.stderr).toBe(0)
      expect(set.json().profile.username).toBe(USER.username)
    } finally {
      own.cleanup()
    }
  })

  it('forwards SIGTERM to the CLI and its exit code back (sim stops cleanly)', async () => {
    const run = startCli(['sim', '--port', '0', '--json'], { node: old ?? process.execPath })
    const info = JSON.parse(await run.firstLine) as { url: string; username: string }
    expect(info).toMatchObject({ username: 'demo' })
    const res = await fetch(info.url).catch(() => null)
    expect(res, 'the simulator answers HTTP').not.toBeNull()
    run.child.kill('SIGTERM')
    expect(await run.exited).toEqual({ code: 0, signal: null })
  })

  it('on Node 22+, starts the CLI on the same Node', async () => {
    const version = await runCli(['--version', '--json'])
    expect(version.code).toBe(0)
    expect(version.json().version).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('a Node that hangs while exiting (nodejs/node#54918) is stopped, with the exit code the command gave', async () => {
    const started = Date.now()
    const bad = await runCli(['sync', '--nope'], { env: { SEDNA_CLI_TEST_HANG_ON_EXIT: '1' } })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/unknown option --nope/)
    expect(bad.stderr).toMatch(/Node hung while exiting/)
    expect(Date.now() - started).toBeLessThan(15_000)
  })
})
