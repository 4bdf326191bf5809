/**
 * One reservation through InsertReservation, exactly once, as a persisted state machine:
 *   queued → sending (send_started_at committed before the request) → synced (RecId committed)
 *   synced → cancelling → cancelled (CancelReservationBySourcId with the same SourceId and OperatorId)
 * The rules are the stop sales' (stop-sale-sync.ts): the local write is committed before each request,
 * no request happens inside a transaction, and when the outcome of a send is unknown — timeout, reset,
 * 5xx, unreadable answer, a crash before the RecId was stored — the reservation is looked up in Sedna
 * by voucher and SourceId (lookup.ts) before it is ever sent again. Same classification, backoff and
 * offline behaviour (classify.ts, backoff.ts).
 */
import type { ReservationResolution } from '../../shared/reservations'
import type { ReservationRow } from '../db/schema'
import { describeReservationUnresolved } from './resolve'
import type { SednaClient } from '../sedna/client'
import { SednaError } from '../sedna/failures'
import { retryDelay } from '../outbox/backoff'
import { classify } from '../outbox/classify'
import { attemptRecorder, errorMessage, parkedOutcome, type ItemSyncDeps, type ParkStatus } from '../outbox/item-common'
import type { CheckpointName, ItemOutcome } from '../outbox/outcome'
import { findSentReservation } from '../sedna/reservation-lookup'
import { buildReservationPayload, type ResolvedReservation } from '../sedna/reservation-payload'
import type { ReservationAttemptRecord, ReservationQueue } from './queue'

export type ReservationSyncDeps = ItemSyncDeps<ReservationQueue, ReservationRow, ReservationResolution>

/** Runs the claimed reservation as far as it can go now: its send, or its cancel. */
export async function syncReservation(row: ReservationRow, deps: ReservationSyncDeps): Promise<ItemOutcome> {
  if (row.cancelRequestedAt !== null) return cancel(row, deps)
  if (row.sednaRecId !== null) {
    // Already in Sedna (an older claim finished it): nothing to send, ever.
    return deps.queue.synced(row.id, row.sednaRecId) ? { kind: 'synced', recId: row.sednaRecId } : lostClaim
  }
  return send(row, deps)
}

const lostClaim: ItemOutcome = { kind: 'lost-claim' }

async function send(row: ReservationRow, deps: ReservationSyncDeps): Promise<ItemOutcome> {
  const { queue } = deps
  const id = row.id
  const checkpoint = (name: CheckpointName) => deps.checkpoint?.(name, id)

  const profile = row.profileId ? deps.profile(row.profileId) : deps.activeProfile()
  if (!profile) {
    const message = row.profileId
      ? 'The Sedna account this reservation was sent with has been deleted. Check it in Sedna and re-create it if needed.'
      : 'No Sedna account is set up. Add one in Settings (or try the demo server).'
    return park(id, 'needs_attention', message, deps)
  }

  // Once the send may have gone out, the body must stay what was sent: keep the stored resolution.
  const inFlight = row.sendStartedAt !== null
  const resolution = inFlight && row.resolution?.ok ? row.resolution : deps.resolve(profile, row)
  if (!resolution.ok) {
    const message = describeReservationUnresolved(resolution.unresolved)
    queue.recordAttempt(id, { phase: 'resolve', outcome: 'parked', message })
    return park(id, 'needs_attention', message, deps, false, resolution)
  }

  let client: SednaClient
  let operatorId: number
  try {
    client = await deps.client(profile)
    operatorId = (inFlight ? row.operatorId : null) ?? profile.operatorId ?? client.operatorId ?? (await client.login())
    if (profile.operatorId === null) deps.rememberOperatorId(profile.id, operatorId)
  } catch (err) {
    return fail(row, err, deps, row.attempts)
  }
  const sent = { voucherNo: row.voucherNo, sourceId: row.sourceId, operatorId }

  if (inFlight) {
    // It may have landed: look before sending it again.
    const found = await look(row, client, sent, profile.id, deps)
    if (found !== 'absent') return found
  }

  if (!queue.startSend(id, { profileId: profile.id, operatorId, resolution })) return lostClaim
  checkpoint('reservation-before-send')
  const body = buildReservationPayload(row, resolution as ResolvedReservation, operatorId)
  const calls = recorder()
  let recId: number
  try {
    recId = (await client.insertReservation(row.voucherNo, body, calls.options)).recIds[0]!
    checkpoint('reservation-send-answered')
    calls.flush(id, queue, 'send', 'ok', `Created in Sedna as RecId ${recId}`)
  } catch (err) {
    const unknown = err instanceof SednaError ? err.delivery === 'unknown' : true
    calls.flush(id, queue, 'send', unknown ? 'unknown' : 'failed', errorMessage(err))
    if (!unknown && err instanceof SednaError && err.kind === 'sedna') {
      // Sedna refused it. If an earlier try did land ("SourceId already exists"), it is there: look.
      const found = await look(row, client, sent, profile.id, deps)
      if (found !== 'absent') return found
      return fail(row, err, deps, row.attempts + 1)
    }
    // Sedna never saw it, or answered that it did nothing: no need to look before the next try.
    if (!unknown && !queue.clearSend(id)) return lostClaim
    return fail(
      row,
      err,
      deps,
      row.attempts + 1,
      unknown ? 'outcome unknown: Sedna will be checked before sending again' : undefined,
    )
  }
  if (!queue.synced(id, recId)) return lostClaim
  checkpoint('reservation-recid-stored')
  return { kind: 'synced', recId }
}

