/**
 * Helpers for the command-line tests: build the CLI when its sources are newer than out/cli, run
 * the real launcher (bin/sedna-stop-sales.cjs) as a child process, and a TCP proxy in front of the
 * simulator so a test can make Sedna unreachable and bring it back on the same port with its records.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net'
import { delimiter, join } from 'node:path'
import { createKeychainStore } from '../../src/main/credentials'
import { projectRoot } from '../harness/server'

export const launcher = join(projectRoot, 'bin', 'sedna-stop-sales.cjs')
const built = join(projectRoot, 'out', 'cli', 'index.js')

function newestMtime(path: string): number {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  return Math.max(st.mtimeMs, ...readdirSync(path).map((n) => newestMtime(join(path, n))))
}

/** `npm test` builds the CLI first (pretest); a lone `vitest run` gets a fresh build here when needed. */
export function ensureCliBuilt(): void {
  const sources = ['src/cli', 'src/main', 'src/shared', 'vite.cli.config.ts'].map((p) => join(projectRoot, p))
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return
  execFileSync(
    process.execPath,
    [
      join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '-c',
      'vite.cli.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  )
}

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** stdout parsed as the one JSON document --json promises. */
  json<T = any>(): T
}

export interface RunOptions {
  /** Replaces the environment entirely when given with `replaceEnv`. */
  env?: Record<string, string | undefined>
  replaceEnv?: boolean
  /** Written to stdin, then stdin is closed (stdin is closed at once without it). */
  input?: string
  /** The Node that starts the launcher (default: this one). */
  node?: string
  timeoutMs?: number
}

/** Every output of every run, for the test that looks for the password in all of them. */
export const transcript: string[] = []

export function runCli(args: string[], opts: RunOptions = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = opts.replaceEnv ? { ...opts.env } : { ...process.env, ...opts.env }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k]
  return new Promise((resolve, reject) => {
    const child = spawn(opts.node ?? process.execPath, [launcher, ...args], {
      cwd: projectRoot,
      env: env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      transcript.push(stdout, stderr)
      resolve({
        code,
        signal,
        stdout,
        stderr,
        json() {
          try {
            return JSON.parse(stdout)
          } catch {
            throw new Error(`not one JSON document (exit ${code}):\n${stdout}\n--- stderr:\n${stderr}`)
          }
        },
      })
    })
    child.stdin.end(opts.input ?? '')
  })
}

/** Starts the launcher and resolves once stdout has a line (for long-running commands like `sim`). */
export function startCli(args: string[], opts: RunOptions = {}) {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env }
  const child = spawn(opts.node ?? process.execPath, [launcher, ...args], {
    cwd: projectRoot,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d
      const nl = stdout.indexOf('\n')
      if (nl >= 0) resolve(stdout.slice(0, nl))
    })
    child.on('exit', (code) => reject(new Error(`exited (${code}) before printing: ${stderr}`)))
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return { child, firstLine, exited, output: () => ({ stdout, stderr }) }
}

/** A Node older than 22 on PATH (outside node_modules), to check the launcher's re-run on the pinned Node. */
export function oldSystemNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules')) continue
    const exe = join(dir, process.platform === 'win32' ? 'node.exe' : 'node')
    if (!existsSync(exe)) continue
    try {
      const v = execFileSync(exe, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
      if (Number(v.split('.')[0]) < 22) return exe
    } catch {
      // not runnable
    }
  }
  return undefined
}

export interface Proxy {
  readonly port: number
  /** Sedna "down": connections are refused. */
  close(): Promise<void>
  /** Sedna "back", on the same port. */
  open(): Promise<void>
}

/** A TCP proxy on 127.0.0.1 in front of `targetPort`. */
export async function startProxy(targetPort: number): Promise<Proxy> {
  let server: Server | undefined
  let port = 0
  const sockets = new Set<Socket>()
  const track = (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  }
  async function open() {
    const srv = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1')
      track(client)
      track(upstream)
      client.on('error', () => upstream.destroy())
      upstream.on('error', () => client.destroy())
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject)
      srv.listen(port, '127.0.0.1', () => resolve())
    })
    port = (srv.address() as AddressInfo).port
    server = srv
  }
  await open()
  return {
    get port() {
      return port
    },
    open,
    async close() {
      const srv = server
      server = undefined
      for (const s of sockets) s.destroy()
      if (srv) await new Promise<void>((resolve) => srv.close(() => resolve()))
    },
  }
}

/** Removes what `profile set` stored in the keychain under `service` (account 1); none there is fine. */
export async function forgetCliPassword(service: string, baseUrl: string, username: string): Promise<void> {
  try {
    await createKeychainStore({ service }).delete({ profileId: 1, baseUrl, username })
  } catch {
    // No keychain on this machine, or it is gone already: nothing was stored, nothing is left.
  }
}
