/**
 * The mirror's two tables: `sedna_stop_sales` (Sedna's records as last read, per account) and
 * `sedna_pulls` (one row per pull: what it asked, how it ended, its high-water mark). A chunk of a pull
 * is written in one transaction with prepared statements (a full pull writes tens of thousands of rows).
 */
import type Database from 'better-sqlite3'
import { and, count, desc, eq, gte, isNotNull, isNull, lt, lte } from 'drizzle-orm'
import type { PullKind } from '../../shared/contracts/mirror'
import type { MessageParams } from '../../shared/result'
import type { Db } from '../db/database'
import { sednaPulls, sednaStopSales, type SednaPullRow, type SednaStopSaleRow } from '../db/schema'
import type { MirrorValues } from './read-record'
import type { NightRange } from './window'

/** The columns a pull compares to tell whether a record changed (everything Sedna said). */
const CONTENT = [
  'hotel_id',
  'begin_date',
  'end_date',
  'declare_date',
  'stop_type',
  'state',
  'record_user',
  'room_remark',
  'operator_remark',
  'board_remark',
  'rooms',
  'boards',
  'operators',
  'markets',
  'record_date',
  'update_date',
] as const
type Content = Record<(typeof CONTENT)[number], string | number | null>

function contentOf(v: MirrorValues): Content {
  const json = (ids: number[] | null) => (ids === null ? null : JSON.stringify(ids))
  return {
    hotel_id: v.hotelId,
    begin_date: v.beginDate,
    end_date: v.endDate,
    declare_date: v.declareDate,
    stop_type: v.stopType,
    state: v.state,
    record_user: v.recordUser,
    room_remark: v.roomRemark,
    operator_remark: v.operatorRemark,
    board_remark: v.boardRemark,
    rooms: json(v.rooms),
    boards: json(v.boards),
    operators: json(v.operators),
    markets: json(v.markets),
    record_date: v.recordDate,
    update_date: v.updateDate,
  }
}

export interface PullStart {
  profileId: number
  kind: PullKind
  startedAt: string
  window: NightRange
  sinceDay: string | null
}

export interface PullEnd {
  finishedAt: string
  highWater: string | null
  received: number
  changed: number
  gone: number
}

export type MirrorStore = ReturnType<typeof createMirrorStore>

