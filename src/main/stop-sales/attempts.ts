/** The history of requests made to Sedna for one stop sale: shared by stopSales.attempts and stopSales.detail. */
import { asc, eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { syncAttemptSchema } from '../../shared/sync'
import type { Db } from '../db/database'
import { syncAttempts } from '../db/schema'

export type SyncAttemptView = z.output<typeof syncAttemptSchema>

/** Every attempt for the stop sale, oldest first; bodies as stored (redacted by the client). */
export function attemptsOf(db: Db, stopSaleId: number): SyncAttemptView[] {
  return db
    .select()
    .from(syncAttempts)
    .where(eq(syncAttempts.stopSaleId, stopSaleId))
    .orderBy(asc(syncAttempts.id))
    .all()
    .map((a) => ({
      id: a.id,
      startedAt: a.startedAt,
      phase: a.phase,
      outcome: a.outcome,
      httpStatus: a.httpStatus,
      sednaErrorType: a.sednaErrorType,
      message: a.message,
      durationMs: a.durationMs,
      requestBody: a.requestBody,
      responseBody: a.responseBody,
    }))
}
