/**
 * Loopback test harness: serves the built renderer and exposes the same contract the preload
 * exposes, over HTTP (calls) and server-sent events (pushed events), backed by the real services
 * and a real SQLite file. Playwright drives Debian's Chromium against it.
 *
 * Bound to 127.0.0.1 on a random port; every API request needs the per-run token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { openAppContext, type AppContext, type AppContextOptions } from '../../src/main/app-context'
import { createMemoryStore } from '../../src/main/credentials'
import { callNames, eventNames } from '../../src/shared/ipc'

export const projectRoot = resolve(import.meta.dirname, '../..')
export const migrationsFolder = join(projectRoot, 'drizzle')
export const rendererDir = join(projectRoot, 'out', 'renderer')

export interface Harness {
  /** Page URL including the token. */
  readonly url: string
  readonly origin: string
  readonly token: string
  readonly context: AppContext
  close(): Promise<void>
}

const MAX_BODY = 1 << 20
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

/**
 * By default the harness keeps Sedna passwords in memory (the keychain itself is proven by the
 * integration tests) and starts the built-in simulator for a demo profile, as the app does.
 */
export async function startHarness(opts: {
  dataDir: string
  context?: AppContext
  options?: Partial<AppContextOptions>
  /** A built renderer to serve instead of out/renderer (bench:ui compares two builds). */
  rendererDir?: string
}): Promise<Harness> {
  const pageDir = resolve(opts.rendererDir ?? rendererDir)
  const context =
    opts.context ??
    (await openAppContext({
      dataDir: opts.dataDir,
      migrationsFolder,
      version: 'harness',
      credentials: createMemoryStore(),
      ...opts.options,
    }))
  // As the app does at start: whatever waits in the queue goes out, and keeps going out.
  context.start()
  const token = randomBytes(24).toString('hex')
  const bridgeJs =
    `const HARNESS = ${JSON.stringify({ token, calls: callNames, events: eventNames })};\n` +
    readFileSync(join(import.meta.dirname, 'bridge-client.js'), 'utf8')
  const streams = new Set<ServerResponse>()
  const unsubscribe = context.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const res of streams) res.write(frame)
  })

  const tokenOk = (given: string | null | undefined) => {
    if (!given) return false
    const a = Buffer.from(given)
    const b = Buffer.from(token)
    return a.length === b.length && timingSafeEqual(a, b)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `harness error: ${String(err)}`)
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
      if (!tokenOk(url.searchParams.get('t'))) return send(res, 403, 'text/plain', 'token required')
      const html = await readFile(join(pageDir, 'index.html'), 'utf8')
      // The preload's stand-in: a classic script runs before the deferred module bundle, so window.sedna
      // exists in time. At the end of the body, so that it does not hold up the fetching of the page's
      // own scripts and styles (in Electron the preload is there before the page is even asked for).
      const injected = html.replace('</body>', `  <script src="/__harness/bridge.js?t=${token}"></script>\n  </body>`)
      return send(res, 200, types['.html']!, injected)
    }
    if (req.method === 'GET' && path === '/__harness/bridge.js') {
      if (!tokenOk(url.searchParams.get('t'))) return send(res, 403, 'text/plain', 'token required')
      return send(res, 200, types['.js']!, bridgeJs)
    }
    if (req.method === 'GET' && path === '/__harness/events') {
      if (!tokenOk(url.searchParams.get('t'))) return send(res, 403, 'text/plain', 'token required')
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    if (path.startsWith('/__harness/invoke/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only')
      if (!tokenOk(req.headers['x-harness-token'] as string | undefined)) {
        return send(res, 403, 'text/plain', 'token required')
      }
      const channel = decodeURIComponent(path.slice('/__harness/invoke/'.length))
      let input: unknown
      try {
        input = JSON.parse(await readBody(req))
      } catch {
        return send(res, 400, 'text/plain', 'body must be JSON')
      }
      const result = await context.dispatch(channel, input)
      return send(res, 200, 'application/json', JSON.stringify(result))
    }
    if (req.method === 'GET' && path.startsWith('/assets/')) {
      const file = normalize(join(pageDir, path))
      if (!file.startsWith(pageDir + sep)) return send(res, 404, 'text/plain', 'not found')
      try {
        const body = await readFile(file)
        return send(res, 200, types[extname(file)] ?? 'application/octet-stream', body)
      } catch {
        return send(res, 404, 'text/plain', 'not found')
      }
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end()
      return
    }
    return send(res, 404, 'text/plain', 'not found')
  }

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/?t=${token}`,
    origin,
    token,
    context,
    async close() {
      unsubscribe()
      for (const res of streams) res.end()
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
      if (!opts.context) await context.close()
    },
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  res.end(body)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        fail(new Error('body too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')))
    req.on('error', fail)
  })
}
