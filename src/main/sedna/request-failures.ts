/**
 * What a failed request to Sedna means, in words staff can act on and with the delivery the sync
 * engine needs: an HTTP status, a transport error (refused, DNS, timeout, certificate, proxy), the
 * overall deadline, a cancel, an answer past its size cap. The client (client.ts) decides which.
 */
import type { MessageParams } from '../../shared/result'
import { proxiedHost, type ProxyRoute } from './dispatcher'
import {
  certificateMessage,
  certificateProblem,
  describeWait,
  parseRetryAfter,
  sednaFailure,
  type Delivery,
  type SednaError,
} from './failures'

const MiB = 1024 * 1024

/** A non-2xx answer: 401 (log in again), 404 (wrong address), 429/503 (busy, with Retry-After), 5xx (outcome unknown)… */
export function httpFailure(
  action: string,
  status: number,
  text: string,
  retryAfter: string | string[] | undefined,
  baseUrl: string,
): SednaError {
  const retryAfterMs = parseRetryAfter(retryAfter)
  const detail = aspNetMessage(text)
  const say = (message: string, delivery: Delivery, code: string, params: MessageParams = {}) =>
    sednaFailure('http', action, delivery, { status, retryAfterMs, message, coded: { code, params } })
  if (status === 401)
    return say(`Sedna asked to log in again for ${action} (HTTP 401).`, 'rejected', 'sednaFailure.loginAgain', {
      action,
    })
  if (status === 404) {
    return say(
      `Sedna has no ${action} at ${baseUrl} (HTTP 404). The address is probably wrong: it usually ends in /SednaAgencyb2bApi.`,
      'rejected',
      'sednaFailure.noSuchCall',
      { action, address: baseUrl },
    )
  }
  if (status === 405)
    return say(
      `Sedna does not accept this kind of request for ${action} (HTTP 405).`,
      'rejected',
      'sednaFailure.methodNotAllowed',
      { action },
    )
  if (status === 429 || status === 503) {
    const wait = retryAfterMs !== undefined ? ` It asked to wait ${describeWait(retryAfterMs)}.` : ''
    return retryAfterMs !== undefined
      ? say(`Sedna is busy (HTTP ${status}).${wait}`, 'rejected', 'sednaFailure.busyWait', {
          status,
          ...waitParts(retryAfterMs),
        })
      : say(`Sedna is busy (HTTP ${status}).`, 'rejected', 'sednaFailure.busy', { status })
  }
  if (status === 408) return say('Sedna gave up waiting for the request (HTTP 408).', 'unknown', 'sednaFailure.gaveUp')
  if (status >= 500) {
    return say(
      `Sedna had an internal error (HTTP ${status})${detail ? `: ${detail}` : ''}.`,
      'unknown',
      detail ? 'sednaFailure.serverErrorSaying' : 'sednaFailure.serverError',
      detail ? { status, detail } : { status },
    )
  }
  return say(
    `Sedna refused ${action} (HTTP ${status})${detail ? `: ${detail}` : ''}.`,
    'rejected',
    detail ? 'sednaFailure.refusedHttpSaying' : 'sednaFailure.refusedHttp',
    detail ? { action, status, detail } : { action, status },
  )
}

/** A wait as sednaFailure.wait.<unit> words it, rounded as describeWait rounds it. */
function waitParts(ms: number): { unit: string; amount: number } {
  const s = Math.ceil(ms / 1000)
  if (s < 120) return { unit: 's', amount: s }
  if (s < 120 * 60) return { unit: 'min', amount: Math.round(s / 60) }
  if (s < 48 * 3600) return { unit: 'h', amount: Math.round(s / 3600) }
  if (s <= 365 * 86400) return { unit: 'days', amount: Math.round(s / 86400) }
  return { unit: 'year', amount: 0 }
}

