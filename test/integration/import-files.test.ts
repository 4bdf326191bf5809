/**
 * Import files that are not what they seem, through the real services (the dispatcher, as the window
 * calls them) and the built command line (a child process): a device that never ends, a named pipe, a
 * folder, a socket, a symlink to a device, a file over the size cap (sparse: nothing is written), a file
 * that grows while it is read. Each answers promptly with its coded error, for both import kinds; a
 * hang is a failed test (every test has a timeout), never a stuck suite. File-level messages never
 * quote the file.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { closeSync, mkdirSync, openSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MAX_STOP_SALE_FILE_BYTES } from '../../src/main/files/safe-file'
import { MAX_RESERVATION_FILE_BYTES } from '../../src/main/reservations/import/parse'
import { ensureCliBuilt, runCli } from '../support/cli'
import { startTestApp, type TestApp } from '../support/context'
import { tempDataDir } from '../support/fixtures'

const kinds = [
  { kind: 'stopSales', call: 'import.preview', cli: ['import'] },
  { kind: 'reservations', call: 'reservationImport.preview', cli: ['reservations', 'import'] },
] as const

const files = tempDataDir('sedna-import-files-')
const STOP_SALE_ROW = 'Otel Büyüme;15.06.2025;15.06.2025\n'
const RESERVATION_HEADER =
  'voucher_no;hotel_name;check_in;check_out;room_type;board_type;adults;guest1_title;guest1_first_name;guest1_last_name;remarks\n'
const reservationRow = (i: number, pad = '') =>
  `V${i};Otel Büyüme;2026-06-15;2026-06-18;DBL;AI;1;Mr;Ali;Yılmaz;${pad}\n`

/** The files no import may hang on or read to the end, by name. */
const strange: Record<string, string> = {}
let socketServer: Server

beforeAll(async () => {
  strange.zero = '/dev/zero'
  strange.pipe = join(files.dir, 'stop-sales.csv') // a FIFO with an import file's name
  execFileSync('mkfifo', [strange.pipe])
  strange.folder = join(files.dir, 'folder.json')
  mkdirSync(strange.folder)
  strange.link = join(files.dir, 'link.json')
  symlinkSync('/dev/zero', strange.link)
  strange.socket = join(files.dir, 'socket.csv')
  socketServer = createServer()
  await new Promise<void>((ok) => socketServer.listen(strange.socket, ok))
  strange.missing = join(files.dir, 'missing.csv')
})

afterAll(async () => {
  await new Promise<void>((ok) => socketServer.close(() => ok()))
  files.cleanup()
})

/** What each strange file must answer, for both kinds. */
const expected: [name: string, code: string, kind: string][] = [
  ['zero', 'files.device', 'validation'],
  ['pipe', 'files.pipe', 'validation'],
  ['folder', 'files.folder', 'validation'],
  ['link', 'files.device', 'validation'],
  ['socket', 'files.notRegular', 'validation'],
  ['missing', 'files.notFound', 'not-found'],
]

/** A sparse file one byte over the kind's cap: its size is real, its blocks are not written. */
function oversized(kind: 'stopSales' | 'reservations'): string {
  const path = join(files.dir, `big-${kind}.csv`)
  const fd = openSync(path, 'w')
  closeSync(fd)
  execFileSync('truncate', [
    '-s',
    String((kind === 'stopSales' ? MAX_STOP_SALE_FILE_BYTES : MAX_RESERVATION_FILE_BYTES) + 1),
    path,
  ])
  return path
}

/**
 * A file another program keeps appending to (2 KiB of rows, then a millisecond's pause: a parser still
 * writing), started on `base`. Resolves once it grew. Read to its end, it gives whatever happened to be
 * there by then; read to its size at open and checked after, it is refused as changed.
 */
async function growing(name: string, base: string, row: string): Promise<{ path: string; writer: ChildProcess }> {
  const path = join(files.dir, name)
  writeFileSync(path, base)
  const script = `
    const fs = require('node:fs')
    const fd = fs.openSync(process.argv[1], 'a')
    const block = Buffer.from(process.argv[2].repeat(Math.ceil(2048 / process.argv[2].length)))
    const nap = new Int32Array(new SharedArrayBuffer(4))
    for (;;) { fs.writeSync(fd, block); Atomics.wait(nap, 0, 0, 1) }`
  const writer = spawn(process.execPath, ['-e', script, path, row], { stdio: 'ignore' })
  writers.push(writer)
  const size = Buffer.byteLength(base)
  while (statSync(path).size === size) await new Promise((ok) => setTimeout(ok, 5))
  return { path, writer }
}
const writers: ChildProcess[] = []
afterEach(() => {
  for (const w of writers.splice(0)) w.kill('SIGKILL')
})

