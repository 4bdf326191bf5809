/**
 * After every good pull of an account's mirror: each stop sale sent from here with that account (synced,
 * or flagged by an earlier pull) beside its copy in Sedna, in one query joining the two tables and one
 * IMMEDIATE transaction. Changed there → `changed_in_sedna` with the fields; deleted there →
 * `missing_in_sedna`; the same again → `synced`. Rows in the outbox or without a RecId are never read.
 *
 * "Deleted there": the mirror marked it gone (a full pull no longer saw it), or the mirror never held it
 * although a full pull that could tell deletions, covered its nights and started after it was sent read
 * everything. A mirror row read before the record was last sent or adopted is not compared: it may show
 * Sedna's copy from before ours (the next pull reads it again, as our write moved its update date).
 * A 'changes' pull looks only at the records it read (thousands of synced rows are not read again every
 * few minutes); a full one at every record of the account.
 */
import type Database from 'better-sqlite3'
import { message } from '../../shared/messages'
import type { Resolution } from '../../shared/resolution'
import type { DriftField } from '../../shared/sedna-records'
import type { SaleKind } from '../../shared/stop-sales'
import type { Db } from '../db/database'
import type { PulledEvent } from '../mirror/service'
import { driftOf } from './compare'
import { contextsOf, type ContextFor } from './context'
import { historyWriter } from './history'

/** The statuses drift reads and writes: sent and done, or flagged by an earlier pull. */
export const DRIFT_STATUSES = ['synced', 'changed_in_sedna', 'missing_in_sedna'] as const
type DriftStatus = (typeof DRIFT_STATUSES)[number]
const IN_DRIFT_STATUSES = `(${DRIFT_STATUSES.map((s) => `'${s}'`).join(', ')})`

/** A stop sale and its mirror row (m* null when the mirror does not hold its RecId). */
interface Joined {
  id: number
  status: DriftStatus
  firstNight: string
  lastNight: string
  kind: SaleKind
  roomCodes: string
  boardCodes: string
  resolution: string | null
  syncedAt: string | null
  recId: number
  drift: string | null
  mRecId: number | null
  beginDate: string
  endDate: string
  stopType: number | null
  state: number | null
  rooms: string | null
  boards: string | null
  roomRemark: string | null
  boardRemark: string | null
  pulledAt: string
  goneAt: string | null
}

const JOINED = `
  select s.id, s.status, s.first_night as firstNight, s.last_night as lastNight, s.kind,
         s.room_codes as roomCodes, s.board_codes as boardCodes, s.resolution, s.synced_at as syncedAt,
         s.sedna_rec_id as recId, s.drift,
         m.rec_id as mRecId, m.begin_date as beginDate, m.end_date as endDate, m.stop_type as stopType,
         m.state, m.rooms, m.boards, m.room_remark as roomRemark, m.board_remark as boardRemark,
         m.pulled_at as pulledAt, m.gone_at as goneAt
  from stop_sales s
  left join sedna_stop_sales m on m.profile_id = s.profile_id and m.rec_id = s.sedna_rec_id
  where s.profile_id = @profileId and s.sedna_rec_id is not null and s.status in ${IN_DRIFT_STATUSES}
    and (@kind = 'full' or m.pulled_at >= @startedAt)
  order by s.id`

type Verdict = { status: DriftStatus; drift: DriftField[] | null }

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T))

/** Whether a full pull would have read this record had it still been in Sedna. */
function fullPullSawAll(r: Joined, e: PulledEvent): boolean {
  return (
    e.kind === 'full' &&
    e.goneChecked &&
    e.windowFrom <= r.firstNight &&
    r.lastNight <= e.windowTo &&
    (r.syncedAt === null || e.startedAt > r.syncedAt)
  )
}

/** What the record's status should be now; undefined: nothing can be said (it stays as it is). */
function verdictOf(r: Joined, e: PulledEvent, contextFor: ContextFor): Verdict | undefined {
  if (r.mRecId === null) return fullPullSawAll(r, e) ? { status: 'missing_in_sedna', drift: null } : undefined
  if (r.goneAt !== null) return { status: 'missing_in_sedna', drift: null }
  if (r.syncedAt !== null && r.pulledAt < r.syncedAt) return undefined
  const resolution = json<Resolution>(r.resolution)
  if (!resolution?.ok) return undefined
  const drift = driftOf(
    {
      firstNight: r.firstNight,
      lastNight: r.lastNight,
      kind: r.kind,
      roomCodes: json<string[]>(r.roomCodes) ?? [],
      boardCodes: json<string[]>(r.boardCodes) ?? [],
      resolution,
    },
    {
      beginDate: r.beginDate,
      endDate: r.endDate,
      stopType: r.stopType,
      state: r.state,
      rooms: json<number[]>(r.rooms),
      boards: json<number[]>(r.boards),
      roomRemark: r.roomRemark,
      boardRemark: r.boardRemark,
    },
    contextFor(resolution.hotelId),
  )
  return drift.length ? { status: 'changed_in_sedna', drift } : { status: 'synced', drift: null }
}

export interface DetectOutcome {
  compared: number
  /** Stop sales whose status or drift changed. */
  ids: number[]
  changed: number
  missing: number
  synced: number
}

/** The detector of one database: call it with each good pull's event. */
export function createDetector(db: Db, sqlite: Database.Database, now: () => Date) {
  const joined = sqlite.prepare<[{ profileId: number; kind: string; startedAt: string }], Joined>(JOINED)
  const update = sqlite.prepare<[DriftStatus, string | null, string, number]>(
    `update stop_sales set status = ?, drift = ?, updated_at = ? where id = ? and status in ${IN_DRIFT_STATUSES}`,
  )
  const history = historyWriter(sqlite)

  const detect = sqlite.transaction((e: PulledEvent): DetectOutcome => {
    const outcome: DetectOutcome = { compared: 0, ids: [], changed: 0, missing: 0, synced: 0 }
    const contextFor = contextsOf(db, e.profileId)
    if (!contextFor) return outcome
    const at = now().toISOString()
    for (const r of joined.all({ profileId: e.profileId, kind: e.kind, startedAt: e.startedAt })) {
      outcome.compared++
      const v = verdictOf(r, e, contextFor)
      if (!v) continue
      const drift = v.drift === null ? null : JSON.stringify(v.drift)
      if (v.status === r.status && drift === r.drift) continue
      update.run(v.status, drift, at, r.id)
      outcome.ids.push(r.id)
      if (v.status === 'changed_in_sedna') {
        outcome.changed++
        history(r.id, message('drift.flaggedChanged', { recId: r.recId }), at)
      } else if (v.status === 'missing_in_sedna') {
        outcome.missing++
        history(r.id, message('drift.flaggedMissing', { recId: r.recId }), at)
      } else {
        outcome.synced++
        history(r.id, message('drift.inLineAgain', { recId: r.recId }), at)
      }
    }
    return outcome
  })

  return (e: PulledEvent): DetectOutcome => detect.immediate(e)
}
