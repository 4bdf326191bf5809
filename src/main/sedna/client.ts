/**
 * The one module that speaks Sedna's Agency B2B API over HTTP (undici). Paths, methods and the
 * `Integratiion` spelling are the vendor's (../shared/sedna-api.md); response shapes are guesses,
 * read leniently in responses.ts. One client per profile: a keep-alive pool, one login (session
 * cookie) shared by all calls, re-login once on a 401.
 *
 * Every request has an overall deadline and a cap on the answer's size (SednaLimits), so a server that
 * drips or floods can neither hang a sync nor fill memory; abort() cancels what is in flight (quit).
 */
import { request, type Dispatcher } from 'undici'
import type { z } from 'zod'
import { createDispatcher, DIRECT, proxyRoute, type Env, type ProxyRoute } from './dispatcher'
import { sednaFailure, SednaError, type Delivery, type SednaFailureKind } from './failures'
import { REDACTED, redactEcho, redactText } from './redact'
import {
  cancelledFailure,
  deadlineFailure,
  httpFailure,
  snippet,
  tooLargeFailure,
  transportFailure,
} from './request-failures'
import {
  boardSchema,
  countrySchema,
  hotelRoomTypeSchema,
  hotelSchema,
  listItems,
  looseItemSchema,
  operatorSchema,
  resultSchema,
  roomTypeSchema,
  stopSaleRecordSchema,
  type SednaBoard,
  type SednaCountry,
  type SednaHotel,
  type SednaHotelRoomType,
  type SednaOperator,
  type SednaRoomType,
  type SednaStopSaleRecord,
} from './responses'

export interface SednaTimeouts {
  connectMs: number
  headersMs: number
  bodyMs: number
}

/** One kind of request's overall deadline (connect to last byte) and the largest answer it reads. */
export interface SednaLimit {
  maxBytes: number
  deadlineMs: number
}

/**
 * - write: saves (UpdateStopSale, InsertReservation, the cancel) and the login. Their answer is
 *   `{"ErrorType":0,"Message":…,"RecId":…}` — under 1 KiB; an IIS/.NET error page is tens of KiB — so
 *   1 MiB is ample. 60 s: twice the headers timeout, so a Sedna that is slow but working gets its answer
 *   through, while a save that drips never holds the item (and its claim) for long.
 * - list: reference lists and look-ups. The largest, every room type of every hotel of a big agency, is
 *   some 100,000 × 200 bytes = 20 MB; 64 MiB leaves room and still bounds memory (the text, then the
 *   parsed list). 120 s: 64 MiB at 5 Mbit/s takes about 110 s.
 * - probe: the reachability check; its answer is not read (at most 64 KiB is drained). 15 s.
 * The claim's lease (sync/leased-queue.ts) is derived from these defaults, so a client refuses longer ones.
 */
export interface SednaLimits {
  write: SednaLimit
  list: SednaLimit
  probe: SednaLimit
}

const MiB = 1024 * 1024
export const DEFAULT_LIMITS: SednaLimits = {
  write: { maxBytes: 1 * MiB, deadlineMs: 60_000 },
  list: { maxBytes: 64 * MiB, deadlineMs: 120_000 },
  probe: { maxBytes: 64 * 1024, deadlineMs: 15_000 },
}

