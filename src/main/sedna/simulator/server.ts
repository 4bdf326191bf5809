/**
 * The simulator's HTTP server: a real loopback server that routes `/SednaAgencyb2bApi/api/...`
 * like ASP.NET Web API, logs every request, injects faults and answers from the in-memory model.
 *
 * Order per request: log → global latency → routing (404/405 win over everything) → count the call
 * and apply faults → authentication (401) → content type (415) → the action.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import {
  type Reply,
  exception,
  badRequest,
  methodNotAllowed,
  notFound,
  unauthorized,
  unsupportedMediaType,
} from './aspnet'
import { Sessions } from './auth'
import { BindingError, queryValue } from './binding'
import { drip, FaultBook, faultReply, streamHuge } from './faults'
import { ReservationStore } from './reservations'
import { type Route, type SimState, routes } from './routes'
import { defaultSeed } from './seed'
import { StopSaleStore } from './stop-sales'
import type { Simulator, SimulatorOptions, SimRequest } from './types'

export const BASE_PATH = '/SednaAgencyb2bApi'
const DEFAULT_USERS = [{ username: 'demo', password: 'demo', operatorId: 571 }]
const MAX_BODY = 10 * 1024 * 1024
const knownControllers = new Set(Object.keys(routes).map((key) => key.split('/')[0]))

type Routing = { kind: 'ok'; key: string; route: Route } | { kind: 'refused'; reply: Reply }

/** A URI as .NET's Uri.ToString() shows it: percent-escapes decoded (as far as they decode). */
function shownUri(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return raw
  }
}

/** Case-insensitive, like Web API; anything but exactly base/api/controller/action is a 404. */
function resolveRoute(method: string, path: string, requestUri: string): Routing {
  const m = /^\/sednaagencyb2bapi\/api\/([^/]+)\/([^/]+)\/?$/i.exec(path)
  if (!m) return { kind: 'refused', reply: notFound(requestUri, 'No route data was found for this request.') }
  const [, controller = '', action = ''] = m
  const key = `${controller}/${action}`.toLowerCase()
  const route = routes[key]
  if (!route) {
    const detail = knownControllers.has(controller.toLowerCase())
      ? `No action was found on the controller '${controller}' that matches the request.`
      : `No type was found that matches the controller named '${controller}'.`
    return { kind: 'refused', reply: notFound(requestUri, detail) }
  }
  if (method !== route.method) return { kind: 'refused', reply: methodNotAllowed(method, route.method) }
  return { kind: 'ok', key, route }
}

