/**
 * `calendar HOTEL --from DATE --to DATE [--board CODE]`: a hotel's nights × room types as the calendar
 * screen shows them (main's calendar service: Sedna's records from the mirror and this desk's own, the
 * notice declared last deciding each night). HOTEL is a Sedna hotel id or a name (Turkish-aware: one clear
 * match among the cached hotels, else bad usage listing candidates). Text: a grid, one character a night;
 * --json: `{ hotel: { id, name }, nights, rows: [{ roomTypeId, code, states }], board, unplaced, mirrorPulledAt }`.
 */
import type { Calendar } from '../../shared/contracts/calendar'
import type { NightState } from '../../shared/net-state'
import { normalizeCode, normalizeHotelName } from '../../main/reference/hotel-matching'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError, EXIT } from '../errors'
import type { CommandResult } from '../output'

const MARK: Record<NightState, string> = { closed: '#', open: '.', closing: 'c', opening: 'o' }

/** This computer's time of an ISO instant: its day (worded by `day`) and HH:mm. */
function localTime(iso: string, day: (d: string) => string): string {
  const t = new Date(iso)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${day(`${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())}`)} ${two(t.getHours())}:${two(t.getMinutes())}`
}

const en = {
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  allRooms: 'all rooms',
  day: (d: string) => d,
  time: (iso: string) => localTime(iso, (d) => d),
  board: (code: string) => `board ${code}`,
  allBoards: 'all boards',
  legend: '# closed in Sedna   . open   c closing (waiting to be sent)   o opening (waiting to be sent)',
  mirror: (at: string | null) =>
    at ? `Sedna's stop sales as last read at ${at}.` : "Sedna's stop sales have not been read yet (run pull).",
  unplaced: (n: number) =>
    `${n} stop sale${n === 1 ? '' : 's'} waiting to be sent could not be placed (not in the grid):`,
}
const tr: typeof en = {
  months: ['Oca', 'Şub', 'Mar', 'Nis', 'May', 'Haz', 'Tem', 'Ağu', 'Eyl', 'Eki', 'Kas', 'Ara'],
  allRooms: 'tüm odalar',
  day: (d) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`,
  time: (iso) => localTime(iso, tr.day),
  board: (code) => `pansiyon ${code}`,
  allBoards: 'tüm pansiyonlar',
  legend: '# Sedna’da kapalı   . açık   c kapanacak (gönderilmeyi bekliyor)   o açılacak (gönderilmeyi bekliyor)',
  mirror: (at) =>
    at
      ? `Sedna’daki stop sale’ler en son ${at} tarihinde okundu.`
      : 'Sedna’daki stop sale’ler henüz okunmadı (pull çalıştırın).',
  unplaced: (n) => `Gönderilmeyi bekleyen ${n} stop sale yerleştirilemedi (tabloda yok):`,
}

/** YYYY-MM-DD or dd.MM.yyyy, a real day; answered as YYYY-MM-DD. */
export function dayArg(value: unknown, option: string): string {
  if (typeof value !== 'string') throw CliError.usage(`"calendar" needs ${option} DATE (YYYY-MM-DD or dd.MM.yyyy).`)
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value)
  const day = dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : value
  const t = Date.parse(`${day}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) {
    throw CliError.usage(`${option} takes a date as YYYY-MM-DD or dd.MM.yyyy, not "${value}".`)
  }
  return day
}

/** A hotel id, or the one cached hotel whose name matches (folded alike, or containing what was typed). */
async function hotelOf(cli: CliContext, profileId: number, given: string): Promise<number> {
  if (/^\d+$/.test(given.trim())) return Number(given.trim())
  const key = normalizeHotelName(given)
  const found = key ? await cli.call('reference.hotels', { profileId, query: given, limit: 200 }) : []
  const exact = found.filter((h) => h.exact)
  const containing = found.filter((h) => normalizeHotelName(h.name).includes(key))
  const clear = exact.length ? exact : containing
  if (clear.length === 1) return clear[0]!.id
  const candidates = (clear.length ? clear : found).slice(0, 5).map((h) => `${h.name} (${h.id})`)
  throw CliError.usage(
    candidates.length
      ? `"${given}" matches ${clear.length > 1 ? 'several hotels' : 'no hotel exactly'}; give one of: ${candidates.join(', ')} (a name or an id).`
      : `no hotel known to this Sedna account matches "${given}" (give a Sedna hotel id, or run "refs refresh").`,
  )
}