export interface SednaClientOptions {
  baseUrl: string
  username: string
  /** Read when a login is needed (the keychain), so it is held in memory as briefly as possible. */
  password: () => Promise<string>
  timeouts?: Partial<SednaTimeouts>
  /** Per kind of request; at most the defaults (tests use small ones). */
  limits?: Partial<SednaLimits>
  /** Keep-alive connections to Sedna; the sync engine's concurrency should not exceed it. */
  connections?: number
  /** The proxy from Settings (for every request); null/absent: the environment decides. */
  proxyUrl?: string | null
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read (default: this process's environment). */
  env?: Env
  /** No proxy whatever the environment says (the built-in demo server lives on this computer). */
  direct?: boolean
  /** CA certificates to trust instead of Node's and the operating system's (tests). */
  ca?: string[]
  /** Every request and its outcome, redacted: for attempt history and logs. */
  onExchange?: (exchange: SednaExchange) => void
}

export interface SednaExchange {
  action: string
  method: string
  /** Redacted URL. */
  url: string
  requestBody?: string
  status?: number
  responseBody?: string
  durationMs: number
  error?: { kind: SednaFailureKind; message: string; delivery: Delivery; coded?: SednaError['coded'] }
}

/** An exchange's failure as the attempt history stores it (its code too, when it has one). */
const exchangeError = (f: SednaError): NonNullable<SednaExchange['error']> => ({
  kind: f.kind,
  message: f.message,
  delivery: f.delivery,
  ...(f.coded ? { coded: f.coded } : {}),
})

export interface CallOptions {
  signal?: AbortSignal
  /** This call's exchanges (including a re-login), e.g. to store with a sync attempt. */
  onExchange?: (exchange: SednaExchange) => void
}

/** A list answer, plus how many items could not be read (missing id or name): never silently lost. */
export interface ListResult<T> {
  items: T[]
  skipped: number
}

export interface StopSaleChild {
  State: number
  StopSaleId: number
}
/** The UpdateStopSale body, field for field as in the vendor's samples. */
export interface UpdateStopSaleBody {
  RecId: number
  HotelId: number
  BeginDate: string
  EndDate: string
  DeclareDate: string
  Active: number
  RecordUser: string
  RecordSource: number
  StopType: number
  Authority: number
  RoomRemark: string
  OperatorRemark: string
  BoardRemark: string
  State: number
  StopSaleRooms: Array<StopSaleChild & { RoomTypeId: number }>
  StopSaleOperators: Array<StopSaleChild & { OperatorId: number }>
  StopSaleBoards: Array<StopSaleChild & { BoardId: number }>
  StopSaleMarkets: Array<StopSaleChild & { MarketId: number }>
}

export interface CheckStopSaleStateBody {
  hotelId: number
  beginDate: string
  endDate: string
  operatorList: number[]
  roomList: number[]
  boardList: number[]
}

export interface StopSaleListQuery {
  recordDateBegin?: string
  recordDateEnd?: string
  stopDateBegin?: string
  stopDateEnd?: string
  hotelId?: number
}

/** Per phase of a request; the overall deadline (SednaLimits) caps the whole. */
export const DEFAULT_TIMEOUTS: SednaTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 }
const MAX_LOGGED_BODY = 64 * 1024

/**
 * `http://host/SednaAgencyb2bApi`, `…/SednaAgencyb2bApi/api` and `…/api/` all mean the same base.
 * Returns the base without the trailing `/api`, or throws a message staff can act on.
 */
export function normalizeBaseUrl(input: string): string {
  const trimmed = input.trim()
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new Error(`"${trimmed}" is not a web address. Enter it like http://test.kodsedna.com/SednaAgencyb2bApi`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The Sedna address must start with http:// or https:// (got ${url.protocol}//).`)
  }
  if (url.username || url.password) throw new Error('Do not put a username or password in the Sedna address.')
  url.search = ''
  url.hash = ''
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/i, '')
  return `${url.origin}${path}`
}

export class SednaClient {
  readonly baseUrl: string
  /** How requests reach Sedna (directly or through which proxy). */
  readonly route: ProxyRoute
  private readonly agent: Dispatcher
  private readonly opts: SednaClientOptions
  private readonly limits: SednaLimits
  private cookies = new Map<string, string>()
  private loginInFlight: Promise<number> | undefined
  /** One controller per request in flight, so abort() can cancel them all. */
  private readonly inFlight = new Set<AbortController>()
  private aborted = false
  /** The operator id Sedna returned at the last login. */
  operatorId: number | undefined