const isJsonType = (type: string | undefined) => !!type && /^\s*(application|text)\/([\w.+-]*\+)?json\b/i.test(type)

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) req.destroy(new Error('body too large'))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted by the client'))
    })
  })
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const seed = opts.seed ?? defaultSeed()
  const clock = opts.clock ?? Date.now
  const state: SimState = {
    seed,
    sessions: new Sessions(opts.users ?? DEFAULT_USERS),
    stopSales: new StopSaleStore(seed, opts.firstRecId ?? 823259, clock),
    reservations: new ReservationStore(clock),
    shapes: {
      lists: opts.shapes?.lists ?? 'bare',
      hotelIdField: opts.shapes?.hotelIdField ?? 'RecId',
      hotelNameField: opts.shapes?.hotelNameField ?? 'Name',
      omitFields: [...(opts.shapes?.omitFields ?? [])],
    },
  }
  const faults = new FaultBook()
  let log: SimRequest[] = []
  const sockets = new Set<Socket>()
  const pendingSleeps = new Set<() => void>()
  let closing = false

  /** A delay that close() cuts short, so close() never waits for a latency fault. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer)
        pendingSleeps.delete(finish)
        resolve()
      }
      const timer = setTimeout(finish, ms)
      pendingSleeps.add(finish)
    })

  function send(entry: SimRequest, res: ServerResponse, reply: Reply): void {
    entry.status = reply.status
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) })
    res.end(reply.body)
    entry.answeredAt = Date.now()
  }

  /** Promise the whole real answer, deliver half of it, then close the connection. */
  function sendTruncated(entry: SimRequest, res: ServerResponse, reply: Reply): void {
    entry.status = reply.status
    const full = Buffer.from(reply.body)
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(full.length) })
    res.write(full.subarray(0, Math.max(1, Math.floor(full.length / 2))), () => res.socket?.destroy())
  }

  /** Authentication, content type, then the action itself. */
  function perform(route: Route, req: IncomingMessage, query: URLSearchParams, body: string): Reply {
    let operatorId = 0
    if (route.auth === 'session') {
      const fromCookie = state.sessions.operatorOf(req.headers)
      if (fromCookie === null) return unauthorized()
      operatorId = fromCookie
    } else if (route.auth === 'query') {
      const user = state.sessions.userFor(queryValue(query, 'username'), queryValue(query, 'password'))
      if (!user) return unauthorized()
      operatorId = user.operatorId
    }
    const type = req.headers['content-type']
    if (route.jsonBody && body.trim() !== '' && !isJsonType(type)) {
      // Without a Content-Type, Web API treats the body as application/octet-stream.
      return unsupportedMediaType(type?.split(';')[0]?.trim() || 'application/octet-stream')
    }
    try {
      return route.handle({ state, query, body, operatorId })
    } catch (err) {
      if (err instanceof BindingError) return badRequest(err.parameter, err.message)
      throw err
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const body = await readBody(req)
    const method = req.method ?? 'GET'
    const entry: SimRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      status: 0,
      at,
    }
    log.push(entry)
    if (opts.latencyMs) await sleep(opts.latencyMs)
    if (closing) return

    // Web API quotes the request URI in its 404 as .NET's Uri.ToString() prints it: decoded.
    const requestUri = shownUri(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? ''}`)
    const routing = resolveRoute(method, url.pathname, requestUri)
    if (routing.kind === 'refused') return send(entry, res, routing.reply)

    const plan = faults.next(routing.key)
    if (plan.latencyMs > 0) await sleep(plan.latencyMs)
    if (closing) return
    const fault = plan.fault
    switch (fault?.kind) {
      case 'reset':
        req.socket.destroy()
        return
      case 'hang':
        return // left open; close() destroys the socket
      case 'http-500':
      case 'status':
      case 'non-json':
      case 'error-type':
      case 'refused':
        return send(entry, res, faultReply(fault, requestUri))
      case 'not-found':
        return send(entry, res, notFound(requestUri, 'No action was found on the controller that matches the request.'))
    }

    const reply = perform(routing.route, req, url.searchParams, body)
    if (fault?.kind === 'drop-response') {
      req.socket.destroy() // the write above happened; its answer is lost
      return
    }
    // 'truncated' cuts the real answer (200 for a normal call): like a connection lost mid-response,
    // the call WAS applied.
    if (fault?.kind === 'truncated') return sendTruncated(entry, res, reply)
    if (fault?.kind === 'huge') {
      entry.status = 200
      return streamHuge(res, fault.bytes, fault.contentLength ?? false)
    }
    if (fault?.kind === 'drip') {
      entry.status = 200
      return drip(res, fault.intervalMs)
    }
    if (fault?.kind === 'late-answer') {
      await sleep(fault.ms)
      if (closing) return
    }
    send(entry, res, reply)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return void res.socket?.destroy()
      const reply = exception('System.Exception', `simulator: ${String(err)}`, 'Sedna.Simulator')
      res.writeHead(reply.status, reply.headers).end(reply.body)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  let closed: Promise<void> | null = null

  return {
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    port,
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    expireSessions: () => state.sessions.expireAll(),
    stopSales: () => state.stopSales.all(),
    reservations: () => state.reservations.all(),
    // One store for every user of every account: what one person changes, all see (as in Sedna).
    ui: {
      editStopSale: (recId, changes) => state.stopSales.editByHand(recId, changes),
      deleteStopSale: (recId) => state.stopSales.deleteByHand(recId),
      enterStopSale: (user, entry) => state.stopSales.enterByHand(user, entry),
      editReservation: (recId, changes) => state.reservations.editByHand(recId, changes),
      cancelReservation: (recId) => state.reservations.cancelByHand(recId),
      deleteReservation: (recId) => state.reservations.deleteByHand(recId),
      enterReservation: (user, entry) => state.reservations.enterByHand(user, entry),
    },
    requests: () => log.map((entry) => structuredClone(entry)),
    reset() {
      state.stopSales.clear()
      state.reservations.clear()
      state.sessions.expireAll()
      faults.clear()
      faults.resetCounters()
      log = []
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true
        for (const finish of [...pendingSleeps]) finish()
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
      return closed
    },
  }
}
