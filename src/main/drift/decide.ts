/**
 * The person's two choices for a stop sale Sedna's copy moved away from, each one IMMEDIATE transaction
 * that re-reads the row (another process may have decided a moment ago) and says in its history what
 * was chosen:
 *  - accept Sedna's version (changed only): the record here follows the mirror's copy — nights, kind,
 *    rooms and boards (codes from the ids, and the ids it would send) — and is synced again;
 *  - send ours again: changed → `created`, due now (the outbox sends phase 2 on the same RecId);
 *    deleted there → created anew, only once confirmed: RecId, phase-1 mark and adoption cleared,
 *    `queued` (the runner looks in Sedna before this first send, as for any other).
 * The import's dedupe key is kept: the same e-mail imported again stays a duplicate of this record.
 */
import { and, eq } from 'drizzle-orm'
import { acceptedMessage } from '../../shared/contracts/drift'
import { message } from '../../shared/messages'
import type { Db } from '../db/database'
import { stopSales, type SednaStopSaleRow, type StopSaleRow } from '../db/schema'
import { AppFailure } from '../errors'
import { lastErrorColumns } from '../outbox/messages'
import { followSedna } from './compare'
import { contextsOf } from './context'
import type { WriteHistory } from './history'

export interface Decisions {
  acceptSedna(id: number): StopSaleRow
  sendOursAgain(id: number, confirm: boolean): StopSaleRow
}

export function createDecisions(deps: {
  db: Db
  history: WriteHistory
  mirrorRow: (profileId: number, recId: number) => SednaStopSaleRow | undefined
  now: () => Date
}): Decisions {
  const { db, history, now } = deps

  function current(id: number): StopSaleRow {
    const row = db.select().from(stopSales).where(eq(stopSales.id, id)).get()
    if (!row) throw AppFailure.coded('not-found', message('record.stopSaleNotFound', { id }))
    return row
  }

  /** Writes `set` to the row while its status is still the one read (the same transaction). */
  function write(row: StopSaleRow, set: Partial<StopSaleRow>, at: string): StopSaleRow {
    const done = db
      .update(stopSales)
      .set({ ...set, updatedAt: at })
      .where(and(eq(stopSales.id, row.id), eq(stopSales.status, row.status)))
      .returning()
      .get()
    if (!done) throw AppFailure.coded('conflict', message('drift.notDrifted', { id: row.id }))
    return done
  }

  function acceptSedna(id: number): StopSaleRow {
    const row = current(id)
    const recId = row.sednaRecId
    if (row.status !== 'changed_in_sedna' || recId === null || row.profileId === null || !row.resolution?.ok) {
      throw AppFailure.coded('conflict', message('drift.notChanged', { id }))
    }
    const theirs = deps.mirrorRow(row.profileId, recId)
    if (!theirs || theirs.goneAt !== null) {
      throw AppFailure.coded('conflict', message('drift.noSednaCopy', { id, recId }))
    }
    const contextFor = contextsOf(db, row.profileId)
    if (!contextFor) throw AppFailure.coded('conflict', message('drift.noSednaCopy', { id, recId }))
    const followed = followSedna({ ...row, resolution: row.resolution }, theirs, contextFor(row.resolution.hotelId))
    if (!followed.ok) {
      const code = followed.what === 'rooms' ? 'drift.unknownRooms' : 'drift.unknownBoards'
      throw AppFailure.coded('conflict', message(code, { id, ids: followed.unknown.join(', ') }))
    }
    const v = followed.values
    const at = now().toISOString()
    const done = write(row, { ...v, status: 'synced', drift: null, ...lastErrorColumns(null) }, at)
    history(
      id,
      acceptedMessage(recId, { ...v, allRooms: v.resolution.allRooms, allBoards: v.resolution.allBoards }),
      at,
    )
    return done
  }

  function sendOursAgain(id: number, confirm: boolean): StopSaleRow {
    const row = current(id)
    const recId = row.sednaRecId
    const at = now().toISOString()
    const due = { drift: null, nextAttemptAt: at, waitingForNetwork: false, ...lastErrorColumns(null) }
    if (row.status === 'changed_in_sedna' && recId !== null) {
      const done = write(row, { ...due, status: 'created' }, at)
      history(id, message('drift.resendQueued', { recId }), at)
      return done
    }
    if (row.status === 'missing_in_sedna' && recId !== null) {
      if (!confirm) throw AppFailure.coded('validation', message('drift.confirmNeeded', { id, recId }))
      const done = write(
        row,
        { ...due, status: 'queued', sednaRecId: null, phase1SentAt: null, sednaFound: null, syncedAt: null },
        at,
      )
      history(id, message('drift.recreateQueued', { recId }), at)
      return done
    }
    throw AppFailure.coded('conflict', message('drift.notDrifted', { id }))
  }

  return {
    acceptSedna: (id) => db.transaction(() => acceptSedna(id), { behavior: 'immediate' }),
    sendOursAgain: (id, confirm) => db.transaction(() => sendOursAgain(id, confirm), { behavior: 'immediate' }),
  }
}
