/**
 * One HTTP request to Sedna at a time, as the client needs it: within its kind's overall deadline and
 * size cap, the session cookie kept and replayed, the password only in the URL that is sent (the
 * recorded exchange holds the shown one), an answer that echoes the password cleaned before anything
 * reads it, and every failure classified (request-failures.ts). abort() cancels what is in flight.
 */
import { request, type Dispatcher } from 'undici'
import {
  requestUrls,
  Secret,
  type CallOptions,
  type LimitKind,
  type Query,
  type SednaExchange,
  type SednaLimits,
} from './api-types'
import type { ProxyRoute } from './dispatcher'
import { sednaFailure, SednaError, type Delivery } from './failures'
import { redactEcho, redactText } from './redact'
import {
  cancelledFailure,
  deadlineFailure,
  httpFailure,
  snippet,
  tooLargeFailure,
  transportFailure,
} from './request-failures'

const MAX_LOGGED_BODY = 64 * 1024

/** An exchange's failure as the attempt history stores it (its code too, when it has one). */
const exchangeError = (f: SednaError): NonNullable<SednaExchange['error']> => ({
  kind: f.kind,
  message: f.message,
  delivery: f.delivery,
  ...(f.coded ? { coded: f.coded } : {}),
})

/** One request as the client asks for it (see `send`). */
export interface SendRequest {
  query?: Query
  json?: unknown
  options: CallOptions
  authenticated: boolean
  limit: LimitKind
  writes: boolean
  probe?: boolean
}

export class SednaTransport {
  private cookies = new Map<string, string>()
  /** One controller per request in flight, so abort() can cancel them all. */
  private readonly inFlight = new Set<AbortController>()
  private aborted = false

  constructor(
    private readonly baseUrl: string,
    private readonly agent: Dispatcher,
    private readonly route: ProxyRoute,
    private readonly limits: SednaLimits,
    private readonly onExchange: ((exchange: SednaExchange) => void) | undefined,
  ) {}

  /** Whether a login's session cookie is held. */
  get hasSession(): boolean {
    return this.cookies.size > 0
  }

  /** Forgets the session (a login starts a new one). */
  clearSession(): void {
    this.cookies.clear()
  }

  /** Cancels every request in flight, and any later one: the app is closing. */
  abort(): void {
    this.aborted = true
    for (const controller of this.inFlight) controller.abort()
  }

  /**
   * One HTTP request within its kind's deadline and size cap. `writes`: it may change something in
   * Sedna, so an answer refused for its size leaves the outcome unknown. `probe`: any status is an
   * answer and the body is not read.
   */
  async send(action: string, method: Dispatcher.HttpMethod, req: SendRequest): Promise<unknown> {
    const { url, shown } = requestUrls(this.baseUrl, action, req.query)
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
    if (requestBody !== undefined) exchange.requestBody = redactText(requestBody).slice(0, MAX_LOGGED_BODY)
    const report = () => {
      exchange.durationMs = Math.round(performance.now() - started)
      this.onExchange?.(exchange)
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
    exchange.responseBody = redactText(text.slice(0, MAX_LOGGED_BODY))
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
}
