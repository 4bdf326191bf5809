/**
 * The built main process loads (#16): out/main/index.js and the electron-updater chunk are imported under
 * plain Node 24 (the Node Electron 45 embeds), with `electron` as a stand-in (test/support/main-load.ts).
 * Nothing else runs the bundle here, and an ES module import Node cannot link — a named import of a
 * CommonJS export it cannot see, as electron-updater's were — would stop the installed app at start.
 *
 * Needs `out/` built (npm test's pretest does it).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { prepareMainLoad } from '../support/main-load'

const outMain = join(__dirname, '..', '..', 'out', 'main')
const work = mkdtempSync(join(tmpdir(), 'sedna-main-bundle-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const load = prepareMainLoad(work)

describe('the built main process', () => {
  it('loads with only the native modules and electron-updater from node_modules', () => {
    const loaded = load(join(outMain, 'index.js'), 'count')
    // better-sqlite3's own files; every pure-JS library is in the bundle.
    expect(loaded.fromNodeModules).toBeGreaterThan(0)
    expect(loaded.fromNodeModules).toBeLessThan(40)
  })

  it('loads the updater glue, which the installed app imports at start', () => {
    const chunk = readdirSync(outMain).find((f) => /^electron-updater-.*\.js$/.test(f))
    expect(chunk).toBeDefined()
    expect(load(join(outMain, chunk!), 'hook').exports).toEqual(['electronUpdater'])
  })
})
