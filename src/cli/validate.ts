/**
 * Checks of arguments and option values that need no database: run before the app is opened, so
 * bad usage answers at once (exit 2) and never touches the data folder. Commands use the same
 * functions to read their values.
 */
import { reservationStatuses } from '../shared/reservation-basics'
import { stopSaleStatuses } from '../shared/stop-sale-basics'
import type { ParsedArgs } from './args'
import { CliError } from './errors'

export const DEFAULT_WAIT_S = 300

/** A whole number in range, or bad usage naming the option. */
export function intOption(raw: string, what: string, min: number, max: number): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw CliError.usage(`${what} must be a whole number from ${min} to ${max}, got "${raw}".`)
  }
  return n
}

/** A Sedna or local id: a positive whole number. */
export function positiveId(raw: string, what: string): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!Number.isSafeInteger(n) || n < 1) throw CliError.usage(`${what} must be a whole number, got "${raw}".`)
  return n
}

export const stopSaleIds = (words: readonly string[]) => [...new Set(words.map((w) => positiveId(w, 'a stop sale id')))]
export const reservationIds = (words: readonly string[]) => [
  ...new Set(words.map((w) => positiveId(w, 'a reservation id'))),
]

export function waitMs(args: ParsedArgs): number {
  const raw = args.options.wait
  return (typeof raw === 'string' ? intOption(raw, '--wait', 0, 86_400) : DEFAULT_WAIT_S) * 1000
}

/** --status values (repeated or comma-separated, `needs-attention` = `needs_attention`) out of `known`. */
export function statuses<S extends string>(args: ParsedArgs, known: readonly S[]): S[] {
  const raw = args.options.status
  const wanted = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim().toLowerCase().replace(/-/g, '_'))
    .filter(Boolean)
  for (const s of wanted) {
    if (!(known as readonly string[]).includes(s)) {
      throw CliError.usage(`--status must be one of ${known.join(', ')}; got "${s}".`)
    }
  }
  return [...new Set(wanted)] as S[]
}

export const stopSaleStatusesOf = (args: ParsedArgs) => statuses(args, stopSaleStatuses)
export const reservationStatusesOf = (args: ParsedArgs) => statuses(args, reservationStatuses)

export function allMode(raw: unknown, flag: string): 'explicit' | 'empty' | undefined {
  if (raw === undefined) return undefined
  if (raw === 'explicit' || raw === 'empty') return raw
  throw CliError.usage(`${flag} must be "explicit" or "empty", got "${String(raw)}".`)
}

/** Everything about a command's arguments that can be judged without the database. */
export function precheck(args: ParsedArgs): void {
  const o = args.options
  const p = args.positionals
  switch (args.command) {
    case 'profile set':
      if (typeof o.url !== 'string' || typeof o.username !== 'string') {
        throw CliError.usage('"profile set" needs --url URL and --username NAME.')
      }
      if (typeof o.authority === 'string') intOption(o.authority, '--authority', 1, 2 ** 31 - 1)
      allMode(o['all-rooms'], '--all-rooms')
      allMode(o['all-boards'], '--all-boards')
      return
    case 'list':
      stopSaleStatusesOf(args)
      return
    case 'reservations list':
      reservationStatusesOf(args)
      return
    case 'sync':
      if (o.all === true && p.length) throw CliError.usage('give stop sale ids or --all, not both.')
      if (o.all !== true && !p.length) throw CliError.usage('say what to send: stop sale ids, or --all.')
      stopSaleIds(p)
      waitMs(args)
      return
    case 'reservations sync':
      if (o.all === true && p.length) throw CliError.usage('give reservation ids or --all, not both.')
      if (o.all !== true && !p.length) throw CliError.usage('say what to send: reservation ids, or --all.')
      reservationIds(p)
      waitMs(args)
      return
    case 'reservations cancel':
      positiveId(p[0]!, 'a reservation id')
      waitMs(args)
      if (o.yes !== true) {
        throw CliError.usage(
          `cancelling reservation #${p[0]} in Sedna cannot be undone: add --yes to confirm (nothing was changed).`,
        )
      }
      return
    case 'queue':
      if (o.flush !== true && o.wait !== undefined) throw CliError.usage('--wait goes with --flush.')
      waitMs(args)
      return
    case 'map hotel':
      positiveId(p[1]!, 'HOTEL_ID')
      return
    case 'map room':
      positiveId(p[0]!, 'HOTEL_ID')
      positiveId(p[2]!, 'ROOM_TYPE_ID')
      return
    case 'map board':
      positiveId(p[1]!, 'BOARD_ID')
      return
    case 'map nationality':
      positiveId(p[1]!, 'COUNTRY_ID')
      return
    case 'sim':
      if (typeof o.port === 'string') intOption(o.port, '--port', 0, 65_535)
      return
    default:
      return
  }
}
