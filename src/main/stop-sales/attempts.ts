/** The history of requests made to Sedna for one stop sale: shared by stopSales.attempts and stopSales.detail. */
import type { z } from 'zod'
import type { syncAttemptSchema } from '../../shared/sync'
import type { Db } from '../db/database'
import { syncAttempts } from '../db/schema'
import { attemptView, storedAttempts } from '../records/attempts'

export type SyncAttemptView = z.output<typeof syncAttemptSchema>

/** Every attempt for the stop sale, oldest first; bodies as stored (redacted by the client). */
export function attemptsOf(db: Db, stopSaleId: number): SyncAttemptView[] {
  return storedAttempts(db, syncAttempts, syncAttempts.stopSaleId, stopSaleId).map(({ stopSaleId: _, ...a }) =>
    attemptView(a),
  )
}
