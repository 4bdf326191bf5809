/**
 * Reservations as a kind of the outbox: InsertReservation exactly once, and its cancel.
 *   queued → sending (send_started_at and the SourceId committed before the request) → synced (RecId committed)
 *   synced → cancelling → cancelled (CancelReservationBySourcId with the same SourceId and OperatorId)
 * What differs from a stop sale: one write; a look in Sedna by voucher before the first send (the same
 * booking, entered by another desk or in Sedna's screens, is adopted; a cancelled or different one goes
 * to a person with both versions), and by SourceId when an outcome is unknown and after a refusal
 * ("SourceId already exists" means an earlier try — or another desk — landed); the operator id it was
 * sent with kept for a repeat and for the cancel. The shared steps — account, frozen resolution, client,
 * attempts, classification, backoff, park — are the outbox runner's.
 */
import { message } from '../../shared/messages'
import type { ReservationResolution, SednaReservationFound } from '../../shared/reservations'
import type { ProfileRow, ReservationRow } from '../db/schema'
import { isRefusal } from '../outbox/classify'
import type { LookUpAnswer, OutboxJob, OutboxKind, Turn } from '../outbox/kind'
import { failureMessage, withFailure } from '../outbox/messages'
import type { ItemOutcome } from '../outbox/outcome'
import { LostClaim } from '../outbox/turn'
import type { CallOptions } from '../sedna/client'
import { findSentReservation, lookBeforeFirstSend } from '../sedna/reservation-lookup'
import { buildReservationPayload, type ResolvedReservation } from '../sedna/reservation-payload'
import type { ReservationAttemptRecord, ReservationQueue } from './queue'
import { storedSednaFound } from './sedna-version'
import { sourceIdToSend } from './source-id'

type ReservationTurn = Turn<ReservationRow, ReservationResolution>

const lost: ItemOutcome = { kind: 'lost-claim' }