export function transportFailure(
  action: string,
  url: string,
  err: unknown,
  status: number | undefined,
  route: ProxyRoute,
): SednaError {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } }
  const code = e.code ?? e.cause?.code
  const target = new URL(url)
  const host = target.host
  const proxy = proxiedHost(route, target)

  if (status !== undefined && code !== 'UND_ERR_BODY_TIMEOUT') {
    // Sedna answered, but the body broke off: whatever it did, we cannot read what it said.
    return sednaFailure('malformed', action, 'unknown', {
      status,
      code,
      message: `Sedna's answer to ${action} was cut off (HTTP ${status}, ${code ?? 'connection closed'}).`,
      coded: { code: 'sednaFailure.cutOff', params: { action, status, reason: code ?? 'connection closed' } },
    })
  }
  // A certificate refused: of Sedna, or (UND_ERR_PRX_TLS) of an https:// proxy on the way.
  const problem = certificateProblem(e.cause?.code) ?? certificateProblem(e.code)
  if (problem) {
    const where = code === 'UND_ERR_PRX_TLS' && proxy ? proxy : host
    return sednaFailure('certificate', action, 'not-sent', {
      code: e.cause?.code ?? e.code,
      message: certificateMessage(where, problem),
      coded: { code: 'sedna.certificate', params: { host: where, problem } },
    })
  }
  const proxyStatus = proxy ? proxyAnswer(e.message) : undefined
  if (proxy && proxyStatus !== undefined) {
    if (proxyStatus >= 400 && proxyStatus < 500) {
      // The proxy's own policy or credentials: a person must fix it, retrying changes nothing.
      const ask =
        proxyStatus === 407
          ? ' It asks for a username and password: put them in the proxy address (http://user:password@proxy:port).'
          : ''
      return sednaFailure('http', action, 'not-sent', {
        status: proxyStatus,
        code,
        message: `The proxy ${proxy} refused to connect to Sedna at ${host} (HTTP ${proxyStatus}).${ask} Ask IT if unsure.`,
        coded: { code: 'sedna.proxyRefused', params: { proxy, host, status: proxyStatus } },
      })
    }
    return sednaFailure('network', action, 'not-sent', {
      code,
      message: `The proxy ${proxy} could not reach Sedna at ${host} (HTTP ${proxyStatus}).`,
      coded: { code: 'sedna.proxyNoRoute', params: { proxy, host, status: proxyStatus } },
    })
  }
  const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']
  if (
    proxy &&
    (unreachable.includes(code ?? '') || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_PRX_CONN')
  ) {
    // Through a proxy, a connection that fails is the connection to the proxy.
    return sednaFailure(code === 'UND_ERR_CONNECT_TIMEOUT' ? 'timeout' : 'network', action, 'not-sent', {
      code,
      message: `The proxy ${proxy} could not be reached (${code}). Check the proxy (${route.source}) and that it is up.`,
      coded: { code: 'sedna.proxyUnreachable', params: { proxy, source: route.source ?? '' } },
    })
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return sednaFailure('timeout', action, 'not-sent', {
      code,
      message: `Sedna at ${host} did not accept a connection in time.`,
      coded: { code: 'sednaFailure.connectTimeout', params: { host } },
    })
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return sednaFailure('timeout', action, 'unknown', {
      code,
      message: `Sedna at ${host} did not answer ${action} in time.`,
      coded: { code: 'sednaFailure.noAnswer', params: { host, action } },
    })
  }
  if (code === 'ECONNREFUSED') {
    return sednaFailure('network', action, 'not-sent', {
      code,
      message: `Sedna could not be reached at ${host} (connection refused). Check the address and that the server is up.`,
      coded: { code: 'sednaFailure.connectionRefused', params: { host } },
    })
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return sednaFailure('network', action, 'not-sent', {
      code,
      message: `The Sedna address ${host} could not be found. Check the address and the internet connection.`,
      coded: { code: 'sednaFailure.hostNotFound', params: { host } },
    })
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENETDOWN') {
    return sednaFailure('network', action, 'not-sent', {
      code,
      message: `No network route to Sedna at ${host}. Check the internet connection.`,
      coded: { code: 'sednaFailure.noRoute', params: { host } },
    })
  }
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return sednaFailure('malformed', action, 'unknown', {
      code,
      message: `Sedna's answer to ${action} was cut off.`,
      coded: { code: 'sednaFailure.cutOffShort', params: { action } },
    })
  }
  // Reset, closed mid-answer, and the like: the request may or may not have been applied.
  return sednaFailure('network', action, 'unknown', {
    code,
    message: `The connection to Sedna at ${host} broke during ${action} (${code ?? e.message ?? 'unknown error'}).`,
    coded: {
      code: 'sednaFailure.connectionBroke',
      params: { host, action, reason: code ?? e.message ?? 'unknown error' },
    },
  })
}

/** The overall deadline passed: whatever was sent may have been applied. */
export function deadlineFailure(
  action: string,
  url: string,
  deadlineMs: number,
  status: number | undefined,
): SednaError {
  const host = new URL(url).host
  const seconds = Math.round(deadlineMs / 100) / 10
  return sednaFailure('timeout', action, 'unknown', {
    status,
    code: 'DEADLINE',
    message: `Sedna at ${host} did not finish answering ${action} within ${seconds} s, so the app stopped waiting.`,
    coded: { code: 'sedna.deadline', params: { host, action, seconds } },
  })
}

/** The app stopped the call (quitting, or its caller gave up): it may or may not have been applied. */
export function cancelledFailure(action: string, status: number | undefined): SednaError {
  return sednaFailure('cancelled', action, 'unknown', {
    status,
    message: `The request to Sedna (${action}) was stopped before it finished: the app is closing or the request was cancelled. It will be tried again.`,
    coded: { code: 'sedna.cancelled', params: { action } },
  })
}

/** An answer past its cap, refused unread: a write's outcome is unknown (it may have been applied). */
export function tooLargeFailure(action: string, status: number, maxBytes: number, delivery: Delivery): SednaError {
  return sednaFailure('malformed', action, delivery, {
    status,
    message: `Sedna's answer to ${action} is larger than the ${formatSize(maxBytes)} the app accepts for it, so it was not read${delivery === 'unknown' ? ' (the request may have been applied)' : ''}.`,
    coded: { code: 'sedna.tooLarge', params: { action, limit: formatSize(maxBytes) } },
  })
}

/** The status of a proxy's refusal in undici's errors ("Proxy response (407) !== 200…", "…Required (407)"). */
function proxyAnswer(message: string | undefined): number | undefined {
  const m = /Proxy (?:response|Authentication Required) \((\d{3})\)/i.exec(message ?? '')
  return m ? Number(m[1]) : undefined
}

export function formatSize(bytes: number): string {
  if (bytes >= MiB) return `${Math.round((bytes / MiB) * 10) / 10} MiB`
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`
  return `${bytes} bytes`
}

export function snippet(text: string, max = 120): string {
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