const growingFile = (kind: 'stopSales' | 'reservations') =>
  kind === 'stopSales'
    ? // ~1 MB of rows: the preview reads it twice (hash, rows) while it grows.
      growing(`growing-${kind}.csv`, `hotel_name;date_from;date_to\n${STOP_SALE_ROW.repeat(30_000)}`, STOP_SALE_ROW)
    : // ~8 MB (under the cap, within 10,000 records): reading it takes a few milliseconds while it grows.
      growing(
        `growing-${kind}.csv`,
        RESERVATION_HEADER + Array.from({ length: 9_000 }, (_, i) => reservationRow(i, 'x'.repeat(900))).join(''),
        reservationRow(0),
      )

describe('through the app (IPC dispatcher)', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(async () => {
    await app.close()
  })

  for (const k of kinds) {
    describe(k.kind, () => {
      for (const [name, code, errorKind] of expected) {
        it(`${name}: ${code}, at once`, { timeout: 10_000 }, async () => {
          const started = Date.now()
          const result = await app.ctx.dispatch(k.call, { path: strange[name] })
          expect(result).toMatchObject({ ok: false, error: { kind: errorKind, code } })
          expect(Date.now() - started).toBeLessThan(5_000)
        })
      }

      it('a file over the size cap: files.tooLarge, without reading it', { timeout: 10_000 }, async () => {
        const result = await app.ctx.dispatch(k.call, { path: oversized(k.kind) })
        const max = (k.kind === 'stopSales' ? MAX_STOP_SALE_FILE_BYTES : MAX_RESERVATION_FILE_BYTES) / 2 ** 20
        expect(result).toMatchObject({
          ok: false,
          error: { kind: 'validation', code: 'files.tooLarge', params: { size: max + 1, max } },
        })
      })

      it(
        'a file that grows while it is read: read no further than its size at open, files.changed',
        { timeout: 20_000 },
        async () => {
          const { path } = await growingFile(k.kind)
          const result = await app.ctx.dispatch(k.call, { path })
          expect(result).toMatchObject({ ok: false, error: { kind: 'validation', code: 'files.changed' } })
        },
      )
    })
  }

  it('a preview of a strange file leaves nothing behind (no import record, no stage)', async () => {
    await app.ctx.dispatch('import.preview', { path: strange.zero })
    await app.ctx.dispatch('reservationImport.preview', { path: strange.pipe })
    const sqlite = app.ctx.database.sqlite
    expect(sqlite.prepare('select count(*) as n from imports').get()).toEqual({ n: 0 })
    expect(sqlite.prepare('select count(*) as n from reservation_imports').get()).toEqual({ n: 0 })
  })

  it('the open dialog is main\'s: without one (tests, command line) files.chooseImport is "unavailable"', async () => {
    expect(await app.ctx.dispatch('app.info', {})).toMatchObject({ ok: true, value: { canChooseFiles: false } })
    expect(await app.ctx.dispatch('files.chooseImport', { kind: 'stopSales' })).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', code: 'files.noChooser' },
    })
  })

  it('with a chooser, files.chooseImport answers its path (or null), which the preview then opens and checks', async () => {
    const asked: string[] = []
    let answer: string | null = strange.zero!
    const chooser = await startTestApp({
      chooseImportFile: async (kind) => (asked.push(kind), answer),
    })
    try {
      expect(await chooser.ctx.dispatch('app.info', {})).toMatchObject({ value: { canChooseFiles: true } })
      const chosen = await chooser.ctx.dispatch('files.chooseImport', { kind: 'reservations' })
      expect(chosen).toEqual({ ok: true, value: { path: '/dev/zero' } })
      expect(await chooser.ctx.dispatch('reservationImport.preview', { path: '/dev/zero' })).toMatchObject({
        ok: false,
        error: { code: 'files.device' },
      })
      answer = null
      expect(await chooser.ctx.dispatch('files.chooseImport', { kind: 'stopSales' })).toEqual({
        ok: true,
        value: { path: null },
      })
      expect(asked).toEqual(['reservations', 'stopSales'])
    } finally {
      await chooser.close()
    }
  })
})

