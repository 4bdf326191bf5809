/**
 * What the Sedna client takes and gives: options, limits and timeouts, the recorded exchange, the
 * vendor's request bodies, and the base address as staff type it. No behaviour but normalizeBaseUrl and
 * how a request's URL is built (with the password shown as ***).
 */
import type { Env } from './dispatcher'
import type { Delivery, SednaError, SednaFailureKind } from './failures'
import { REDACTED } from './redact'

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

export type LimitKind = keyof SednaLimits

/** A query value that is a secret: sent as is, shown (and stringified by mistake) as ***. */
export class Secret {
  constructor(readonly value: string) {}
  toString(): string {
    return REDACTED
  }
  toJSON(): string {
    return REDACTED
  }
}

export type Query = Record<string, string | number | Secret | undefined>

/**
 * The URL to send and the URL to show, built side by side from the query: a Secret's value goes into
 * the first only, the second gets *** in its place — the shown URL never held the password.
 */
export function requestUrls(baseUrl: string, action: string, query?: Query): { url: string; shown: string } {
  const path = action ? `${baseUrl}/api/${action}` : baseUrl
  const url = new URL(path)
  const shown = new URL(path)
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue
    url.searchParams.set(k, v instanceof Secret ? v.value : String(v))
    shown.searchParams.set(k, v instanceof Secret ? REDACTED : String(v))
  }
  return { url: url.toString(), shown: shown.toString() }
}
