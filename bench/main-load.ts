/**
 * What loading the main process costs, with its pure-JS libraries bundled into out/main (as built now)
 * against the same code with them left in node_modules (SEDNA_MAIN_EXTERNAL=1, as before #16). Each run is
 * a fresh Node (the one the scripts pin, as Electron 45 embeds Node 24) that imports out/main/index.js with
 * `electron` replaced by a stand-in whose app never gets ready: what is timed is reading, parsing and
 * evaluating the modules up to the first await. Runs alternate between the two builds; medians printed,
 * with the files each loads from node_modules and the bundle's size. Asserts nothing.
 * Usage: npm run bench:main-load [-- RUNS]
 */
import { execSync } from 'node:child_process'
import { cpSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { prepareMainLoad } from '../test/support/main-load'

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

const load = prepareMainLoad(work)

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const times = { external: [] as number[], bundled: [] as number[] }
// Also warms the file cache for both.
const files = {
  external: load(external, 'count').fromNodeModules,
  bundled: load(bundled, 'count').fromNodeModules,
}
for (let i = 0; i < runs; i++) {
  for (const [name, entry] of [
    ['external', external],
    ['bundled', bundled],
  ] as const) {
    times[name].push(load(entry).ms)
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
