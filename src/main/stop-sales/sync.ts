/**
 * Stop sales as a kind of the outbox: what differs from any other record on its way to Sedna — the
 * vendor's two-phase save, as a persisted state machine:
 *   queued → creating (phase 1 may be out) → created (RecId committed) → updating → synced
 * Each step's local write is committed before its request (the outbox runner's turn.write), so after a
 * crash or a lost answer the next turn resumes where it was: phase 2 again (idempotent), or a look in
 * Sedna before a phase 1 is ever repeated (the runner looks when `outcomeUnknown`). The shared steps —
 * account, frozen resolution, client, attempts, classification, backoff, park — are the runner's.
 */
import { message } from '../../shared/messages'
import type { Resolution } from '../../shared/resolution'
import type { ProfileRow, StopSaleRow } from '../db/schema'
import type { OutboxJob, OutboxKind, Turn } from '../outbox/kind'
import { withFailure } from '../outbox/messages'
import { parkRow } from '../outbox/turn'
import { findSentStopSale } from '../sedna/stop-sale-lookup'
import { buildStopSalePayload, declareDateFor, type ResolvedIds } from '../sedna/stop-sale-payload'
import type { AttemptRecord, SyncQueue } from './queue'

type StopSaleTurn = Turn<StopSaleRow, Resolution>

/** The stop-sale kind of the outbox over its queue; `resolve` turns a row into Sedna ids (resolve.ts). */
export function stopSaleKind(
  queue: SyncQueue,
  resolve: (profile: ProfileRow, row: StopSaleRow) => Resolution,
): OutboxKind<StopSaleRow, Resolution> {
  const declareDateOf = (row: StopSaleRow) => row.declareDate ?? declareDateFor(row.sourceReceivedAt, row.createdAt)
  /** The UpdateStopSale body: phase 1 with RecId 0, phase 2 with the RecId Sedna gave. */
  const body = (t: StopSaleTurn, recId: number) =>
    buildStopSalePayload(
      {
        firstNight: t.row.firstNight,
        lastNight: t.row.lastNight,
        kind: t.row.kind,
        marketIds: t.row.marketIds,
        declareDate: declareDateOf(t.row),
      },
      t.resolution as ResolvedIds,
      {
        operatorId: t.operatorId,
        operatorCode: t.profile.operatorCode!,
        authorityId: t.profile.authorityId,
        recordUser: t.profile.recordUser,
      },
      recId,
    )

  const send: OutboxJob<StopSaleRow, Resolution> = {
    account: 'sent-with-or-active',
    unfit: (profile) => (profile.operatorCode ? undefined : message('park.noOperatorCode', { account: profile.name })),
    resolve,
    storedResolution: (row) => row.resolution,
    mayHaveGoneOut: (row) => row.sednaRecId !== null || row.phase1SentAt !== null,
    outcomeUnknown: (row) => row.sednaRecId === null && row.phase1SentAt !== null,
    // Phase 1 may have landed: read the hotel's stop sales for those nights back and match what was sent.
    lookUp: (t, options) => findSentStopSale(t.client, body(t, 0), t.recIdsInUse(), options),
    adopt(t, recId) {
      t.hold(queue.storeRecId(t.row.id, recId))
      t.recId = recId
      return 'go-on'
    },
    clearSent: (t) => queue.clearPhase1(t.row.id),

    async send(t) {
      const id = t.row.id
      if (t.recId === null) {
        const { recId } = await t.write({
          phase: 'phase1',
          start: () =>
            queue.startPhase1(id, {
              profileId: t.profile.id,
              declareDate: declareDateOf(t.row),
              resolution: t.resolution!,
            }),
          request: (options) => t.client.updateStopSale(body(t, 0), options),
          points: { started: 'before-phase1', answered: 'phase1-answered' },
          done: (r) => message('outbox.attempt.created', { recId: r.recId }),
          clearWhenNotApplied: () => queue.clearPhase1(id),
        })
        t.hold(queue.storeRecId(id, recId))
        t.recId = recId
        t.checkpoint('recid-stored')
      }
      const recId = t.recId
      await t.write({
        phase: 'phase2',
        start: () => queue.startPhase2(id),
        request: (options) => t.client.updateStopSale(body(t, recId), options),
        points: { sent: 'phase2-sent', answered: 'phase2-answered' },
        done: () => message('outbox.attempt.saved', { recId }),
      })
      t.hold(queue.synced(id))
      return { kind: 'synced', recId }
    },

    // Refused after phase 1 landed: the record is in Sedna, and Sync sends phase 2 again.
    refused(id, reason) {
      const recId = queue.get(id)?.sednaRecId
      return parkRow(kind, id, 'failed', recId ? withFailure('park.failedWithRecord', reason, { recId }) : reason)
    },
  }

  const kind: OutboxKind<StopSaleRow, Resolution> = {
    kind: 'stopSale',
    queue,
    attemptsKeepUrl: false,
    recordAttempt: (id, attempt) => queue.recordAttempt(id, attempt as AttemptRecord),
    job: () => send,
    describe: (row) => ({
      label: row.hotelName,
      action: 'send',
      queueFields: {
        kind: 'stopSale',
        status: row.status,
        hotelName: row.hotelName,
        firstNight: row.firstNight,
        lastNight: row.lastNight,
        saleKind: row.kind,
        roomCodes: row.roomCodes,
        boardCodes: row.boardCodes,
      },
      resultFields: {},
    }),
  }
  return kind
}

/** @deprecated Moved to reference/unresolved.ts (kept until detail, import and mappings import it there). */
export { describeUnresolved } from '../reference/unresolved'
