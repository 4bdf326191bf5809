/**
 * Reservations as a kind of the outbox: InsertReservation exactly once, and its cancel.
 *   queued → sending (send_started_at committed before the request) → synced (RecId committed)
 *   synced → cancelling → cancelled (CancelReservationBySourcId with the same SourceId and OperatorId)
 * What differs from a stop sale: one write; a look by voucher and SourceId (sedna/reservation-lookup.ts)
 * when its outcome is unknown, and also after a refusal ("SourceId already exists" means an earlier try
 * landed); the operator id it was sent with kept for a repeat and for the cancel. The shared steps —
 * account, frozen resolution, client, attempts, classification, backoff, park — are the outbox runner's.
 */
import { message } from '../../shared/messages'
import type { ReservationResolution } from '../../shared/reservations'
import type { ProfileRow, ReservationRow } from '../db/schema'
import { isRefusal } from '../outbox/classify'
import type { OutboxJob, OutboxKind, Turn } from '../outbox/kind'
import { failureMessage, withFailure } from '../outbox/messages'
import type { ItemOutcome } from '../outbox/outcome'
import { LostClaim } from '../outbox/turn'
import { findSentReservation } from '../sedna/reservation-lookup'
import { buildReservationPayload, type ResolvedReservation } from '../sedna/reservation-payload'
import type { ReservationAttemptRecord, ReservationQueue } from './queue'

type ReservationTurn = Turn<ReservationRow, ReservationResolution>

const lost: ItemOutcome = { kind: 'lost-claim' }

/** The reservation kind of the outbox over its queue; `resolve` turns a row into Sedna ids (resolve.ts). */
export function reservationKind(
  queue: ReservationQueue,
  resolve: (profile: ProfileRow, row: ReservationRow) => ReservationResolution,
): OutboxKind<ReservationRow, ReservationResolution> {
  /** What identifies it in Sedna: the voucher, the app's SourceId and the operator it was sent for. */
  const sent = (t: ReservationTurn) => ({
    voucherNo: t.row.voucherNo,
    sourceId: t.row.sourceId,
    operatorId: t.operatorId,
  })
  const synced = (id: number, recId: number): ItemOutcome =>
    queue.synced(id, recId) ? { kind: 'synced', recId } : lost

  const send: OutboxJob<ReservationRow, ReservationResolution> = {
    account: 'sent-with-or-active',
    resolve,
    storedResolution: (row) => row.resolution,
    mayHaveGoneOut: (row) => row.sendStartedAt !== null,
    operatorIdSent: (row) => row.operatorId,
    outcomeUnknown: (row) => row.sendStartedAt !== null,
    async lookUp(t, options) {
      const found = await findSentReservation(t.client, sent(t), t.recIdsInUse(), options)
      if (found.outcome !== 'found' || !found.cancelled) return found
      // Sedna holds it, cancelled: sending it again would book it anew — a person decides.
      const evidence = message('park.cancelledInSedna', { recId: found.recId, sourceId: t.row.sourceId })
      return { outcome: 'undecidable', evidence }
    },
    adopt: (t, recId) => synced(t.row.id, recId),
    clearSent: (t) => queue.clearSend(t.row.id),
    lookAfterRefusal: true,

    async send(t) {
      const id = t.row.id
      const body = buildReservationPayload(t.row, t.resolution as ResolvedReservation, t.operatorId)
      const { recIds } = await t.write({
        phase: 'send',
        start: () =>
          queue.startSend(id, { profileId: t.profile.id, operatorId: t.operatorId, resolution: t.resolution! }),
        request: (options) => t.client.insertReservation(t.row.voucherNo, body, options),
        points: { started: 'reservation-before-send', answered: 'reservation-send-answered' },
        done: (r) => message('outbox.attempt.reservationCreated', { recId: r.recIds[0]! }),
        clearWhenNotApplied: () => queue.clearSend(id),
      })
      const recId = recIds[0]!
      t.hold(queue.synced(id, recId))
      t.checkpoint('reservation-recid-stored')
      return { kind: 'synced', recId }
    },
  }

  const cancel: OutboxJob<ReservationRow, ReservationResolution> = {
    // Only with the account it was booked with, and the OperatorId it was sent for.
    account: 'sent-with',
    withoutAccount: message('park.cancelAccountGone'),
    unfit: (_profile, row) => (row.operatorId === null ? message('park.cancelAccountGone') : undefined),
    mayHaveGoneOut: () => true,
    operatorIdSent: (row) => row.operatorId,
    // A lost cancel answer is simply repeated: cancelling twice is harmless (GUESS).
    outcomeUnknown: () => false,

    async send(t) {
      const { row } = t
      try {
        await t.write({
          phase: 'cancel',
          start: () => queue.startCancel(row.id),
          request: (options) => t.client.cancelReservationBySourceId(t.operatorId, row.sourceId, options),
          done: () => message('outbox.attempt.cancelled', { sourceId: row.sourceId }),
        })
      } catch (err) {
        if (!isRefusal(err)) throw err
        // Refused — perhaps because an earlier cancel whose answer was lost did cancel it: look.
        try {
          const found = await t.look(
            (options) => findSentReservation(t.client, sent(t), new Set(), options),
            (f) =>
              message(
                f.outcome === 'found' && f.cancelled
                  ? 'outbox.attempt.shownCancelled'
                  : 'outbox.attempt.notShownCancelled',
              ),
          )
          if (found.outcome === 'found' && found.cancelled)
            return queue.cancelled(row.id) ? { kind: 'cancelled' } : lost
        } catch (lookErr) {
          // Recorded with the attempts; Sedna's refusal stands.
          if (lookErr instanceof LostClaim) throw lookErr
        }
        const reason = withFailure('park.cancelRefused', failureMessage(err), { recId: row.sednaRecId ?? 0 })
        return queue.cancelRefused(row.id, reason) ? { kind: 'failed', message: reason } : lost
      }
      return queue.cancelled(row.id) ? { kind: 'cancelled' } : lost
    },
    // A cancel that cannot go through leaves it booked: synced, with the reason.
    refused: (id, reason) => (queue.cancelRefused(id, reason) ? { kind: 'failed', message: reason } : lost),
  }

  return {
    kind: 'reservation',
    queue,
    attemptsKeepUrl: true,
    recordAttempt: (id, attempt) => queue.recordAttempt(id, attempt as ReservationAttemptRecord),
    // In Sedna already (an older claim finished it) and no cancel asked for: nothing to send, ever.
    alreadyDone: (row) =>
      row.cancelRequestedAt === null && row.sednaRecId !== null ? synced(row.id, row.sednaRecId) : undefined,
    job: (row) => (row.cancelRequestedAt !== null ? cancel : send),
    describe: (row) => ({
      label: row.voucherNo,
      action: row.status === 'cancelling' ? 'cancel' : 'send',
      queueFields: {
        kind: 'reservation',
        status: row.status,
        action: row.status === 'cancelling' ? 'cancel' : 'send',
        voucherNo: row.voucherNo,
        hotelName: row.hotelName,
        checkIn: row.checkIn,
        checkOut: row.checkOut,
        roomCode: row.roomCode,
        boardCode: row.boardCode,
      },
      resultFields: { voucherNo: row.voucherNo },
    }),
  }
}