/** The reservation kind of the outbox over its queue; `resolve` turns a row into Sedna ids (resolve.ts). */
export function reservationKind(
  queue: ReservationQueue,
  resolve: (profile: ProfileRow, row: ReservationRow) => ReservationResolution,
): OutboxKind<ReservationRow, ReservationResolution> {
  /**
   * What identifies it in Sedna: the voucher, the SourceId it went out with (as stored now: frozen when
   * the send started, perhaps in this very turn) and the operator it was sent for.
   */
  const sent = (t: ReservationTurn) => ({
    voucherNo: t.row.voucherNo,
    sourceId: queue.get(t.row.id)?.sourceId ?? t.row.sourceId,
    operatorId: t.operatorId,
  })
  const synced = (id: number, recId: number): ItemOutcome =>
    queue.synced(id, recId) ? { kind: 'synced', recId } : lost
  const heldByOther = (id: number) => (sourceId: string) => queue.sourceIdHolder(sourceId, id) !== undefined
  /** Found by the look before the first send, between that look and its adoption (one turn). */
  const adoptions = new Map<number, { found: SednaReservationFound; sourceId: string }>()

  /**
   * Before the first send: is this booking in Sedna already (another desk, Sedna's own screens)? The same
   * one is adopted; anything else for this voucher is kept for a person (sedna_found) and parked.
   */
  async function lookFirst(t: ReservationTurn, options: CallOptions): Promise<LookUpAnswer> {
    const { row } = t
    const resolved = t.resolution as ResolvedReservation
    const stored = storedSednaFound(row.sednaFound)
    const look = await lookBeforeFirstSend(
      t.client,
      { ...row, ...resolved, operatorId: t.operatorId },
      t.recIdsInUse(),
      // What a person saw and chose to send ours over is set aside (never parked again for it).
      stored?.sendAnywayAt ? stored.reservations : [],
      options,
    )
    const seenAt = new Date().toISOString()
    // Adopted, it takes Sedna's SourceId (the handle a cancel needs); where Sedna lists none, the shared
    // one — right whenever another desk sent it. The same booking may already be another reservation
    // here (the same e-mail twice): then a person decides.
    const shared = sourceIdToSend(row, resolved, () => false)
    const sourceId = look.outcome === 'same' ? (look.found.sourceId ?? shared) : shared
    const holder = queue.sourceIdHolder(sourceId, row.id)
    if (look.outcome === 'absent' && (holder === undefined || stored?.sendAnywayAt)) return { outcome: 'absent' }
    if (look.outcome === 'same' && holder === undefined) {
      const found = { seenAt, outcome: 'adopted' as const, reservations: look.seen, sendAnywayAt: null }
      adoptions.set(row.id, { found, sourceId })
      const recId = look.found.recId!
      return {
        outcome: 'found',
        recId,
        note: message('outbox.attempt.reservationAdopted', { recId, voucher: row.voucherNo }),
      }
    }
    t.hold(queue.noteSednaFound(row.id, { seenAt, outcome: 'review', reservations: look.seen, sendAnywayAt: null }))
    const evidence =
      look.outcome === 'review'
        ? look.evidence
        : message('lookup.reservationSameHere', { voucher: row.voucherNo, id: holder! })
    return { outcome: 'undecidable', evidence }
  }

  /** The same booking found before the first send: its RecId and SourceId taken, nothing booked. */
  function adoptFirst(t: ReservationTurn, recId: number): ItemOutcome {
    const found = adoptions.get(t.row.id)
    adoptions.delete(t.row.id)
    if (!found) throw new Error(`reservation ${t.row.id}: adopted without a look`)
    const adopted = queue.adopted(t.row.id, {
      recId,
      profileId: t.profile.id,
      operatorId: t.operatorId,
      resolution: t.resolution!,
      sourceId: found.sourceId,
      found: found.found,
    })
    return adopted ? { kind: 'synced', recId } : lost
  }

  const send: OutboxJob<ReservationRow, ReservationResolution> = {
    account: 'sent-with-or-active',
    resolve,
    storedResolution: (row) => row.resolution,
    mayHaveGoneOut: (row) => row.sendStartedAt !== null,
    operatorIdSent: (row) => row.operatorId,
    outcomeUnknown: (row) => row.sendStartedAt !== null,
    lookFirst: true,
    async lookUp(t, options, why) {
      if (why === 'first-send') return lookFirst(t, options)
      const ours = sent(t)
      const found = await findSentReservation(t.client, ours, t.recIdsInUse(), options)
      if (found.outcome !== 'found' || !found.cancelled) return found
      // Sedna holds it, cancelled: sending it again would book it anew — a person decides.
      const evidence = message('park.cancelledInSedna', { recId: found.recId, sourceId: ours.sourceId })
      return { outcome: 'undecidable', evidence }
    },
    adopt: (t, recId, why) => (why === 'first-send' ? adoptFirst(t, recId) : synced(t.row.id, recId)),
    clearSent: (t) => queue.clearSend(t.row.id),
    lookAfterRefusal: true,

    async send(t) {
      const id = t.row.id
      const resolved = t.resolution as ResolvedReservation
      const sourceId = sourceIdToSend(t.row, resolved, heldByOther(id))
      const holder = t.row.sendStartedAt === null ? queue.sourceIdHolder(sourceId, id) : undefined
      if (holder !== undefined) {
        // Another reservation here took the same booking's SourceId since the look: a person decides.
        const reason = message('lookup.reservationSameHere', { voucher: t.row.voucherNo, id: holder })
        queue.recordAttempt(id, { phase: 'send', outcome: 'parked', message: reason })
        return t.park('needs_review', reason)
      }
      const body = buildReservationPayload({ ...t.row, sourceId }, resolved, t.operatorId)
      const { recIds } = await t.write({
        phase: 'send',
        start: () =>
          queue.startSend(id, {
            profileId: t.profile.id,
            operatorId: t.operatorId,
            resolution: t.resolution!,
            sourceId,
          }),
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
