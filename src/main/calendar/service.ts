/**
 * A hotel's calendar (#15): nights across, the "all rooms" row and the hotel's room types down, each
 * cell decided by the net-state rule (shared/net-state.ts) over Sedna's records from the mirror and this
 * desk's own, sent or waiting. A record of ours that Sedna holds (the mirror read its RecId) is shown once,
 * as Sedna's copy — that is the truth — linked to ours; ours is shown as waiting until both phases are done.
 * Two reads per calendar (the mirror's records, ours), a few reference reads, then pure work.
 */
import type Database from 'better-sqlite3'
import { CALENDAR_MAX_NIGHTS, type Calendar, type CalendarNotice } from '../../shared/contracts/calendar'
import type { CallParsedInput } from '../../shared/ipc'
import { message } from '../../shared/messages'
import { byDeclaration, netState, nightsOf, type Notice } from '../../shared/net-state'
import { nightCount } from '../../shared/stop-sale-basics'
import type { Db } from '../db/database'
import type { ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import { createPlacer, isSent, localDeclaredAt, localReader, referenceReader, type LocalRow } from './local-notices'
import {
  concernsOperator,
  inForce,
  kindOfStopType,
  mirrorReader,
  sednaDeclaredAt,
  sednaScope,
  type Known,
  type MirrorRow,
  type Scope,
} from './sedna-notices'

export interface CalendarService {
  get(input: CallParsedInput<'calendar.get'>): Calendar
}

export interface CalendarDeps {
  db: Db
  sqlite: Database.Database
  profiles: { active(): ProfileRow | undefined; get(id: number): ProfileRow }
}

/** The "all rooms" row's id as the rule sees it: only notices naming every room paint it. */
const ALL_ROOMS_ROW = -1

/** A YYYY-MM-DD that is a day of the calendar (not 2026-02-30). */
const realDay = (date: string) => {
  const t = Date.parse(`${date}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date
}

type Entry = CalendarNotice & { rooms: Scope; boards: Scope; inSedna: boolean }

export function createCalendarService(deps: CalendarDeps): CalendarService {
  const { db, sqlite, profiles } = deps
  const readMirror = mirrorReader(sqlite)
  const readLocal = localReader(sqlite)
  const reference = referenceReader(sqlite)
  // The account's last good pull (as mirror/store.ts's lastGood): how old "closed in Sedna" is.
  const lastGoodPull = sqlite.prepare<[number], { finishedAt: string }>(
    `select finished_at as finishedAt from sedna_pulls
      where profile_id = ? and finished_at is not null and error_code is null order by id desc limit 1`,
  )
  const hotelName = sqlite.prepare<[number, number], { name: string }>(
    'select name from ref_hotels where profile_id = ? and sedna_id = ?',
  )

  function account(profileId: number | undefined): { profile: ProfileRow; active: boolean } {
    const active = profiles.active()
    if (profileId !== undefined) return { profile: profiles.get(profileId), active: active?.id === profileId }
    if (!active) {
      throw AppFailure.coded('validation', message('calendar.noAccount'))
    }
    return { profile: active, active: true }
  }

  return {
    get(input) {
      const { hotelId, from, to, board } = input
      // The contract checks the shape only: 2026-02-30 would be read as 2 March, 2026-13-01 as no night at all.
      for (const date of [from, to]) {
        if (!realDay(date)) throw AppFailure.coded('validation', message('calendar.badDate', { date }))
      }
      if (nightCount(from, to) > CALENDAR_MAX_NIGHTS) {
        throw AppFailure.coded('validation', message('calendar.tooManyNights', { max: CALENDAR_MAX_NIGHTS }))
      }
      const { profile, active } = account(input.profileId)
      const hotel = hotelName.get(profile.id, hotelId)
      if (!hotel) throw AppFailure.coded('not-found', message('calendar.unknownHotel', { hotelId }))

      const rooms = reference.rooms(profile.id, hotelId)
      const boards = reference.boards(profile.id)
      const roomCode = new Map(rooms.map((r) => [r.id, r.code]))
      const boardCode = new Map(boards.map((b) => [b.id, b.code]))
      const codesOf = (scope: Scope, known: Map<number, string>) =>
        scope === 'all' ? ['*'] : scope.map((id) => known.get(id) ?? `#${id}`)
      const allOr = (all: boolean, ids: readonly number[], known: readonly Known[]): Scope =>
        all || (known.length > 0 && known.every((k) => ids.includes(k.id))) ? 'all' : ids

      const operator = { id: profile.operatorId, code: profile.operatorCode }
      const mirrorRows = readMirror({ profileId: profile.id, hotelId, from, to })
      const localRows = readLocal({ profileId: profile.id, active: active ? 1 : 0, hotelId, from, to })

      // Ours by the RecId Sedna gave it: a sent one is shown as Sedna's copy; a waiting one hides that copy.
      const oursByRecId = new Map<number, LocalRow>()
      for (const row of localRows)
        if (row.recId !== null && !oursByRecId.has(row.recId)) oursByRecId.set(row.recId, row)

      const entries: Entry[] = []
      const inMirror = new Set<number>()
      for (const m of mirrorRows) {
        inMirror.add(m.recId)
        const ours = oursByRecId.get(m.recId)
        if (ours && !isSent(ours.status)) continue
        const kind = kindOfStopType(m.stopType) ?? (ours ? ours.kind : null)
        if (!kind || !inForce(m.state)) continue
        // Another operator's stop closes nothing for this account (ours are always shown).
        if (!ours && !concernsOperator(m.operators, m.operatorRemark, operator)) continue
        entries.push(sednaEntry(m, kind, ours))
      }

      function sednaEntry(m: MirrorRow, kind: 'close' | 'open', ours: LocalRow | undefined): Entry {
        const roomScope = sednaScope(m.rooms, m.roomRemark, rooms)
        const boardScope = sednaScope(m.boards, m.boardRemark, boards)
        return {
          key: `sedna:${m.recId}`,
          source: 'sedna',
          stopSaleId: ours?.id ?? null,
          recId: m.recId,
          kind,
          firstNight: m.beginDate,
          lastNight: m.endDate,
          roomTypeIds: roomScope === 'all' ? null : [...roomScope],
          roomCodes: codesOf(roomScope, roomCode),
          boardIds: boardScope === 'all' ? null : [...boardScope],
          boardCodes: codesOf(boardScope, boardCode),
          declaredAt: sednaDeclaredAt(m),
          recordUser: m.recordUser,
          status: ours?.status ?? null,
          changedInSedna: ours?.status === 'changed_in_sedna',
          rooms: roomScope,
          boards: boardScope,
          inSedna: true,
        }
      }

      const place = createPlacer(db, profile, hotelId, {
        rooms,
        boards,
        operatorRooms: () => reference.rooms(profile.id, 0),
        mapped: reference.mapped(profile.id, hotelId),
      })
      const unplaced: Calendar['unplaced'] = []
      for (const row of localRows) {
        const sent = isSent(row.status)
        if (sent && row.recId !== null && inMirror.has(row.recId)) continue // shown as Sedna's copy
        if (row.firstNight > to || row.lastNight < from) continue
        const placed = place(row)
        if (placed.at === 'elsewhere') continue
        if (placed.at === 'unplaced') {
          if (!sent) unplaced.push({ stopSaleId: row.id, reason: placed.reason })
          continue
        }
        const r = placed.resolution
        const roomScope = allOr(r.allRooms, r.roomTypeIds, rooms)
        const boardScope = allOr(r.allBoards, r.boardIds, boards)
        entries.push({
          key: `local:${row.id}`,
          source: 'local',
          stopSaleId: row.id,
          recId: row.recId,
          kind: row.kind,
          firstNight: row.firstNight,
          lastNight: row.lastNight,
          roomTypeIds: roomScope === 'all' ? null : [...roomScope],
          roomCodes: codesOf(roomScope, roomCode),
          boardIds: boardScope === 'all' ? null : [...boardScope],
          boardCodes: codesOf(boardScope, boardCode),
          declaredAt: localDeclaredAt(row),
          recordUser: profile.recordUser,
          status: row.status,
          changedInSedna: row.status === 'changed_in_sedna',
          rooms: roomScope,
          boards: boardScope,
          inSedna: sent,
        })
      }

      // Only what counts for the board asked is listed; in the order the rule paints them.
      const notices = entries
        .filter((e) => board === undefined || e.boards === 'all' || e.boards.includes(board))
        .sort(byDeclaration)
      const known = new Set(rooms.map((r) => r.id))
      const strangers = [
        ...new Set(notices.flatMap((n) => (n.rooms === 'all' ? [] : n.rooms.filter((id) => !known.has(id))))),
      ].sort((a, b) => a - b)
      const byCode = [...rooms].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id - b.id))
      const rowIds = [ALL_ROOMS_ROW, ...byCode.map((r) => r.id), ...strangers]
      const nights = nightsOf(from, to)
      const ruled: Notice[] = notices
      const net = netState(ruled, { nights, rooms: rowIds, board })
      const indexOf = new Map(notices.map((n, i) => [n.key, i]))

      return {
        profileId: profile.id,
        hotel: { id: hotelId, name: hotel.name },
        nights,
        board: board ?? null,
        boards: boards.map((b) => ({ id: b.id, code: b.code, name: b.name })),
        rows: rowIds.map((id, r) => {
          const room = rooms.find((x) => x.id === id)
          return {
            roomTypeId: id === ALL_ROOMS_ROW ? null : id,
            code: id === ALL_ROOMS_ROW ? '*' : (room?.code ?? `#${id}`),
            name: room?.name ?? null,
            states: net.states[r]!,
            winners: net.winners[r]!.map((key) => (key === null ? -1 : indexOf.get(key)!)),
          }
        }),
        notices: notices.map(({ rooms: _r, boards: _b, inSedna: _s, ...notice }) => notice),
        unplaced,
        mirrorPulledAt: lastGoodPull.get(profile.id)?.finishedAt ?? null,
      }
    },
  }
}
