/**
 * Typed Sedna failures, so the sync engine can decide (retry, re-login, park) and staff can read
 * what happened. `delivery` says whether the request may have been applied by Sedna: the key to
 * never creating a record twice.
 */
import type { MessageParams } from '../../shared/result'
import { redactText } from './redact'

/**
 * - certificate: the server's TLS certificate was refused (self-signed, expired, another name, an
 *   authority this computer does not trust): a person must act, retrying changes nothing.
 * - cancelled: the app stopped the call (quitting, or its caller gave up): try again later.
 */
export type SednaFailureKind =
  'network' | 'timeout' | 'http' | 'sedna' | 'malformed' | 'auth' | 'certificate' | 'cancelled'

/**
 * - not-sent: Sedna never saw it (connection refused, DNS, connect timeout, certificate): safe to send again.
 * - rejected: Sedna answered and did not apply it (4xx, ErrorType != 0, 401, 429/503).
 * - unknown: it may have been applied (reset after sending, no answer in time, 5xx, unreadable answer).
 */
export type Delivery = 'not-sent' | 'rejected' | 'unknown'

export interface SednaFailureInit {
  kind: SednaFailureKind
  action: string
  message: string
  delivery: Delivery
  status?: number | undefined
  retryAfterMs?: number | undefined
  errorType?: number | undefined
  sednaMessage?: string | null | undefined
  /** The transport's error code (ECONNREFUSED, CERT_HAS_EXPIRED…). */
  code?: string | undefined
  /** The message as a code the screen words in the staff's language (`errors.<code>`). */
  coded?: { code: string; params: MessageParams } | undefined
}

export class SednaError extends Error {
  readonly kind: SednaFailureKind
  readonly action: string
  readonly delivery: Delivery
  readonly status: number | undefined
  readonly retryAfterMs: number | undefined
  readonly errorType: number | undefined
  readonly sednaMessage: string | null | undefined
  readonly code: string | undefined
  readonly coded: { code: string; params: MessageParams } | undefined

  constructor(init: SednaFailureInit) {
    super(init.message)
    this.name = 'SednaError'
    this.kind = init.kind
    this.action = init.action
    this.delivery = init.delivery
    this.status = init.status
    this.retryAfterMs = init.retryAfterMs
    this.errorType = init.errorType
    this.sednaMessage = init.sednaMessage
    this.code = init.code
    this.coded = init.coded
  }

  /** Worth trying again later without a person: the network, a timeout, a cancelled call, 408/429 or a 5xx. */
  get transient(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout' || this.kind === 'cancelled') return true
    if (this.kind === 'http' && this.status !== undefined) {
      return this.status === 408 || this.status === 429 || this.status >= 500
    }
    return false
  }
}

/**
 * A failure as staff read it. The message is passed through redactText as a last net, though no
 * message is ever built with a password in it (URLs are shown as built, with *** in its place).
 */
export function sednaFailure(
  kind: SednaFailureKind,
  action: string,
  delivery: Delivery,
  init: { message: string } & Partial<Omit<SednaFailureInit, 'kind' | 'action' | 'delivery' | 'message'>>,
): SednaError {
  return new SednaError({ ...init, kind, action, delivery, message: redactText(init.message) })
}

// ---- Retry-After ----------------------------------------------------------------------------------

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)'
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)'
/** The three HTTP-date forms (RFC 9110 §5.6.7): IMF-fixdate, obsolete RFC 850, asctime (GMT implied). */
const IMF_FIXDATE = new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$`)
const RFC850_DATE = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d{2}-${MONTH}-\\d{2} \\d{2}:\\d{2}:\\d{2} GMT$`,
)
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}$`)

/**
 * Retry-After as delay-seconds or an HTTP-date, in ms (≥ 0; a huge number stays huge, the caller caps
 * it); undefined when absent or unreadable — a negative or fractional number, "2027", any other text —
 * which then counts as the normal backoff. Strict on purpose: `Date.parse` reads "2027" and "-5" as dates.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!v) return undefined
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, Number.MAX_SAFE_INTEGER)
  let at = Number.NaN
  if (IMF_FIXDATE.test(v) || RFC850_DATE.test(v)) at = Date.parse(v)
  else if (ASCTIME_DATE.test(v)) at = Date.parse(`${v} GMT`)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** A wait in words: "7 s", "5 min", "3 h", "2 days", "more than a year". */
export function describeWait(ms: number): string {
  const s = Math.ceil(ms / 1000)
  if (s < 120) return `${s} s`
  if (s < 120 * 60) return `${Math.round(s / 60)} min`
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h`
  if (s <= 365 * 86400) return `${Math.round(s / 86400)} days`
  return 'more than a year'
}

// ---- certificates ---------------------------------------------------------------------------------

/** What is wrong with a server's certificate, in the few kinds staff (and IT) can act on. */
export type CertificateProblem =
  'selfSigned' | 'untrusted' | 'expired' | 'notYetValid' | 'wrongName' | 'revoked' | 'invalid'

/** Node's (OpenSSL's) certificate error codes, by what they mean for staff. */
const CERTIFICATE_CODES: Record<string, CertificateProblem> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'selfSigned',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  INVALID_CA: 'untrusted',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'notYetValid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrongName',
  HOSTNAME_MISMATCH: 'wrongName',
  CERT_REVOKED: 'revoked',
  CERT_REJECTED: 'invalid',
  CERT_SIGNATURE_FAILURE: 'invalid',
  CERT_CHAIN_TOO_LONG: 'invalid',
  PATH_LENGTH_EXCEEDED: 'invalid',
  INVALID_PURPOSE: 'invalid',
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: 'invalid',
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 'invalid',
  ERROR_IN_CERT_NOT_BEFORE_FIELD: 'invalid',
  ERROR_IN_CERT_NOT_AFTER_FIELD: 'invalid',
}

/** The certificate problem behind a TLS error code, or undefined when the code is not about a certificate. */
export function certificateProblem(code: string | undefined): CertificateProblem | undefined {
  return code === undefined ? undefined : CERTIFICATE_CODES[code]
}

const CERTIFICATE_WORDS: Record<CertificateProblem, (host: string) => string> = {
  selfSigned: () =>
    'is self-signed (made by the server itself, not by a certificate authority). If your company uses its own certificates, ask IT to install the company certificate on this computer; otherwise check the Sedna address.',
  untrusted: () =>
    'was issued by an authority this computer does not trust. Ask IT to install the company certificate on this computer, or check the Sedna address.',
  expired: () =>
    'has expired. Ask whoever runs the Sedna server to renew it, and check that this computer’s date and time are right.',
  notYetValid: () => 'is not valid yet. Check that this computer’s date and time are right.',
  wrongName: (host) =>
    `was issued for another name than ${host}. Check the Sedna address (use the name on its certificate, not an IP address), or ask IT.`,
  revoked: () => 'has been revoked by its authority. Ask whoever runs the Sedna server, or IT.',
  invalid: () => 'could not be verified. Ask IT, or check the Sedna address.',
}

/** The staff message for a refused certificate; the connection was never used, so nothing was sent. */
export function certificateMessage(host: string, problem: CertificateProblem): string {
  return `The Sedna server at ${host} was not trusted, so nothing was sent: its certificate ${CERTIFICATE_WORDS[problem](host)}`
}
