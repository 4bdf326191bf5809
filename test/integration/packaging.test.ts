/**
 * #16 item 4: the packaging check. Electron's distribution cannot be downloaded here, so electron-builder
 * packs the unpacked Linux app (`--dir`) from electron-builder.yml with a stand-in Electron made below
 * (electron-builder takes a local `electronDist`): a file named `electron` carrying Electron's fuse wire
 * at its defaults, so that the fuses electron-builder.yml sets are really flipped and can be read back.
 * Then the layout is checked (test/support/packaged-layout.ts). The second case packs the same app
 * with the native modules left inside the asar and checks that the check says so: it can fail.
 *
 * Needs `out/` built (npm test's pretest does it).
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Arch, build, Platform, type Configuration } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FUSE_SENTINEL, packagedLayoutProblems, readFuseWire, type Expected } from '../support/packaged-layout'

const root = join(__dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Expected['pkg']
const EXECUTABLE = 'sedna-stop-sales'
const NATIVE = ['node_modules/better-sqlite3/prebuilds/linux-x64.node', 'node_modules/keytar/build/Release/keytar.node']
const expected: Expected = {
  pkg,
  migrations: readdirSync(join(root, 'drizzle'), { recursive: true, encoding: 'utf8' })
    .map((f) => f.replaceAll('\\', '/'))
    .filter((f) => /\.(sql|json)$/.test(f)),
  nativeFiles: NATIVE,
}

/** Electron 45's fuse wire as shipped: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR integrity off, only-asar off, V8 snapshot off, file protocol privileges on. */
const ELECTRON_DEFAULT_WIRE = '10110001'

let work: string
let standIn: string
beforeAll(() => {
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) throw new Error('Build first: npx electron-vite build')
  work = mkdtempSync(join(tmpdir(), 'sedna-packaging-'))
  standIn = join(work, 'electron-dist')
  mkdirSync(join(standIn, 'resources'), { recursive: true })
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "a stand-in for Electron (packaging check): it does not run" >&2\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE),
    Buffer.from('\n'),
  ])
  writeFileSync(join(standIn, 'electron'), binary)
  chmodSync(join(standIn, 'electron'), 0o755)
  writeFileSync(join(standIn, 'LICENSE'), 'stand-in\n')
  writeFileSync(
    join(standIn, 'version'),
    JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version,
  )
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Packs the unpacked Linux app into `work/<name>` with electron-builder.yml plus `overrides`; answers the app's folder. */
async function pack(name: string, overrides: Configuration = {}): Promise<string> {
  const output = join(work, name)
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { electronDist: standIn, directories: { output }, ...overrides },
  })
  return join(output, 'linux-unpacked')
}

describe('the packaged app (Linux, unpacked, stand-in Electron)', () => {
  it('holds out/, drizzle/ and package.json in app.asar, the native modules unpacked, no devDependency, tests or benchmarks, the fuses set', async () => {
    const app = await pack('as-configured')
    expect(packagedLayoutProblems(app, EXECUTABLE, expected)).toEqual([])

    // What the check relies on, seen directly.
    const unpacked = join(app, 'resources', 'app.asar.unpacked')
    for (const file of NATIVE) expect(existsSync(join(unpacked, file))).toBe(true)
    // Of better-sqlite3's binaries for eight platforms, only this one's.
    expect(readdirSync(join(unpacked, 'node_modules/better-sqlite3/prebuilds'))).toEqual(['linux-x64.node'])
    // From Electron's defaults (10110001) to the six fuses set; the last two left as they were.
    expect(String.fromCharCode(...readFuseWire(join(app, EXECUTABLE)))).toBe('01001101')
    expect(expected.migrations.filter((f) => f.endsWith('.sql')).length).toBeGreaterThan(0)
  }, 300_000)

  it('fails when a native module would be packed inside the asar', async () => {
    // electron-builder.yml without its asarUnpack (an override cannot empty a list: electron-builder merges lists).
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8')
    const withoutUnpack = yml.replace(/^asarUnpack:\n(?: {2}- .*\n)+/m, '')
    expect(withoutUnpack).not.toBe(yml)
    const config = join(work, 'native-packed.yml')
    writeFileSync(config, withoutUnpack)
    const app = await pack('native-packed', { extends: config })
    const problems = packagedLayoutProblems(app, EXECUTABLE, expected)
    for (const file of NATIVE) {
      expect(problems).toContain(`${file} is packed inside app.asar: a native module cannot load from there`)
      expect(problems).toContain(`${file} is not in app.asar.unpacked`)
    }
  }, 300_000)
})
