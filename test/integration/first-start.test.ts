/**
 * #16 item 1: `npm start` / `npm run dev` first make sure Electron's binary is there
 * (scripts/ensure-electron.cjs runs Electron's own install script). Where the download cannot happen —
 * this machine has no internet — ONE line says why and what to do, with a non-zero exit and no stack
 * trace. Run in a copy of the project's layout (the script, and the real electron package's install
 * script and its dependencies), with ELECTRON_MIRROR pointed at loopback servers that fail in known
 * ways, so the path is the same on a machine that has internet (or an installed binary) too.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const root = join(__dirname, '..', '..')
const electronPkg = join(root, 'node_modules', 'electron')
const version = (JSON.parse(readFileSync(join(electronPkg, 'package.json'), 'utf8')) as { version: string }).version

let project: string
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'sedna-first-start-'))
  mkdirSync(join(project, 'scripts'))
  cpSync(join(root, 'scripts', 'ensure-electron.cjs'), join(project, 'scripts', 'ensure-electron.cjs'))
  const electron = join(project, 'node_modules', 'electron')
  mkdirSync(electron, { recursive: true })
  for (const f of ['package.json', 'install.js', 'checksums.json']) cpSync(join(electronPkg, f), join(electron, f))
  // install.js's own dependencies, from the real node_modules.
  for (const dep of ['@electron', '@electron-internal']) {
    symlinkSync(join(root, 'node_modules', dep), join(project, 'node_modules', dep), 'dir')
  }
})
afterAll(() => rmSync(project, { recursive: true, force: true }))

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))))
  rmSync(join(project, 'node_modules', 'electron', 'dist'), { recursive: true, force: true })
  rmSync(join(project, 'node_modules', 'electron', 'path.txt'), { force: true })
})

/** A loopback "mirror" answering every request with `handler`; its URL. */
async function mirror(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

/**
 * Runs the script as `npm start` does (Node, cwd the project), with its own empty download cache.
 * Asynchronously: the loopback mirrors answer from this same process.
 */
async function ensure(env: Record<string, string>) {
  const cache = mkdtempSync(join(tmpdir(), 'sedna-electron-cache-'))
  try {
    const child = spawn(process.execPath, [join(project, 'scripts', 'ensure-electron.cjs')], {
      cwd: project,
      env: { PATH: process.env.PATH ?? '', HOME: cache, electron_config_cache: cache, ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const [status] = (await once(child, 'close')) as [number | null]
    return { status, lines: stderr.split('\n').filter(Boolean), stdout }
  } finally {
    rmSync(cache, { recursive: true, force: true })
  }
}

function expectOneClearLine(lines: string[], reason: RegExp) {
  // A progress line, then the one line that says why and what to do; nothing else, no stack frame.
  expect(lines).toHaveLength(2)
  expect(lines[0]).toBe(
    `Sedna Stop Sales: downloading Electron ${version} (first start only) from ${lines[0]!.split(' from ')[1]}`,
  )
  expect(lines[1]).toMatch(
    new RegExp(
      `^Sedna Stop Sales cannot start: the Electron ${version.replace(/\./g, '\\.')} binary is not installed and could not be downloaded \\(`,
    ),
  )
  expect(lines[1]).toMatch(reason)
  expect(lines[1]).toContain('set ELECTRON_MIRROR to a mirror it can reach')
  expect(lines[1]).toContain('then run `npm start` again.')
  for (const line of lines) expect(line).not.toMatch(/^\s*at |node:internal|\.js:\d+/)
}

describe('first start: the Electron binary', { timeout: 90_000 }, () => {
  it('nothing listening at the mirror: one clear line, exit 1', async () => {
    const url = await mirror(() => undefined)
    servers.pop()!.close() // its port is closed now: the connection is refused
    const run = await ensure({ ELECTRON_MIRROR: url })
    expect(run.status).toBe(1)
    expectOneClearLine(run.lines, /\(fetch failed\)/)
  })

  it('the mirror answers 404: the reason names it', async () => {
    const url = await mirror((_req, res) => res.writeHead(404).end('not here'))
    const run = await ensure({ ELECTRON_MIRROR: url })
    expect(run.status).toBe(1)
    expectOneClearLine(run.lines, /404/)
  })

  it('the mirror never answers: ended by the deadline, said in seconds', async () => {
    const url = await mirror(() => undefined) // accepts, never answers
    const run = await ensure({ ELECTRON_MIRROR: url, SEDNA_ELECTRON_TIMEOUT_MS: '2000' })
    expect(run.status).toBe(1)
    expectOneClearLine(run.lines, /\(no answer within 2 s\)/)
  })

  it('already installed: exit 0, nothing said, nothing asked of the network', async () => {
    let asked = 0
    const url = await mirror((_req, res) => (asked++, res.writeHead(404).end()))
    const electron = join(project, 'node_modules', 'electron')
    mkdirSync(join(electron, 'dist'))
    writeFileSync(join(electron, 'dist', 'version'), `v${version}`)
    writeFileSync(join(electron, 'dist', 'electron'), '')
    writeFileSync(join(electron, 'path.txt'), 'electron')
    const run = await ensure({ ELECTRON_MIRROR: url })
    expect(run).toMatchObject({ status: 0, lines: [], stdout: '' })
    expect(asked).toBe(0)

    // Another version's binary is not this one: it is fetched again (and fails here, said as above).
    writeFileSync(join(electron, 'dist', 'version'), 'v1.0.0')
    const again = await ensure({ ELECTRON_MIRROR: url })
    expect(again.status).toBe(1)
    expect(asked).toBeGreaterThan(0)
  })

  it('npm start and npm run dev run it before electron-vite', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(scripts.start).toMatch(/^node scripts\/ensure-electron\.cjs && electron-vite preview$/)
    expect(scripts.dev).toMatch(/^node scripts\/ensure-electron\.cjs && electron-vite dev$/)
  })
})