describe('file-level errors never quote the file', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(async () => {
    await app.close()
  })

  const SECRET = 'sk_live_51HqL3cretT0ken'
  const passwd = `root:x:0:0:${SECRET}:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n`
  const cases: [name: string, content: string, code: string][] = [
    ['passwd.csv', passwd, 'importFile.noHotelColumn'],
    ['passwd', passwd, 'importFile.noHotelColumn'], // no extension: sniffed as CSV
    ['passwd.json', passwd, 'importFile.notJson'],
    ['keys.json', `{"${SECRET}": 1, "other": 2}`, 'importFile.noStopSalesList'],
    [
      'token.json',
      `[{"hotel_name": "A", "date_from": "2025-06-15", "date_to": "2025-06-15"} "${SECRET}"]`,
      'importFile.jsonSyntax',
    ],
    ['value.json', `[{"hotel_name": "A", "x": ${SECRET}}]`, 'importFile.jsonSyntax'],
    ['sep.csv', `sep=${SECRET.slice(0, 1)}\nhotel_name\n`, 'importFile.separatorLine'],
  ]
  for (const [name, content, code] of cases) {
    it(`stop sales, ${name}: ${code}, with no trace of the content`, async () => {
      const path = join(files.dir, name)
      writeFileSync(path, content)
      const result = await app.ctx.dispatch('import.preview', { path })
      expect(result).toMatchObject({ ok: false, error: { code } })
      const said = JSON.stringify(result)
      for (const piece of [SECRET, 'root:x', '/bin/bash', 'sk_live']) expect(said).not.toContain(piece)
    })
  }

  const reservationCases: [name: string, content: string, code: string][] = [
    ['passwd.json', passwd, 'importFile.jsonSyntaxAt'],
    ['broken.json', `[\n  {"voucher_no": "V1"},\n  ${SECRET}\n]`, 'importFile.jsonSyntaxAt'],
    // csv-parse's own message for this one ends "value is \"<the cell>\"".
    ['quote.csv', `voucher_no;hotel_name\nV1;${SECRET}"x"\n`, 'importFile.csvBroken'],
    ['shape.json', `"${SECRET}"`, 'reservationFile.wrongShape'],
  ]
  for (const [name, content, code] of reservationCases) {
    it(`reservations, ${name}: ${code}, with no trace of the content`, async () => {
      const path = join(files.dir, `r-${name}`)
      writeFileSync(path, content)
      const result = await app.ctx.dispatch('reservationImport.preview', { path })
      expect(result).toMatchObject({ ok: false, error: { code } })
      const said = JSON.stringify(result)
      for (const piece of [SECRET, 'root:x', '/bin/bash', 'sk_live']) expect(said).not.toContain(piece)
    })
  }

  it('says where: the line of a JSON error, the columns of a CSV header', async () => {
    const json = join(files.dir, 'where.json')
    writeFileSync(json, `[\n  {"voucher_no": "V1"},\n  {"voucher_no": "V2"}\n  {"voucher_no": "V3"}\n]`)
    expect(await app.ctx.dispatch('reservationImport.preview', { path: json })).toMatchObject({
      ok: false,
      error: { message: 'where.json is not valid JSON: unexpected "{" on line 4.', params: { line: 4 } },
    })
    const csv = join(files.dir, 'where.csv')
    writeFileSync(csv, `Otel;date_from;date_to;${SECRET}\nA;1.1.2025;1.1.2025;x\n`)
    expect(await app.ctx.dispatch('import.preview', { path: csv })).toMatchObject({
      ok: false,
      error: {
        code: 'importFile.noHotelColumn',
        params: { file: 'where.csv', columns: 4, known: 'date_from, date_to', separator: '";"' },
      },
    })
  })
})

describe('through the command line (the built CLI, a child process)', () => {
  const data = tempDataDir('sedna-import-files-cli-')
  const env = { SEDNA_KEYCHAIN_SERVICE: `Sedna Stop Sales import-files test ${process.pid}`, SEDNA_DATA_DIR: undefined }
  const cli = (args: string[]) => runCli([...args, '--data-dir', data.dir], { env, timeoutMs: 30_000 })

  beforeAll(async () => {
    ensureCliBuilt()
    // Created and migrated once, before the runs below share it.
    expect((await cli(['list'])).code).toBe(0)
  }, 120_000)
  afterAll(() => data.cleanup())

  for (const k of kinds) {
    it(
      `${k.cli.join(' ')}: each strange file is one line on stderr and exit code 2, at once`,
      { timeout: 60_000 },
      async () => {
        const paths: Record<string, string> = { ...strange, big: oversized(k.kind) }
        const cases: [string, string][] = [
          ...expected.map(([name, code]): [string, string] => [name, code]),
          ['big', 'files.tooLarge'],
        ]
        const runs = await Promise.all(cases.map(([name]) => cli([...k.cli, paths[name]!, '--json'])))
        for (const [i, [name, code]] of cases.entries()) {
          const run = runs[i]!
          expect(run.signal, `${name}: killed (hung)`).toBeNull()
          expect(run.code, `${name}: ${run.stderr}`).toBe(2)
          expect(run.stderr.trim().split('\n'), name).toHaveLength(1)
          expect(run.json(), name).toMatchObject({ error: { code }, exitCode: 2 })
        }
      },
    )

    it(`${k.cli.join(' ')} of a growing file: files.changed, exit code 2`, { timeout: 60_000 }, async () => {
      const { path } = await growingFile(k.kind)
      const run = await cli([...k.cli, path, '--json'])
      expect(run.signal, 'killed (hung)').toBeNull()
      expect(run.code, run.stderr).toBe(2)
      expect(run.json()).toMatchObject({ error: { code: 'files.changed' }, exitCode: 2 })
    })
  }
})
