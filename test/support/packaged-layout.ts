/**
 * What a packaged app must look like (#16 item 4), as a list of problems (empty: as it should be). Read
 * from the unpacked app electron-builder wrote (`--dir`): resources/app.asar, its .unpacked folder and the
 * executable's fuse wire. Used by test/integration/packaging.test.ts on the Linux app it packs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { extractFile, listPackage, statFile } from '@electron/asar'

export interface Expected {
  /** The project's package.json: its `main`, and the devDependencies that must not be packed. */
  pkg: { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> }
  /** The migrations folder's files (drizzle/ of the project). */
  migrations: string[]
  /** Native modules that must be unpacked: a file path inside the app, e.g. node_modules/keytar/build/Release/keytar.node. */
  nativeFiles: string[]
  /** Packages that may be in the asar though the project lists them as devDependencies: a production dependency needs them. */
  devAlsoNeeded?: string[]
}

/** The six fuses electron-builder.yml sets, by their index in Electron's fuse wire V1, and the state each must have. */
export const EXPECTED_FUSES = [
  { index: 0, name: 'RunAsNode', on: false },
  { index: 1, name: 'EnableCookieEncryption', on: true },
  { index: 2, name: 'EnableNodeOptionsEnvironmentVariable', on: false },
  { index: 3, name: 'EnableNodeCliInspectArguments', on: false },
  { index: 4, name: 'EnableEmbeddedAsarIntegrityValidation', on: true },
  { index: 5, name: 'OnlyLoadAppFromAsar', on: true },
] as const

/** Electron's fuse wire marker: the sentinel, then version (1), length, and one byte per fuse ('0' off, '1' on). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

export function readFuseWire(executable: string): number[] {
  const bytes = readFileSync(executable)
  const at = bytes.indexOf(FUSE_SENTINEL)
  if (at < 0) throw new Error(`${executable} has no fuse wire`)
  const start = at + FUSE_SENTINEL.length
  const length = bytes[start + 1] ?? 0
  return [...bytes.subarray(start + 2, start + 2 + length)]
}

export function packagedLayoutProblems(appOutDir: string, executableName: string, expected: Expected): string[] {
  const problems: string[] = []
  const resources = join(appOutDir, 'resources')
  const asar = join(resources, 'app.asar')
  if (!existsSync(asar)) return [`no resources/app.asar in ${appOutDir}`]
  // '/out/main/index.js' → 'out/main/index.js'
  const entries = new Set(listPackage(asar, { isPack: false }).map((p) => p.replaceAll('\\', '/').replace(/^\//, '')))

  // The app itself: package.json with the right main, the built code, the migrations.
  let packedPkg: { main?: string } = {}
  try {
    packedPkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main?: string }
  } catch {
    problems.push('app.asar holds no readable package.json')
  }
  if (packedPkg.main !== expected.pkg.main) {
    problems.push(`app.asar's package.json has main ${String(packedPkg.main)}, not ${expected.pkg.main}`)
  }
  const main = expected.pkg.main.replace(/^\.\//, '')
  for (const file of [main, 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/icon.png']) {
    if (!entries.has(file)) problems.push(`app.asar lacks ${file}`)
  }
  for (const file of expected.migrations) {
    if (!entries.has(`drizzle/${file}`)) problems.push(`app.asar lacks the migration drizzle/${file}`)
  }

  // Native modules: in the asar's header as unpacked, and their files beside it.
  for (const file of [...entries].filter((e) => e.endsWith('.node'))) {
    const unpacked = (statFile(asar, file) as { unpacked?: boolean }).unpacked === true
    if (!unpacked) problems.push(`${file} is packed inside app.asar: a native module cannot load from there`)
  }
  for (const file of expected.nativeFiles) {
    if (!entries.has(file)) problems.push(`app.asar does not list ${file}`)
    if (!existsSync(join(resources, 'app.asar.unpacked', file))) problems.push(`${file} is not in app.asar.unpacked`)
  }

  // Nothing that is not the app's: sources, tests, benchmarks, the command line, source maps, devDependencies.
  for (const dir of ['src/', 'test/', 'bench/', 'e2e/', 'scripts/', 'out/cli/', 'dist/', '.ci/']) {
    if ([...entries].some((e) => e.startsWith(dir))) problems.push(`app.asar holds ${dir}`)
  }
  if ([...entries].some((e) => e.endsWith('.map'))) problems.push('app.asar holds source maps')
  const allowedDev = new Set(expected.devAlsoNeeded ?? [])
  for (const name of Object.keys(expected.pkg.devDependencies)) {
    if (allowedDev.has(name)) continue
    if (entries.has(`node_modules/${name}/package.json`)) problems.push(`app.asar holds the devDependency ${name}`)
  }
  for (const name of Object.keys(expected.pkg.dependencies)) {
    if (!entries.has(`node_modules/${name}/package.json`)) problems.push(`app.asar lacks the dependency ${name}`)
  }

  // The executable, renamed from electron, with the fuses set.
  const executable = join(appOutDir, executableName)
  if (!existsSync(executable)) {
    problems.push(`no executable ${executableName} in ${readdirSync(appOutDir).join(', ')}`)
  } else {
    const wire = readFuseWire(executable)
    for (const fuse of EXPECTED_FUSES) {
      const want = fuse.on ? 0x31 : 0x30
      if (wire[fuse.index] !== want) problems.push(`fuse ${fuse.name} is not ${fuse.on ? 'on' : 'off'}`)
    }
  }
  return problems
}
