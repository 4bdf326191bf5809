/**
 * Reading request bodies and query strings the way Json.NET / Web API model binding does (GUESS,
 * framework defaults): property names are case-insensitive, numbers may arrive as numeric strings,
 * a missing int is 0. Anything else fails binding, which the routes turn into a 400.
 */

export type JsonObject = Record<string, unknown>

export class BindingError extends Error {
  constructor(
    readonly parameter: string,
    reason: string,
  ) {
    super(reason)
  }
}

export function parseJson(body: string, parameter: string): unknown {
  if (body.trim() === '') throw new BindingError(parameter, 'A value is required but was not present in the request.')
  try {
    return JSON.parse(body) as unknown
  } catch (err) {
    throw new BindingError(parameter, `Unexpected character encountered while parsing value: ${(err as Error).message}`)
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function parseJsonObject(body: string, parameter: string): JsonObject {
  const value = parseJson(body, parameter)
  if (!isObject(value)) {
    throw new BindingError(
      parameter,
      'Cannot deserialize the current JSON value into an object: a JSON object is required.',
    )
  }
  return value
}

export function parseJsonArray(body: string, parameter: string): unknown[] {
  const value = parseJson(body, parameter)
  if (!Array.isArray(value)) {
    throw new BindingError(
      parameter,
      'Cannot deserialize the current JSON object into a list: a JSON array is required.',
    )
  }
  return value
}

/** Case-insensitive property lookup, as Json.NET binds. */
export function prop(obj: JsonObject, name: string): unknown {
  if (name in obj) return obj[name]
  const lower = name.toLowerCase()
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key]
  return undefined
}

function toInt(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value)
  return null
}

/** An int property; missing = 0 (the .NET default), null or non-integer = binding error. */
export function intProp(obj: JsonObject, name: string, path: string): number {
  const value = prop(obj, name)
  if (value === undefined) return 0
  const n = toInt(value)
  if (n === null) throw new BindingError(`${path}.${name}`, `Could not convert ${JSON.stringify(value)} to Int32.`)
  return n
}

/** A string property; numbers and booleans become text, as Json.NET converts them. */
export function stringProp(obj: JsonObject, name: string, path: string): string | null {
  const value = prop(obj, name)
  if (value === undefined || value === null) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new BindingError(`${path}.${name}`, `Could not convert ${JSON.stringify(value)} to String.`)
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/** The calendar day (YYYY-MM-DD) of a .NET-parsable date string, or null. */
export function dayOf(value: string): string | null {
  const m = DATE.exec(value.trim())
  if (!m) return null
  const day = `${m[1]}-${m[2]}-${m[3]}`
  const d = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(day) ? day : null
}

/** A required DateTime property, kept as sent; returns the text and its calendar day. */
export function dateProp(
  obj: JsonObject,
  name: string,
  path: string,
  required: boolean,
): { text: string | null; day: string | null } {
  const value = prop(obj, name)
  if (value === undefined || value === null) {
    if (required) throw new BindingError(`${path}.${name}`, 'A value is required.')
    return { text: null, day: null }
  }
  const day = typeof value === 'string' ? dayOf(value) : null
  if (day === null || typeof value !== 'string') {
    throw new BindingError(`${path}.${name}`, `Could not convert string to DateTime: ${JSON.stringify(value)}.`)
  }
  return { text: value, day }
}

/** Optional query parameter read by `read` ('' counts as absent); `type` names it in Web API's refusal. */
function optionalQuery<T>(
  query: URLSearchParams,
  name: string,
  type: string,
  read: (raw: string) => T | null,
): T | null {
  const raw = queryValue(query, name)
  if (raw === null || raw === '') return null
  const value = read(raw)
  if (value === null) throw new BindingError(name, `The value '${raw}' is not valid for ${type}.`)
  return value
}

/** Optional int query parameter. */
export const intQuery = (query: URLSearchParams, name: string) => optionalQuery(query, name, 'Int32', toInt)

/** Optional YYYY-MM-DD query parameter. */
export const dayQuery = (query: URLSearchParams, name: string) => optionalQuery(query, name, 'DateTime', dayOf)

/** Query names are case-insensitive in Web API binding. */
export function queryValue(query: URLSearchParams, name: string): string | null {
  const lower = name.toLowerCase()
  let found: string | null = null
  for (const [key, value] of query) if (key.toLowerCase() === lower) found = value
  return found
}
