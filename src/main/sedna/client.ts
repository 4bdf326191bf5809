/**
 * The one module that speaks Sedna's Agency B2B API over HTTP (undici). Paths, methods and the
 * `Integratiion` spelling are the vendor's (../shared/sedna-api.md); response shapes are guesses,
 * read leniently in responses.ts. One client per profile: a keep-alive pool, one login (session
 * cookie) shared by all calls, re-login once on a 401.
 */
import { Agent, request, type Dispatcher } from 'undici'
import type { z } from 'zod'
import { parseRetryAfter, SednaError, type Delivery, type SednaFailureKind } from './failures'
import { redactText, redactUrl } from './redact'
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

export interface SednaClientOptions {
  baseUrl: string
  username: string
  /** Read when a login is needed (the keychain), so it is held in memory as briefly as possible. */
  password: () => Promise<string>
  timeouts?: Partial<SednaTimeouts>
  /** Keep-alive connections to Sedna; the sync engine's concurrency should not exceed it. */
  connections?: number
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
  error?: { kind: SednaFailureKind; message: string; delivery: Delivery }
}

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
  private readonly agent: Agent
  private readonly opts: SednaClientOptions
  private cookies = new Map<string, string>()
  private loginInFlight: Promise<number> | undefined
  /** The operator id Sedna returned at the last login. */
  operatorId: number | undefined

  constructor(opts: SednaClientOptions) {
    this.opts = opts
    this.baseUrl = normalizeBaseUrl(opts.baseUrl)
    const t = { ...DEFAULT_TIMEOUTS, ...opts.timeouts }
    this.agent = new Agent({
      connections: opts.connections ?? 8,
      connectTimeout: t.connectMs,
      headersTimeout: t.headersMs,
      bodyTimeout: t.bodyMs,
      keepAliveTimeout: 30_000,
    })
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
      query: { username: this.opts.username, password },
      options,
      authenticated: false,
    })
    const result = this.readResult('Integratiion/AgencyLogin', body, 'rejected')
    if (result.ErrorType !== 0 && result.ErrorType != null) {
      throw this.failure('auth', 'Integratiion/AgencyLogin', 'rejected', {
        message: `Sedna rejected the username or password${result.Message ? `: ${result.Message}` : ''}. Check them in Settings.`,
        errorType: result.ErrorType,
        sednaMessage: result.Message,
      })
    }
    const operatorId = Number(result.RecId)
    if (!Number.isInteger(operatorId) || operatorId <= 0) {
      throw this.failure('malformed', 'Integratiion/AgencyLogin', 'rejected', {
        message: 'Sedna accepted the login but did not say which operator this account belongs to (no RecId).',
      })
    }
    if (this.cookies.size === 0) {
      // Later calls carry no credentials: without a session cookie they would all get 401.
      throw this.failure('malformed', 'Integratiion/AgencyLogin', 'rejected', {
        message: 'Sedna accepted the login but sent no session cookie, so later calls cannot be authorised.',
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
    const answer = await this.call(action, 'PUT', { json: body, options })
    const result = this.readResult(action, answer, 'unknown')
    this.assertNoError(action, result)
    const recId = Number(result.RecId)
    if (Number.isInteger(recId) && recId > 0) return { recId }
    // An update may well answer without repeating the id; a create may not.
    if (body.RecId > 0) return { recId: body.RecId }
    // A "success" without an id cannot be followed by phase 2: treat it as not knowing what happened.
    throw this.failure('malformed', action, 'unknown', {
      message: `Sedna answered the stop-sale save without a record id (RecId: ${JSON.stringify(result.RecId ?? null)}).`,
    })
  }

  async checkStopSaleState(body: CheckStopSaleStateBody, options?: CallOptions): Promise<unknown> {
    return this.call('Contract/CheckStopSaleState', 'POST', { json: body, options })
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
      query: { username: this.opts.username, password, voucherNo },
      json: rooms,
      options: options ?? {},
      authenticated: false,
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
      throw this.failure('malformed', action, 'unknown', {
        message: 'Sedna answered the reservation without a record id.',
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
    const answer = await this.call(action, 'POST', { query: { operatorId, sourceId }, options })
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
    const body = await this.call(action, method, req)
    if (body && typeof body === 'object' && !Array.isArray(body) && 'ErrorType' in body) {
      this.assertNoError(action, this.readResult(action, body, 'rejected'))
    }
    const raw = listItems(body)
    if (!raw) {
      throw this.failure('malformed', action, 'rejected', {
        message: `Sedna's answer to ${action} is not a list (expected [...] or {"Data": [...]}).`,
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
    req: { query?: Query; json?: unknown; options?: CallOptions | undefined },
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
        throw this.failure('auth', action, 'rejected', {
          status: 401,
          message:
            'Sedna refused the request even after logging in again. Check the username, password and that the account may use the B2B API.',
        })
      }
      throw err
    }
  }

  private url(action: string, query?: Query): string {
    const url = new URL(`${this.baseUrl}/api/${action}`)
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v))
    return url.toString()
  }

  private async send(
    action: string,
    method: Dispatcher.HttpMethod,
    req: { query?: Query; json?: unknown; options: CallOptions; authenticated: boolean },
  ): Promise<unknown> {
    const url = this.url(action, req.query)
    const requestBody = req.json === undefined ? undefined : JSON.stringify(req.json)
    const headers: Record<string, string> = { accept: 'application/json' }
    if (requestBody !== undefined) headers['content-type'] = 'application/json; charset=utf-8'
    if (req.authenticated && this.cookies.size) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    }
    const started = performance.now()
    const exchange: SednaExchange = { action, method, url: redactUrl(url), durationMs: 0 }
    if (requestBody !== undefined) exchange.requestBody = this.redact(requestBody).slice(0, MAX_LOGGED_BODY)
    const report = () => {
      exchange.durationMs = Math.round(performance.now() - started)
      this.opts.onExchange?.(exchange)
      req.options.onExchange?.(exchange)
    }

    let status: number
    let text: string
    let responseHeaders: Record<string, string | string[] | undefined>
    try {
      const res = await request(url, {
        dispatcher: this.agent,
        method,
        headers,
        body: requestBody ?? null,
        signal: req.options.signal ?? null,
      })
      status = res.statusCode
      responseHeaders = res.headers
      try {
        text = await res.body.text()
      } catch (err) {
        // Sedna answered, but the body broke off: whatever it did, we cannot read what it said.
        const code = (err as { code?: string }).code
        throw code === 'UND_ERR_BODY_TIMEOUT'
          ? err
          : this.failure('malformed', action, 'unknown', {
              status,
              code,
              message: `Sedna's answer to ${action} was cut off (HTTP ${status}, ${code ?? 'connection closed'}).`,
            })
      }
    } catch (err) {
      const failure = err instanceof SednaError ? err : this.transportFailure(action, url, err)
      exchange.error = { kind: failure.kind, message: failure.message, delivery: failure.delivery }
      report()
      throw failure
    }
    exchange.status = status
    exchange.responseBody = this.redact(text).slice(0, MAX_LOGGED_BODY)
    this.rememberCookies(responseHeaders['set-cookie'])

    let failure: SednaError | undefined
    let parsed: unknown
    if (status < 200 || status >= 300) {
      failure = this.httpFailure(action, status, text, responseHeaders['retry-after'])
    } else {
      try {
        parsed = text.trim() === '' ? null : JSON.parse(text)
      } catch {
        failure = this.failure('malformed', action, 'unknown', {
          status,
          message: `Sedna's answer to ${action} could not be read (not JSON: ${JSON.stringify(snippet(text))}).`,
        })
      }
    }
    if (failure) exchange.error = { kind: failure.kind, message: failure.message, delivery: failure.delivery }
    report()
    if (failure) throw failure
    return parsed
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
      throw this.failure('malformed', action, delivery, {
        message: `Sedna's answer to ${action} has an unexpected shape (${JSON.stringify(snippet(JSON.stringify(body) ?? ''))}).`,
      })
    }
    return parsed.data
  }

  private assertNoError(
    action: string,
    result: { ErrorType?: number | null | undefined; Message?: string | null | undefined },
  ) {
    if (result.ErrorType === 0 || result.ErrorType == null) return
    throw this.failure('sedna', action, 'rejected', {
      errorType: result.ErrorType,
      sednaMessage: result.Message,
      message: `Sedna refused ${action}: ${result.Message ?? 'no reason given'} (ErrorType ${result.ErrorType}).`,
    })
  }

  private httpFailure(
    action: string,
    status: number,
    text: string,
    retryAfter: string | string[] | undefined,
  ): SednaError {
    const retryAfterMs = parseRetryAfter(retryAfter)
    const detail = aspNetMessage(text)
    const say = (message: string, delivery: Delivery) =>
      this.failure('http', action, delivery, { status, retryAfterMs, message })
    if (status === 401) return say(`Sedna asked to log in again for ${action} (HTTP 401).`, 'rejected')
    if (status === 404) {
      return say(
        `Sedna has no ${action} at ${this.baseUrl} (HTTP 404). The address is probably wrong: it usually ends in /SednaAgencyb2bApi.`,
        'rejected',
      )
    }
    if (status === 405) return say(`Sedna does not accept this kind of request for ${action} (HTTP 405).`, 'rejected')
    if (status === 429 || status === 503) {
      const wait = retryAfterMs !== undefined ? ` It asked to wait ${Math.ceil(retryAfterMs / 1000)} s.` : ''
      return say(`Sedna is busy (HTTP ${status}).${wait}`, 'rejected')
    }
    if (status === 408) return say('Sedna gave up waiting for the request (HTTP 408).', 'unknown')
    if (status >= 500) {
      return say(`Sedna had an internal error (HTTP ${status})${detail ? `: ${detail}` : ''}.`, 'unknown')
    }
    return say(`Sedna refused ${action} (HTTP ${status})${detail ? `: ${detail}` : ''}.`, 'rejected')
  }

  private transportFailure(action: string, url: string, err: unknown): SednaError {
    const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } }
    const code = e.code ?? e.cause?.code
    const host = new URL(url).host
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return this.failure('timeout', action, 'not-sent', {
        code,
        message: `Sedna at ${host} did not accept a connection in time.`,
      })
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return this.failure('timeout', action, 'unknown', {
        code,
        message: `Sedna at ${host} did not answer ${action} in time.`,
      })
    }
    if (code === 'ECONNREFUSED') {
      return this.failure('network', action, 'not-sent', {
        code,
        message: `Sedna could not be reached at ${host} (connection refused). Check the address and that the server is up.`,
      })
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return this.failure('network', action, 'not-sent', {
        code,
        message: `The Sedna address ${host} could not be found. Check the address and the internet connection.`,
      })
    }
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENETDOWN') {
      return this.failure('network', action, 'not-sent', {
        code,
        message: `No network route to Sedna at ${host}. Check the internet connection.`,
      })
    }
    if (e.name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') {
      return this.failure('network', action, 'unknown', {
        code,
        message: `The request to Sedna (${action}) was cancelled.`,
      })
    }
    if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
      return this.failure('malformed', action, 'unknown', { code, message: `Sedna's answer to ${action} was cut off.` })
    }
    // Reset, closed mid-answer, and the like: the request may or may not have been applied.
    return this.failure('network', action, 'unknown', {
      code,
      message: `The connection to Sedna at ${host} broke during ${action} (${code ?? e.message ?? 'unknown error'}).`,
    })
  }

  private failure(
    kind: SednaFailureKind,
    action: string,
    delivery: Delivery,
    init: { message: string } & Partial<
      Omit<ConstructorParameters<typeof SednaError>[0], 'kind' | 'action' | 'delivery'>
    >,
  ): SednaError {
    return new SednaError({ ...init, kind, action, delivery, message: this.redact(init.message) })
  }

  private redact(text: string): string {
    return redactText(text)
  }
}

type Query = Record<string, string | number | undefined>

function snippet(text: string, max = 120): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max)}…` : t
}

/** ASP.NET Web API error bodies: {"Message": …, "ExceptionMessage": …}. */
function aspNetMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { Message?: unknown; ExceptionMessage?: unknown }
    const parts = [body.ExceptionMessage, body.Message].filter((p): p is string => typeof p === 'string' && p !== '')
    return parts[0] ? snippet(parts[0], 200) : undefined
  } catch {
    return text.trim() ? snippet(text.replace(/<[^>]+>/g, ' '), 200) : undefined
  }
}
