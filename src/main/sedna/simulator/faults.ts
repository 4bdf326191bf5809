/**
 * Fault injection: rules name an action path and, optionally, which calls of it (1-based, counted
 * since start/reset, faulted calls included) to hit. Latency rules add up and still let the call
 * proceed; of the other rules the first that matches wins.
 */
import type { ServerResponse } from 'node:http'
import { type Reply, badRequest, conflict, exception, forbidden, notFound, result } from './aspnet'
import type { Fault, FaultRule } from './types'

export interface FaultPlan {
  callNo: number
  latencyMs: number
  fault: Exclude<Fault, { kind: 'latency' }> | null
}

/** 'api/Contract/UpdateStopSale', '/contract/updatestopsale/' → 'contract/updatestopsale'. */
export function actionKey(path: string): string {
  return path
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .replace(/^api\//i, '')
    .toLowerCase()
}

export class FaultBook {
  private rules: FaultRule[] = []
  private readonly calls = new Map<string, number>()

  add(rule: FaultRule): void {
    if (rule.calls?.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new Error(`fault calls must be 1-based integers: ${JSON.stringify(rule.calls)}`)
    }
    this.rules.push({ ...structuredClone(rule), path: actionKey(rule.path) })
  }

  clear(): void {
    this.rules = []
  }

  resetCounters(): void {
    this.calls.clear()
  }

  /** Counts this call of `key` and says what to do with it. */
  next(key: string): FaultPlan {
    const callNo = (this.calls.get(key) ?? 0) + 1
    this.calls.set(key, callNo)
    const plan: FaultPlan = { callNo, latencyMs: 0, fault: null }
    for (const rule of this.rules) {
      if (rule.path !== key || (rule.calls && !rule.calls.includes(callNo))) continue
      if (rule.fault.kind === 'latency') plan.latencyMs += rule.fault.ms
      else plan.fault ??= rule.fault
    }
    return plan
  }
}

/** The answer of a fault that still answers with a whole response (the others act on the socket). */
export function faultReply(
  fault: Extract<Fault, { kind: 'http-500' | 'status' | 'non-json' | 'error-type' | 'refused' }>,
  requestUri: string,
): Reply {
  switch (fault.kind) {
    case 'refused':
      if (fault.status === 400) return badRequest('model', fault.message ?? 'The request is invalid for this action.')
      if (fault.status === 403) return forbidden(fault.message)
      if (fault.status === 404) {
        return notFound(requestUri, fault.message ?? 'No action was found on the controller that matches the request.')
      }
      return conflict(fault.message)
    case 'http-500':
      return exception(
        'System.Data.SqlClient.SqlException',
        'Execution Timeout Expired.  The timeout period elapsed prior to completion of the operation or the server is not responding.',
        'System.Data.SqlClient.SqlConnection.OnError(SqlException exception, Boolean breakConnection)',
      )
    case 'status': {
      const retryAfter = fault.retryAfter ?? fault.retryAfterSeconds?.toString()
      const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': retryAfter }
      // Gateways and IIS answer these with an HTML page, not JSON.
      const body = `<!DOCTYPE html><html><head><title>${fault.status}</title></head><body><h1>HTTP Error ${fault.status}</h1></body></html>`
      return { status: fault.status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body }
    }
    case 'non-json':
      // A proxy or captive portal page served with 200: the call never reached Sedna.
      return {
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
        body: '<!DOCTYPE html><html><head><title>Oturum açın</title></head><body><form action="/login"><input name="user"></form></body></html>',
      }
    case 'error-type':
      return result(fault.errorType ?? 1, fault.message ?? 'Beklenmeyen bir hata oluştu', 0)
  }
}

/**
 * 'huge': 200 with `bytes` bytes of a JSON list of filler records, written chunk by chunk as the client
 * reads (one buffer reused: the simulator's own memory stays flat); stops when the client hangs up.
 */
export function streamHuge(res: ServerResponse, bytes: number, contentLength: boolean): void {
  const record = '{"RecId":1,"Name":"Dolgu kaydı / filler record"},'
  const chunk = Buffer.from(record.repeat(Math.ceil(65_536 / Buffer.byteLength(record))))
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    ...(contentLength ? { 'Content-Length': String(bytes) } : {}),
  })
  let left = bytes
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      if (left === bytes) {
        left -= 1
        if (!res.write('[')) return void res.once('drain', pump)
        continue
      }
      const part = left > chunk.length + 1 ? chunk : Buffer.concat([chunk.subarray(0, left - 1), Buffer.from(']')])
      left -= part.length
      if (!res.write(part)) return void res.once('drain', pump)
    }
    if (!res.destroyed) res.end()
  }
  res.on('close', () => (left = 0))
  pump()
}

/** 'drip': 200, then one space (valid JSON whitespace) every `intervalMs`, never the end of the answer. */
export function drip(res: ServerResponse, intervalMs: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
  res.write(' ')
  const timer = setInterval(() => res.write(' '), intervalMs)
  res.on('close', () => clearInterval(timer))
}
