/**
 * What loading the main process costs, with its pure-JS libraries bundled into out/main (as built now)
 * against the same code with them left in node_modules (SEDNA_MAIN_EXTERNAL=1, as before #16). Each run is
 * a fresh Node (the one the scripts pin, as Electron 45 embeds Node 24) that imports out/main/index.js with
 * `electron` replaced by a stand-in whose app never gets ready: what is timed is reading, parsing and
 * evaluating the modules up to the first await. Runs alternate between the two builds; medians printed,
 * with the files each loads from node_modules and the bundle's size. Asserts nothing.
 * Usage: npm run bench:main-load [-- RUNS]
 */
import { execSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const runs = Number(process.argv[2] ?? 15)
const root = join(import.meta.dirname, '..')
const work = join(root, '.bench-main') // inside the project: the external build finds node_modules from here
rmSync(work, { recursive: true, force: true })
mkdirSync(work)

function build(name: string, external: boolean): string {
  execSync('npx electron-vite build', {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, SEDNA_MAIN_EXTERNAL: external ? '1' : '' },
  })
  const dir = join(work, name)
  cpSync(join(root, 'out', 'main'), dir, { recursive: true })
  return join(dir, 'index.js')
}

const external = build('external', true)
const bundled = build('bundled', false) // last, so out/ is left as the app is built

// `electron` for Node, where the builds resolve it first (.bench-main/node_modules/electron): what the main
// process touches while its modules load, and an app that never gets ready. No loader hooks in the timed
// runs; one more run per build counts the files read from node_modules, with a hook.
const stubDir = join(work, 'node_modules', 'electron')
mkdirSync(stubDir, { recursive: true })
writeFileSync(join(stubDir, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }))
writeFileSync(
  join(stubDir, 'index.js'),
  `const noop = () => undefined
class Stub { constructor() {} on() { return this } }
exports.app = { requestSingleInstanceLock: () => true, on: noop, once: noop, quit: noop, exit: noop,
  whenReady: () => new Promise(noop), isPackaged: false, getPath: () => ${JSON.stringify(work)},
  getVersion: () => '0.0.0', getLocale: () => 'en', getAppPath: () => ${JSON.stringify(root)} }
exports.BrowserWindow = Stub
exports.Menu = { buildFromTemplate: noop }
exports.Notification = Stub
exports.Tray = Stub
exports.dialog = {}
exports.ipcMain = { handle: noop, on: noop }
exports.nativeImage = { createFromPath: noop }
exports.session = {}
exports.shell = {}
`,
)
const child = join(work, 'load.mjs')
writeFileSync(
  child,
  `import { registerHooks } from 'node:module'
let fromNodeModules = 0
if (process.argv[3] === 'count') {
  registerHooks({
    load(url, context, next) {
      if (url.includes('/node_modules/') && !url.includes('/.bench-main/')) fromNodeModules++
      return next(url, context)
    },
  })
}
const t0 = performance.now()
await import(process.argv[2])
const ms = performance.now() - t0
process.stdout.write(JSON.stringify({ ms, fromNodeModules }))
process.exit(0)
`,
)

function once(entry: string, count = false): { ms: number; fromNodeModules: number } {
  const args = [child, pathToFileURL(entry).href, ...(count ? ['count'] : [])]
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`loading ${entry} failed:\n${r.stderr}`)
  return JSON.parse(r.stdout) as { ms: number; fromNodeModules: number }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const times = { external: [] as number[], bundled: [] as number[] }
// Also warms the file cache for both.
const files = { external: once(external, true).fromNodeModules, bundled: once(bundled, true).fromNodeModules }
for (let i = 0; i < runs; i++) {
  for (const [name, entry] of [
    ['external', external],
    ['bundled', bundled],
  ] as const) {
    times[name].push(once(entry).ms)
  }
}
const kb = (f: string) => Math.round(statSync(f).size / 1024)
console.log(`Loading out/main/index.js under Node ${process.versions.node}, ${runs} runs each, alternating (median):`)
console.log(
  `  libraries in node_modules (before): ${median(times.external).toFixed(1)} ms, ${files.external} files read from node_modules, index.js ${kb(external)} KB`,
)
console.log(
  `  libraries bundled (now):            ${median(times.bundled).toFixed(1)} ms, ${files.bundled} files read from node_modules, index.js ${kb(bundled)} KB`,
)
rmSync(work, { recursive: true, force: true })
