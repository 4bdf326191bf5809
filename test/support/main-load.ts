/**
 * Loading the built main process (out/main) under plain Node, as Electron would load it, with `electron`
 * replaced by a stand-in whose app never gets ready: the modules are read, linked and evaluated up to the
 * first await, and nothing runs. Used by bench/main-load.ts (timing) and test/integration/main-bundle.test.ts
 * (it loads at all: an import Electron's Node cannot link fails here the same way).
 *
 * The stand-in is a package `electron` in `<work>/node_modules`, so a build copied into `work` resolves it
 * first; for builds elsewhere (out/main itself) a resolve hook points `electron` at it.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const STUB = `const noop = () => undefined
class Stub { constructor() {} on() { return this } once() { return this } }
exports.app = { requestSingleInstanceLock: () => true, on: noop, once: noop, quit: noop, exit: noop,
  whenReady: () => new Promise(noop), isPackaged: false, getPath: () => __dirname,
  getVersion: () => '0.0.0', getLocale: () => 'en', getAppPath: () => __dirname, getName: () => 'stand-in' }
exports.BrowserWindow = Stub
exports.Menu = { buildFromTemplate: noop }
exports.Notification = Stub
exports.Tray = Stub
exports.dialog = {}
exports.ipcMain = { handle: noop, on: noop }
exports.nativeImage = { createFromPath: noop }
exports.session = {}
exports.shell = {}
`

const CHILD = `import { registerHooks } from 'node:module'
const [entry, mode, stub] = process.argv.slice(2)
let fromNodeModules = 0
if (mode === 'count' || mode === 'hook') {
  registerHooks({
    resolve(specifier, context, next) {
      if (specifier === 'electron') return { url: stub, format: 'commonjs', shortCircuit: true }
      return next(specifier, context)
    },
    load(url, context, next) {
      if (url.includes('/node_modules/') && !url.includes('/node_modules/electron/')) fromNodeModules++
      return next(url, context)
    },
  })
}
const t0 = performance.now()
const mod = await import(entry)
const ms = performance.now() - t0
process.stdout.write(JSON.stringify({ ms, fromNodeModules, exports: Object.keys(mod).sort() }))
process.exit(0)
`

export interface MainLoad {
  ms: number
  /** Files read from node_modules (counted only when asked: the hook costs time). */
  fromNodeModules: number
  /** The loaded module's export names. */
  exports: string[]
}

/**
 * Writes the stand-in and the loader into `work`; answers a function that loads one module in a fresh
 * Node (this one). `count`: count the files read from node_modules. `hook`: resolve `electron` by a hook
 * (a module outside `work`). Throws with the child's stderr when the module does not load.
 */
export function prepareMainLoad(work: string): (entry: string, mode?: 'count' | 'hook') => MainLoad {
  const stubDir = join(work, 'node_modules', 'electron')
  mkdirSync(stubDir, { recursive: true })
  writeFileSync(join(stubDir, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }))
  writeFileSync(join(stubDir, 'index.js'), STUB)
  const child = join(work, 'load.mjs')
  writeFileSync(child, CHILD)
  const stubUrl = pathToFileURL(join(stubDir, 'index.js')).href
  return (entry, mode) => {
    const args = [child, pathToFileURL(entry).href, mode ?? 'plain', stubUrl]
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`loading ${entry} failed:\n${r.stderr}`)
    return JSON.parse(r.stdout) as MainLoad
  }
}