  constructor(opts: SednaClientOptions) {
    this.opts = opts
    this.baseUrl = normalizeBaseUrl(opts.baseUrl)
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits }
    for (const kind of Object.keys(DEFAULT_LIMITS) as (keyof SednaLimits)[]) {
      if (!(this.limits[kind].deadlineMs <= DEFAULT_LIMITS[kind].deadlineMs)) {
        throw new RangeError(
          `The ${kind} deadline may not exceed ${DEFAULT_LIMITS[kind].deadlineMs} ms (the claim's lease is derived from it).`,
        )
      }
    }
    this.route = opts.direct ? DIRECT : proxyRoute(opts.proxyUrl, opts.env ?? process.env)
    const t = { ...DEFAULT_TIMEOUTS, ...opts.timeouts }
    this.agent = createDispatcher({
      route: this.route,
      connections: opts.connections ?? 8,
      connectTimeoutMs: t.connectMs,
      headersTimeoutMs: t.headersMs,
      bodyTimeoutMs: t.bodyMs,
      ca: opts.ca,
    })
  }

  /**
   * Is Sedna there? One plain GET of the base address with no cookie and no credentials: any HTTP
   * answer, 401 or 404 included, means reachable. Rejects with the failure otherwise (refused, DNS,
   * timeout, certificate).
   */
  async reachable(options: CallOptions = {}): Promise<void> {
    await this.send('', 'GET', { options, authenticated: false, limit: 'probe', writes: false, probe: true })
  }

  /** Cancels every call in flight, and any later one: the app is closing. */
  abort(): void {
    this.aborted = true
    for (const controller of this.inFlight) controller.abort()
  }

  /** Logs in (AgencyLogin) and returns the agency's operator id. */
  async login(options: CallOptions = {}): Promise<number> {
    this.loginInFlight ??= this.doLogin(options).finally(() => (this.loginInFlight = undefined))
    return this.loginInFlight
  }

  private async doLogin(options: CallOptions): Promise<number> {
    const password = await this.opts.password()
    this.cookies.clear()
    const body = await this.send('Integratiion/AgencyLogin', 'GET', {
      query: { username: this.opts.username, password: new Secret(password) },
      options,
      authenticated: false,
      limit: 'write',
      writes: false,
    })
    const result = this.readResult('Integratiion/AgencyLogin', body, 'rejected')
    if (result.ErrorType !== 0 && result.ErrorType != null) {
      throw sednaFailure('auth', 'Integratiion/AgencyLogin', 'rejected', {
        message: `Sedna rejected the username or password${result.Message ? `: ${result.Message}` : ''}. Check them in Settings.`,
        errorType: result.ErrorType,
        sednaMessage: result.Message,
        coded: result.Message
          ? { code: 'sednaFailure.loginRejectedSaying', params: { reason: result.Message } }
          : { code: 'sednaFailure.loginRejected', params: {} },
      })
    }
    const operatorId = Number(result.RecId)
    if (!Number.isInteger(operatorId) || operatorId <= 0) {
      throw sednaFailure('malformed', 'Integratiion/AgencyLogin', 'rejected', {
        message: 'Sedna accepted the login but did not say which operator this account belongs to (no RecId).',
        coded: { code: 'sednaFailure.loginNoOperator', params: {} },
      })
    }
    if (this.cookies.size === 0) {
      // Later calls carry no credentials: without a session cookie they would all get 401.
      throw sednaFailure('malformed', 'Integratiion/AgencyLogin', 'rejected', {
        message: 'Sedna accepted the login but sent no session cookie, so later calls cannot be authorised.',
        coded: { code: 'sednaFailure.loginNoSession', params: {} },
      })
    }
    this.operatorId = operatorId
    return operatorId
  }

  getHotels(operatorId: number, options?: CallOptions): Promise<ListResult<SednaHotel>> {
    return this.list('Integratiion/GetHotelList', 'POST', hotelSchema, {
      query: { operatorId, isActive: 'true' },
      options,
    })
  }

  getRoomTypes(operatorId: number, options?: CallOptions): Promise<ListResult<SednaRoomType>> {
    return this.list('Integratiion/GetRoomTypeList', 'POST', roomTypeSchema, { query: { operatorId }, options })
  }

  getHotelRoomTypes(hotelIds: readonly number[], options?: CallOptions): Promise<ListResult<SednaHotelRoomType>> {
    return this.list('Service1/GetHotelRoomTypelistAll', 'POST', hotelRoomTypeSchema, { json: hotelIds, options })
  }

  getBoards(options?: CallOptions): Promise<ListResult<SednaBoard>> {
    return this.list('Service2/GetBoardList', 'GET', boardSchema, { options })
  }

  getOperators(options?: CallOptions): Promise<ListResult<SednaOperator>> {
    return this.list('Integratiion/GetOperators', 'GET', operatorSchema, { options })
  }

  getCountries(options?: CallOptions): Promise<ListResult<SednaCountry>> {
    return this.list('Integratiion/GetCountrys', 'POST', countrySchema, { options })
  }

  /** Phase 1 (RecId 0, no children) creates and returns the new RecId; phase 2 replaces. */
  async updateStopSale(body: UpdateStopSaleBody, options?: CallOptions): Promise<{ recId: number }> {
    const action = 'Contract/UpdateStopSale'
    const answer = await this.call(action, 'PUT', { json: body, options, limit: 'write', writes: true })
    const result = this.readResult(action, answer, 'unknown')
    this.assertNoError(action, result)
    const recId = Number(result.RecId)
    if (Number.isInteger(recId) && recId > 0) return { recId }
    // An update may well answer without repeating the id; a create may not.
    if (body.RecId > 0) return { recId: body.RecId }
    // A "success" without an id cannot be followed by phase 2: treat it as not knowing what happened.
    throw sednaFailure('malformed', action, 'unknown', {
      message: `Sedna answered the stop-sale save without a record id (RecId: ${JSON.stringify(result.RecId ?? null)}).`,
      coded: { code: 'sednaFailure.saveNoRecId', params: { value: JSON.stringify(result.RecId ?? null) } },
    })
  }

  async checkStopSaleState(body: CheckStopSaleStateBody, options?: CallOptions): Promise<unknown> {
    return this.call('Contract/CheckStopSaleState', 'POST', { json: body, options, limit: 'list', writes: false })
  }

  getStopSaleList(query: StopSaleListQuery, options?: CallOptions): Promise<ListResult<SednaStopSaleRecord>> {
    return this.list('Integratiion/GetStopSaleList', 'POST', stopSaleRecordSchema, { query: { ...query }, options })
  }

  getStopSaleListWithUpdateDate(
    query: StopSaleListQuery,
    options?: CallOptions,
  ): Promise<ListResult<SednaStopSaleRecord>> {
    return this.list('Integratiion/GetStopSaleListWithUpdateDate', 'POST', stopSaleRecordSchema, {
      query: { ...query },
      options,
    })
  }

  /** The one call the vendor authenticates with query credentials; one array element per room. */
  async insertReservation(
    voucherNo: string,
    rooms: readonly unknown[],
    options?: CallOptions,
  ): Promise<{ recIds: number[] }> {
    const action = 'Integratiion/InsertReservation'
    const password = await this.opts.password()
    const answer = await this.send(action, 'POST', {
      query: { username: this.opts.username, password: new Secret(password), voucherNo },
      json: rooms,
      options: options ?? {},
      authenticated: false,
      limit: 'write',
      writes: true,
    })
    const items = Array.isArray(answer) ? answer : [answer]
    const recIds: number[] = []
    for (const item of items) {
      const result = this.readResult(action, item, 'unknown')
      this.assertNoError(action, result)
      const recId = Number(result.RecId)
      if (Number.isInteger(recId) && recId > 0) recIds.push(recId)
    }
    if (recIds.length === 0) {
      throw sednaFailure('malformed', action, 'unknown', {
        message: 'Sedna answered the reservation without a record id.',
        coded: { code: 'sednaFailure.reservationNoRecId', params: {} },
      })
    }
    return { recIds }
  }

  getReservations(
    filter: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<ListResult<Record<string, unknown>>> {
    return this.list('Integratiion/GetReservations', 'POST', looseItemSchema, { json: filter, options })
  }

  getReservationByVoucher(
    voucher: string,
    operatorId: number,
    options?: CallOptions,
  ): Promise<ListResult<Record<string, unknown>>> {
    return this.list('Reservation/GetReservationByVoucher', 'GET', looseItemSchema, {
      query: { voucher, operatorId },
      options,
    })
  }

  async cancelReservationBySourceId(operatorId: number, sourceId: string, options?: CallOptions): Promise<void> {
    const action = 'Integratiion/CancelReservationBySourcId' // sic: the vendor's spelling
    const answer = await this.call(action, 'POST', {
      query: { operatorId, sourceId },
      options,
      limit: 'write',
      writes: true,
    })
    this.assertNoError(action, this.readResult(action, answer, 'unknown'))
  }

  async close(): Promise<void> {
    await this.agent.close()
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private async list<S extends z.ZodType>(
    action: string,
    method: Dispatcher.HttpMethod,
    schema: S,
    req: { query?: Query; json?: unknown; options?: CallOptions | undefined },
  ): Promise<ListResult<z.output<S>>> {
    const body = await this.call(action, method, { ...req, limit: 'list', writes: false })
    if (body && typeof body === 'object' && !Array.isArray(body) && 'ErrorType' in body) {
      this.assertNoError(action, this.readResult(action, body, 'rejected'))
    }
    const raw = listItems(body)
    if (!raw) {
      throw sednaFailure('malformed', action, 'rejected', {
        message: `Sedna's answer to ${action} is not a list (expected [...] or {"Data": [...]}).`,
        coded: { code: 'sednaFailure.notAList', params: { action } },
      })
    }
    const items: z.output<S>[] = []
    let skipped = 0
    for (const entry of raw) {
      const parsed = schema.safeParse(entry)
      if (parsed.success) items.push(parsed.data)
      else skipped++
    }
    return { items, skipped }
  }

  /** An authenticated call: logs in first if needed, and once more after a 401. */
  private async call(
    action: string,
    method: Dispatcher.HttpMethod,
    req: { query?: Query; json?: unknown; options?: CallOptions | undefined; limit: LimitKind; writes: boolean },
  ): Promise<unknown> {
    const options = req.options ?? {}
    if (this.cookies.size === 0) await this.login(options)
    try {
      return await this.send(action, method, { ...req, options, authenticated: true })
    } catch (err) {
      if (!(err instanceof SednaError) || err.status !== 401) throw err
    }
    await this.login(options)
    try {
      return await this.send(action, method, { ...req, options, authenticated: true })
    } catch (err) {
      if (err instanceof SednaError && err.status === 401) {
        throw sednaFailure('auth', action, 'rejected', {
          status: 401,
          message:
            'Sedna refused the request even after logging in again. Check the username, password and that the account may use the B2B API.',
          coded: { code: 'sednaFailure.refusedAfterLogin', params: {} },
        })
      }
      throw err
    }
  }

  /**
   * The URL to send and the URL to show, built side by side from the query: a Secret's value goes into
   * the first only, the second gets *** in its place — the shown URL never held the password.
   */
  private urls(action: string, query?: Query): { url: string; shown: string } {
    const path = action ? `${this.baseUrl}/api/${action}` : this.baseUrl
    const url = new URL(path)
    const shown = new URL(path)
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue
      url.searchParams.set(k, v instanceof Secret ? v.value : String(v))
      shown.searchParams.set(k, v instanceof Secret ? REDACTED : String(v))
    }
    return { url: url.toString(), shown: shown.toString() }
  }

  /**
   * One HTTP request within its kind's deadline and size cap. `writes`: it may change something in
   * Sedna, so an answer refused for its size leaves the outcome unknown. `probe`: any status is an
   * answer and the body is not read.
   */
  private async send(
    action: string,
    method: Dispatcher.HttpMethod,
    req: {
      query?: Query
      json?: unknown
      options: CallOptions
      authenticated: boolean
      limit: LimitKind
      writes: boolean
      probe?: boolean
    },
  ): Promise<unknown> {
    const { url, shown } = this.urls(action, req.query)
    const name = action || 'the address check'
    const limit = this.limits[req.limit]
    const requestBody = req.json === undefined ? undefined : JSON.stringify(req.json)
    const headers: Record<string, string> = { accept: 'application/json' }
    if (requestBody !== undefined) headers['content-type'] = 'application/json; charset=utf-8'
    if (req.authenticated && this.cookies.size) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    }
    const started = performance.now()
    const exchange: SednaExchange = { action: name, method, url: shown, durationMs: 0 }
    if (requestBody !== undefined) exchange.requestBody = this.redact(requestBody).slice(0, MAX_LOGGED_BODY)
    const report = () => {
      exchange.durationMs = Math.round(performance.now() - started)
      this.opts.onExchange?.(exchange)
      req.options.onExchange?.(exchange)
    }

    // The deadline covers everything from the pool's queue to the last byte; undici's own timeouts are
    // per phase (bodyTimeout per chunk: a server dripping a byte now and then never trips it).
    const own = new AbortController()
    const deadline = AbortSignal.timeout(limit.deadlineMs)
    const signal = AbortSignal.any(
      req.options.signal ? [own.signal, deadline, req.options.signal] : [own.signal, deadline],
    )
    this.inFlight.add(own)
    if (this.aborted) own.abort()

    let status: number | undefined
    let text = ''
    let responseHeaders: Record<string, string | string[] | undefined>
    try {
      const res = await request(url, {
        dispatcher: this.agent,
        method,
        headers,
        body: requestBody ?? null,
        signal,
      })
      status = res.statusCode
      responseHeaders = res.headers
      if (req.probe) {
        // Any answer will do; drain a little so the connection can be reused, never more.
        await res.body.dump({ limit: limit.maxBytes }).catch(() => undefined)
      } else {
        text = await this.readBody(name, res, status, limit.maxBytes, req.writes ? 'unknown' : 'rejected')
        // The answer to a request that carried the password may echo it back (an error page quoting the
        // request URI): gone before the text is read, stored, logged or put into a message.
        const secrets = Object.values(req.query ?? {}).filter((v): v is Secret => v instanceof Secret)
        if (secrets.length)
          text = redactEcho(
            text,
            secrets.map((v) => v.value),
          )
      }
    } catch (err) {
      let failure: SednaError
      if (err instanceof SednaError) failure = err
      else if (signal.aborted && deadline.aborted && signal.reason === deadline.reason) {
        failure = deadlineFailure(name, url, limit.deadlineMs, status)
      } else if (signal.aborted) {
        failure = cancelledFailure(name, status)
      } else {
        failure = transportFailure(name, url, err, status, this.route)
      }
      if (status !== undefined) exchange.status = status
      exchange.error = exchangeError(failure)
      report()
      throw failure
    } finally {
      this.inFlight.delete(own)
    }
    exchange.status = status
    if (req.probe) {
      report()
      return undefined
    }
    exchange.responseBody = this.redact(text.slice(0, MAX_LOGGED_BODY))
    this.rememberCookies(responseHeaders['set-cookie'])

    let failure: SednaError | undefined
    let parsed: unknown
    if (status < 200 || status >= 300) {
      failure = httpFailure(name, status, text, responseHeaders['retry-after'], this.baseUrl)
    } else {
      try {
        parsed = text.trim() === '' ? null : JSON.parse(text)
      } catch {
        failure = sednaFailure('malformed', name, 'unknown', {
          status,
          message: `Sedna's answer to ${name} could not be read (not JSON: ${JSON.stringify(snippet(text))}).`,
          coded: { code: 'sednaFailure.notJson', params: { action: name, snippet: JSON.stringify(snippet(text)) } },
        })
      }
    }
    if (failure) exchange.error = exchangeError(failure)
    report()
    if (failure) throw failure
    return parsed
  }

  /**
   * The answer as text, counting bytes as they arrive: past `maxBytes` the connection is dropped and
   * nothing more is read (an announced Content-Length past it is refused before reading anything).
   */
  private async readBody(
    action: string,
    res: Dispatcher.ResponseData,
    status: number,
    maxBytes: number,
    delivery: Delivery,
  ): Promise<string> {
    const tooLarge = () => {
      res.body.destroy()
      return tooLargeFailure(action, status, maxBytes, delivery)
    }
    const announced = Number(res.headers['content-length'])
    if (Number.isFinite(announced) && announced > maxBytes) throw tooLarge()
    const chunks: Buffer[] = []
    let size = 0
    // Errors while reading (a cut-off body, a body timeout, the deadline) go to the caller as they are.
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > maxBytes) throw tooLarge()
      chunks.push(chunk)
    }
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)
    // Skip a UTF-8 byte order mark (IIS may send one), as undici's text() does.
    const start = all.length > 2 && all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf ? 3 : 0
    return all.toString('utf8', start)
  }

  private rememberCookies(setCookie: string | string[] | undefined) {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const pair = line.split(';', 1)[0] ?? ''
      const eq = pair.indexOf('=')
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
    }
  }

  private readResult(action: string, body: unknown, delivery: Delivery) {
    const parsed = resultSchema.safeParse(body)
    if (!parsed.success) {
      throw sednaFailure('malformed', action, delivery, {
        message: `Sedna's answer to ${action} has an unexpected shape (${JSON.stringify(snippet(JSON.stringify(body) ?? ''))}).`,
        coded: {
          code: 'sednaFailure.unexpectedShape',
          params: { action, snippet: JSON.stringify(snippet(JSON.stringify(body) ?? '')) },
        },
      })
    }
    return parsed.data
  }

  private assertNoError(
    action: string,
    result: { ErrorType?: number | null | undefined; Message?: string | null | undefined },
  ) {
    if (result.ErrorType === 0 || result.ErrorType == null) return
    throw sednaFailure('sedna', action, 'rejected', {
      errorType: result.ErrorType,
      sednaMessage: result.Message,
      message: `Sedna refused ${action}: ${result.Message ?? 'no reason given'} (ErrorType ${result.ErrorType}).`,
      coded: result.Message
        ? { code: 'sednaFailure.refused', params: { action, reason: result.Message, errorType: result.ErrorType } }
        : { code: 'sednaFailure.refusedNoReason', params: { action, errorType: result.ErrorType } },
    })
  }

  private redact(text: string): string {
    return redactText(text)
  }
}

type LimitKind = keyof SednaLimits

/** A query value that is a secret: sent as is, shown (and stringified by mistake) as ***. */
class Secret {
  constructor(readonly value: string) {}
  toString(): string {
    return REDACTED
  }
  toJSON(): string {
    return REDACTED
  }
}

type Query = Record<string, string | number | Secret | undefined>
