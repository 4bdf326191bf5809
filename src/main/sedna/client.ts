/**
 * The one module that speaks Sedna's Agency B2B API over HTTP (undici). Paths, methods and the
 * `Integratiion` spelling are the vendor's (../shared/sedna-api.md); response shapes are guesses,
 * read leniently in responses.ts. One client per profile: a keep-alive pool, one login (session
 * cookie) shared by all calls, re-login once on a 401.
 *
 * Every request has an overall deadline and a cap on the answer's size (SednaLimits), so a server that
 * drips or floods can neither hang a sync nor fill memory; abort() cancels what is in flight (quit).
 */
import type { Dispatcher } from 'undici'
import type { z } from 'zod'
import {
  DEFAULT_LIMITS,
  DEFAULT_TIMEOUTS,
  normalizeBaseUrl,
  requestUrls,
  Secret,
  type CallOptions,
  type CheckStopSaleStateBody,
  type LimitKind,
  type ListResult,
  type Query,
  type SednaClientOptions,
  type SednaLimits,
  type StopSaleListQuery,
  type UpdateStopSaleBody,
} from './api-types'
import { createDispatcher, DIRECT, proxyRoute, type ProxyRoute } from './dispatcher'
import { sednaFailure, SednaError, type Delivery } from './failures'
import { snippet } from './request-failures'
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
import { SednaTransport } from './transport'

export * from './api-types'

/** The one call the vendor authenticates with query credentials (VENDOR). */
const INSERT_RESERVATION = 'Integratiion/InsertReservation'
const insertReservationQuery = (username: string, password: Secret, voucherNo: string): Query => ({
  username,
  password,
  voucherNo,
})

/** InsertReservation's request as the detail screen shows it: the method and the URL, the password as ***. */
export function shownInsertReservation(baseUrl: string, username: string, voucherNo: string): string {
  let base: string
  try {
    base = normalizeBaseUrl(baseUrl)
  } catch {
    base = baseUrl
  }
  const { shown } = requestUrls(base, INSERT_RESERVATION, insertReservationQuery(username, new Secret(''), voucherNo))
  return `POST ${shown}`
}

export class SednaClient {
  readonly baseUrl: string
  /** How requests reach Sedna (directly or through which proxy). */
  readonly route: ProxyRoute
  private readonly agent: Dispatcher
  private readonly opts: SednaClientOptions
  private readonly transport: SednaTransport
  private loginInFlight: Promise<number> | undefined
  /** The operator id Sedna returned at the last login. */
  operatorId: number | undefined

  constructor(opts: SednaClientOptions) {
    this.opts = opts
    this.baseUrl = normalizeBaseUrl(opts.baseUrl)
    const limits = { ...DEFAULT_LIMITS, ...opts.limits }
    for (const kind of Object.keys(DEFAULT_LIMITS) as (keyof SednaLimits)[]) {
      if (!(limits[kind].deadlineMs <= DEFAULT_LIMITS[kind].deadlineMs)) {
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
    this.transport = new SednaTransport(this.baseUrl, this.agent, this.route, limits, opts.onExchange)
  }

  /**
   * Is Sedna there? One plain GET of the base address with no cookie and no credentials: any HTTP
   * answer, 401 or 404 included, means reachable. Rejects with the failure otherwise (refused, DNS,
   * timeout, certificate).
   */
  async reachable(options: CallOptions = {}): Promise<void> {
    await this.transport.send('', 'GET', { options, authenticated: false, limit: 'probe', writes: false, probe: true })
  }

  /** Cancels every call in flight, and any later one: the app is closing. */
  abort(): void {
    this.transport.abort()
  }

  /** Logs in (AgencyLogin) and returns the agency's operator id. */
  async login(options: CallOptions = {}): Promise<number> {
    this.loginInFlight ??= this.doLogin(options).finally(() => (this.loginInFlight = undefined))
    return this.loginInFlight
  }

  private async doLogin(options: CallOptions): Promise<number> {
    const password = await this.opts.password()
    this.transport.clearSession()
    const body = await this.transport.send('Integratiion/AgencyLogin', 'GET', {
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
    if (!this.transport.hasSession) {
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
    const action = INSERT_RESERVATION
    const password = await this.opts.password()
    const answer = await this.transport.send(action, 'POST', {
      query: insertReservationQuery(this.opts.username, new Secret(password), voucherNo),
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
    if (!this.transport.hasSession) await this.login(options)
    try {
      return await this.transport.send(action, method, { ...req, options, authenticated: true })
    } catch (err) {
      if (!(err instanceof SednaError) || err.status !== 401) throw err
    }
    await this.login(options)
    try {
      return await this.transport.send(action, method, { ...req, options, authenticated: true })
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
}