/** Looks the reservation up; 'absent' means the send may go (again) — the claim then says 'queued'. */
async function look(
  row: ReservationRow,
  client: SednaClient,
  sent: { voucherNo: string; sourceId: string; operatorId: number },
  profileId: number,
  deps: ReservationSyncDeps,
): Promise<ItemOutcome | 'absent'> {
  const { queue } = deps
  const calls = recorder()
  try {
    const found = await findSentReservation(client, sent, queue.recIdsInUse(profileId, row.id), calls.options)
    const note =
      found.outcome === 'found'
        ? `Found in Sedna as RecId ${found.recId}: adopted, not sent again`
        : found.outcome === 'absent'
          ? 'Not in Sedna: it is safe to send it'
          : found.evidence
    calls.flush(row.id, queue, 'lookup', found.outcome === 'undecidable' ? 'parked' : 'ok', note)
    if (found.outcome === 'undecidable') return park(row.id, 'needs_review', found.evidence, deps)
    if (found.outcome === 'found') {
      if (found.cancelled) {
        return park(
          row.id,
          'needs_review',
          `Sedna holds this reservation (RecId ${found.recId}, SourceId ${sent.sourceId}) as cancelled; check it there before sending it again.`,
          deps,
        )
      }
      return queue.synced(row.id, found.recId) ? { kind: 'synced', recId: found.recId } : lostClaim
    }
    return queue.clearSend(row.id) ? 'absent' : lostClaim
  } catch (err) {
    calls.flush(row.id, queue, 'lookup', 'failed', errorMessage(err))
    return fail(row, err, deps, row.attempts)
  }
}

async function cancel(row: ReservationRow, deps: ReservationSyncDeps): Promise<ItemOutcome> {
  const { queue } = deps
  const id = row.id
  const profile = row.profileId ? deps.profile(row.profileId) : undefined
  if (!profile || row.operatorId === null) {
    return park(
      id,
      'needs_attention',
      'The Sedna account this reservation was sent with no longer exists: cancel it in Sedna itself.',
      deps,
    )
  }
  let client: SednaClient
  try {
    client = await deps.client(profile)
  } catch (err) {
    return fail(row, err, deps, row.attempts)
  }
  if (!queue.startCancel(id)) return lostClaim
  const calls = recorder()
  try {
    await client.cancelReservationBySourceId(row.operatorId, row.sourceId, calls.options)
    calls.flush(id, queue, 'cancel', 'ok', `Cancelled in Sedna (SourceId ${row.sourceId})`)
  } catch (err) {
    const refused = err instanceof SednaError && err.kind === 'sedna'
    calls.flush(id, queue, 'cancel', refused ? 'failed' : 'unknown', errorMessage(err))
    if (!refused) return fail(row, err, deps, row.attempts + 1)
    // Refused — perhaps because an earlier cancel whose answer was lost did cancel it: look.
    const sent = { voucherNo: row.voucherNo, sourceId: row.sourceId, operatorId: row.operatorId }
    const check = recorder()
    try {
      const found = await findSentReservation(client, sent, new Set(), check.options)
      check.flush(
        id,
        queue,
        'lookup',
        'ok',
        found.outcome === 'found' && found.cancelled ? 'Sedna shows it cancelled' : found.outcome,
      )
      if (found.outcome === 'found' && found.cancelled) return queue.cancelled(id) ? { kind: 'cancelled' } : lostClaim
    } catch (lookupErr) {
      check.flush(id, queue, 'lookup', 'failed', errorMessage(lookupErr))
    }
    const message = `Sedna refused to cancel it: ${errorMessage(err)} It is still booked in Sedna as RecId ${row.sednaRecId}.`
    return queue.cancelRefused(id, message) ? { kind: 'failed', message } : lostClaim
  }
  return queue.cancelled(id) ? { kind: 'cancelled' } : lostClaim
}

function fail(
  row: ReservationRow,
  err: unknown,
  deps: ReservationSyncDeps,
  attempt: number,
  note?: string,
): ItemOutcome {
  const decision = classify(err)
  if (decision.action === 'retry') {
    const message = note ? `${decision.message} (${note})` : decision.message
    const delay = retryDelay(attempt, decision.retryAfterMs, {
      backoff: deps.backoff,
      retryAfterCapMs: deps.retryAfterCapMs?.(),
    })
    if (!deps.queue.retryLater(row.id, delay, message, decision.offline)) return lostClaim
    return { kind: 'retry', offline: decision.offline, message }
  }
  if (decision.action === 'attention')
    return park(row.id, 'needs_attention', decision.message, deps, decision.credentials)
  if (row.cancelRequestedAt !== null) {
    return deps.queue.cancelRefused(row.id, decision.message)
      ? { kind: 'failed', message: decision.message }
      : lostClaim
  }
  return park(row.id, 'failed', decision.message, deps)
}

function park(
  id: number,
  status: ParkStatus,
  message: string,
  deps: ReservationSyncDeps,
  credentials = false,
  resolution?: ReservationResolution,
): ItemOutcome {
  return parkedOutcome(deps.queue.park(id, status, message, resolution), status, message, credentials)
}

/** Collects a call's exchanges and stores them as attempts (URL and bodies already redacted by the client). */
const recorder = () => attemptRecorder<ReservationAttemptRecord>(true)