export function createMirrorStore(db: Db, sqlite: Database.Database) {
  const columns = CONTENT.join(', ')
  const stored = sqlite.prepare<[number, number], Content & { gone_at: string | null }>(
    `select ${columns}, gone_at from sedna_stop_sales where profile_id = ? and rec_id = ?`,
  )
  const upsert = sqlite.prepare(
    `insert into sedna_stop_sales (profile_id, rec_id, ${columns}, pulled_at, gone_at)
     values (@profile_id, @rec_id, ${CONTENT.map((c) => `@${c}`).join(', ')}, @pulled_at, null)
     on conflict (profile_id, rec_id) do update set
       ${CONTENT.map((c) => `${c} = excluded.${c}`).join(', ')},
       pulled_at = max(pulled_at, excluded.pulled_at), gone_at = null`,
  )
  // Seen again unchanged: only "when a pull last read it" moves (never backwards: two processes may pull).
  const touch = sqlite.prepare<[string, number, number]>(
    'update sedna_stop_sales set pulled_at = max(pulled_at, ?) where profile_id = ? and rec_id = ?',
  )

  /** One chunk's records in one transaction; answers how many were new, different or back from gone. */
  const writeChunk = sqlite.transaction((profileId: number, pulledAt: string, records: MirrorValues[]): number => {
    let changed = 0
    for (const record of records) {
      const content = contentOf(record)
      const before = stored.get(profileId, record.recId)
      if (before && before.gone_at === null && CONTENT.every((c) => before[c] === content[c])) {
        touch.run(pulledAt, profileId, record.recId)
        continue
      }
      upsert.run({ ...content, profile_id: profileId, rec_id: record.recId, pulled_at: pulledAt })
      changed++
    }
    return changed
  })

  const live = (profileId: number) => and(eq(sednaStopSales.profileId, profileId), isNull(sednaStopSales.goneAt))

  return {
    writeChunk: (profileId: number, pulledAt: string, records: MirrorValues[]) =>
      writeChunk.immediate(profileId, pulledAt, records),

    /**
     * After a whole full pull: the records of the window it did not see are gone (Sedna has no delete
     * notice). Seen = read by this pull or by one that started later (`pulled_at` only moves forward).
     */
    markGone(profileId: number, window: NightRange, pullStartedAt: string, at: string): number {
      return db
        .update(sednaStopSales)
        .set({ goneAt: at })
        .where(
          and(
            live(profileId),
            lte(sednaStopSales.beginDate, window.to),
            gte(sednaStopSales.endDate, window.from),
            lt(sednaStopSales.pulledAt, pullStartedAt),
          ),
        )
        .run().changes
    },

    liveCount(profileId: number): number {
      return db.select({ n: count() }).from(sednaStopSales).where(live(profileId)).get()?.n ?? 0
    },

    startPull(p: PullStart): number {
      return db
        .insert(sednaPulls)
        .values({
          profileId: p.profileId,
          kind: p.kind,
          startedAt: p.startedAt,
          fromNight: p.window.from,
          toNight: p.window.to,
          sinceDay: p.sinceDay,
        })
        .returning({ id: sednaPulls.id })
        .get().id
    },

    finishPull(id: number, end: PullEnd): void {
      db.update(sednaPulls).set(end).where(eq(sednaPulls.id, id)).run()
    },

    failPull(id: number, at: string, error: { code: string; params?: MessageParams | undefined }): void {
      db.update(sednaPulls)
        .set({ finishedAt: at, errorCode: error.code, errorParams: error.params ?? null })
        .where(eq(sednaPulls.id, id))
        .run()
    },

    /** The last pull that finished without an error (of one kind, or either). */
    lastGood(profileId: number, kind?: PullKind): SednaPullRow | undefined {
      return db
        .select()
        .from(sednaPulls)
        .where(
          and(
            eq(sednaPulls.profileId, profileId),
            isNotNull(sednaPulls.finishedAt),
            isNull(sednaPulls.errorCode),
            kind ? eq(sednaPulls.kind, kind) : undefined,
          ),
        )
        .orderBy(desc(sednaPulls.id))
        .get()
    },

    /** The latest pull that ended, well or not. */
    lastEnded(profileId: number): SednaPullRow | undefined {
      return db
        .select()
        .from(sednaPulls)
        .where(and(eq(sednaPulls.profileId, profileId), isNotNull(sednaPulls.finishedAt)))
        .orderBy(desc(sednaPulls.id))
        .get()
    },

    /** Records of a hotel whose nights overlap [from, to], first night first (gone ones only when asked). */
    records(
      profileId: number,
      hotelId: number,
      from: string,
      to: string,
      opts: { includeGone?: boolean } = {},
    ): SednaStopSaleRow[] {
      return db
        .select()
        .from(sednaStopSales)
        .where(
          and(
            opts.includeGone ? eq(sednaStopSales.profileId, profileId) : live(profileId),
            eq(sednaStopSales.hotelId, hotelId),
            lte(sednaStopSales.beginDate, to),
            gte(sednaStopSales.endDate, from),
          ),
        )
        .orderBy(sednaStopSales.beginDate, sednaStopSales.recId)
        .all()
    },

    byRecId(profileId: number, recId: number): SednaStopSaleRow | undefined {
      return db
        .select()
        .from(sednaStopSales)
        .where(and(eq(sednaStopSales.profileId, profileId), eq(sednaStopSales.recId, recId)))
        .get()
    },
  }
}
