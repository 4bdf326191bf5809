/** Reading and writing stop sales. Plain TypeScript over drizzle: runs in the app, the CLI and tests. */
import { count, desc, eq, inArray } from 'drizzle-orm'
import { isoDateSchema, stopSaleStatuses, type StopSale, type StopSaleStatus } from '../../shared/stop-sales'
import type { CallOutput, CallParsedInput } from '../../shared/ipc'
import type { Db } from '../db/database'
import { dedupeKey } from '../import/dedupe'
import { stopSales, type NewStopSaleRow, type StopSaleRow } from '../db/schema'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'

export type NewStopSale = Omit<NewStopSaleRow, 'id' | 'createdAt' | 'updatedAt' | 'status' | 'sednaRecId'>

export interface StopSaleService {
  list(query: CallParsedInput<'stopSales.list'>): CallOutput<'stopSales.list'>
  get(id: number): StopSale
  add(records: readonly NewStopSale[]): number[]
}

export function createStopSaleService(db: Db, events: EventBus): StopSaleService {
  return {
    list({ statuses, limit, offset }) {
      const where = statuses?.length ? inArray(stopSales.status, statuses) : undefined
      const rows = db
        .select()
        .from(stopSales)
        .where(where)
        .orderBy(desc(stopSales.id))
        .limit(limit)
        .offset(offset)
        .all()
      const counts = db.select({ status: stopSales.status, n: count() }).from(stopSales).groupBy(stopSales.status).all()
      const countsByStatus = Object.fromEntries(stopSaleStatuses.map((s) => [s, 0])) as Record<StopSaleStatus, number>
      let total = 0
      for (const { status, n } of counts) {
        countsByStatus[status] = n
        if (!statuses?.length || statuses.includes(status)) total += n
      }
      return { rows: rows.map(toStopSale), total, countsByStatus }
    },

    get(id) {
      const row = db.select().from(stopSales).where(eq(stopSales.id, id)).get()
      if (!row) throw new AppFailure('not-found', `Stop sale #${id} does not exist (it may have been deleted).`)
      return toStopSale(row)
    },

    add(records) {
      if (records.length === 0) return []
      records.forEach((r, i) => {
        for (const night of [r.firstNight, r.lastNight]) {
          if (!isoDateSchema.safeParse(night).success) {
            throw new AppFailure('validation', `Stop sale ${i + 1}: "${night}" is not a real date (YYYY-MM-DD).`)
          }
        }
      })
      const ids = db.transaction((tx) =>
        records.map(
          (r) =>
            tx
              .insert(stopSales)
              .values({
                ...r,
                dedupeKey:
                  r.dedupeKey ??
                  dedupeKey({
                    ...r,
                    roomCodes: r.roomCodes ?? [],
                    boardCodes: r.boardCodes ?? [],
                    marketIds: r.marketIds ?? [],
                  }),
              })
              .returning({ id: stopSales.id })
              .get().id,
        ),
      )
      events.emit('stopSales.changed', { ids })
      return ids
    },
  }
}

export function toStopSale(row: StopSaleRow): StopSale {
  return {
    id: row.id,
    hotelName: row.hotelName,
    hotelId: row.hotelId,
    roomCodes: row.roomCodes,
    boardCodes: row.boardCodes,
    marketIds: row.marketIds,
    firstNight: row.firstNight,
    lastNight: row.lastNight,
    kind: row.kind,
    reason: row.reason,
    sourceMessageId: row.sourceMessageId,
    sourceReceivedAt: row.sourceReceivedAt,
    sourceSubject: row.sourceSubject,
    status: row.status,
    sednaRecId: row.sednaRecId,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}