async function boardOf(cli: CliContext, profileId: number, given: unknown): Promise<number | undefined> {
  if (typeof given !== 'string') return undefined
  const boards = await cli.call('reference.boards', { profileId })
  const code = normalizeCode(given)
  const board = boards.find((b) => normalizeCode(b.code) === code) ?? boards.find((b) => String(b.id) === given.trim())
  if (!board) {
    throw CliError.usage(`no board "${given}" is known; known: ${boards.map((b) => b.code).join(', ') || 'none'}.`)
  }
  return board.id
}

/** Runs of nights printed together: whole months, at most about three months wide. */
function blocks(nights: readonly string[]): [number, number][] {
  const out: [number, number][] = []
  let start = 0
  for (let i = 1; i <= nights.length; i++) {
    const monthEnds = i === nights.length || nights[i]!.slice(0, 7) !== nights[i - 1]!.slice(0, 7)
    if (!monthEnds) continue
    const next = nights.slice(i).findIndex((n, j) => j > 0 && n.slice(0, 7) !== nights[i]!.slice(0, 7))
    const nextMonthLength = next === -1 ? nights.length - i : next
    if (i === nights.length || i - start + nextMonthLength > 93) {
      out.push([start, i])
      start = i
    }
  }
  return out
}

export function calendarText(c: Calendar, lang: 'en' | 'tr', boardCode: string | null): string {
  const w = lang === 'tr' ? tr : en
  const label = (code: string) => (code === '*' ? w.allRooms : code)
  const width = Math.max(...c.rows.map((r) => label(r.code).length), 4) + 2
  const pad = (s: string) => s.padEnd(width)
  const lines = [
    `${c.hotel.name} (${c.hotel.id}) · ${w.day(c.nights[0]!)} – ${w.day(c.nights.at(-1)!)} · ${boardCode ? w.board(boardCode) : w.allBoards}`,
  ]
  for (const [from, to] of blocks(c.nights)) {
    const nights = c.nights.slice(from, to)
    // "|" and the month's name where a month begins; the day of the month as two rows of digits (tens, units).
    const months = Array<string>(nights.length).fill(' ')
    nights.forEach((n, i) => {
      if (i > 0 && !n.endsWith('-01')) return
      const name = `|${w.months[Number(n.slice(5, 7)) - 1]} ${n.slice(0, 4)}`
      for (let k = 0; k < name.length; k++) months[i + k] = name[k]!
    })
    lines.push('', (pad('') + months.join('')).trimEnd())
    lines.push(pad('') + nights.map((n) => (n[8] === '0' ? ' ' : n[8])).join(''))
    lines.push(pad('') + nights.map((n) => n[9]).join(''))
    for (const row of c.rows)
      lines.push(
        pad(label(row.code)) +
          row.states
            .slice(from, to)
            .map((s) => MARK[s])
            .join(''),
      )
  }
  lines.push('', w.legend, w.mirror(c.mirrorPulledAt === null ? null : w.time(c.mirrorPulledAt)))
  return lines.join('\n')
}

export async function calendarCommand(cli: CliContext, args: ParsedArgs): Promise<CommandResult> {
  const o = args.options
  const from = dayArg(o.from, '--from')
  const to = dayArg(o.to, '--to')
  if (from > to) throw CliError.usage(`--from ${from} is after --to ${to}.`)
  const profile = cli.activeProfile()
  const hotelId = await hotelOf(cli, profile.id, args.positionals[0]!)
  const board = await boardOf(cli, profile.id, o.board)
  const c = await cli.call('calendar.get', {
    hotelId,
    from,
    to,
    profileId: profile.id,
    ...(board !== undefined ? { board } : {}),
  })
  const boardCode = c.boards.find((b) => b.id === c.board)?.code ?? null
  let text = calendarText(c, cli.lang, boardCode)
  if (c.unplaced.length) {
    const w = cli.lang === 'tr' ? tr : en
    text += `\n${w.unplaced(c.unplaced.length)}\n${c.unplaced.map((u) => `  #${u.stopSaleId}: ${cli.say(u.reason)}`).join('\n')}`
  }
  return {
    exitCode: EXIT.ok,
    json: {
      hotel: c.hotel,
      nights: c.nights,
      rows: c.rows.map((r) => ({ roomTypeId: r.roomTypeId, code: r.code, states: r.states })),
      board: boardCode,
      unplaced: c.unplaced,
      mirrorPulledAt: c.mirrorPulledAt,
    },
    text,
  }
}
