/**
 * One stop sale through the vendor's two-phase save, as a persisted state machine:
 *   queued → creating (phase 1 may be out) → created (RecId committed) → updating → synced
 * Each step's local write is committed before the next request is sent, so after a crash or a lost
 * answer the engine resumes where it was: phase 2 again (idempotent), or a look in Sedna before a
 * phase 1 is ever repeated. Never a network call inside a transaction.
 */
import type { Resolution, Unresolved } from '../../shared/resolution'
import type { StopSaleRow } from '../db/schema'
import type { SednaClient } from '../sedna/client'
import { SednaError } from '../sedna/failures'
import { retryDelay } from '../outbox/backoff'
import { classify } from '../outbox/classify'
import {
  attemptRecorder,
  describeCommonUnresolved,
  errorMessage,
  needsMappingMessage,
  type ItemSyncDeps,
  parkedOutcome,
  type ParkStatus,
} from '../outbox/item-common'
import { findSentStopSale } from '../sedna/stop-sale-lookup'
import type { CheckpointName, ItemOutcome } from '../outbox/outcome'
import type { AttemptRecord, SyncQueue } from './queue'
import { buildStopSalePayload, declareDateFor, type ResolvedIds } from '../sedna/stop-sale-payload'

export type SyncDeps = ItemSyncDeps<SyncQueue, StopSaleRow, Resolution>

export type { CheckpointName, ItemOutcome }

/** Runs the claimed stop sale as far as it can go now. */
export async function syncStopSale(row: StopSaleRow, deps: SyncDeps): Promise<ItemOutcome> {
  const { queue } = deps
  const id = row.id
  const checkpoint = (name: CheckpointName) => deps.checkpoint?.(name, id)

  const profile = row.profileId ? deps.profile(row.profileId) : deps.activeProfile()
  if (!profile) {
    const message = row.profileId
      ? 'The Sedna account this stop sale was sent with has been deleted. Check it in Sedna and re-create it if needed.'
      : 'No Sedna account is set up. Add one in Settings (or try the demo server).'
    return park(id, 'needs_attention', message, deps, { credentials: false })
  }
  if (!profile.operatorCode) {
    return park(
      id,
      'needs_attention',
      `The Sedna account "${profile.name}" has no operator code (e.g. 7STAR). Set it in Settings.`,
      deps,
      {
        credentials: false,
      },
    )
  }

  // Once phase 1 may have gone out, the payload must stay what was sent: keep the stored resolution.
  const inFlight = row.sednaRecId !== null || row.phase1SentAt !== null
  const resolution = inFlight && row.resolution?.ok ? row.resolution : deps.resolve(profile, row)
  if (!resolution.ok) {
    queue.recordAttempt(id, { phase: 'resolve', outcome: 'parked', message: describeUnresolved(resolution.unresolved) })
    return park(
      id,
      'needs_attention',
      describeUnresolved(resolution.unresolved),
      deps,
      { credentials: false },
      resolution,
    )
  }

  let client: SednaClient
  let operatorId: number
  try {
    client = await deps.client(profile)
    operatorId = profile.operatorId ?? client.operatorId ?? (await client.login())
    if (profile.operatorId !== operatorId) deps.rememberOperatorId(profile.id, operatorId)
  } catch (err) {
    return fail(id, err, deps, row.attempts)
  }

  const declareDate = row.declareDate ?? declareDateFor(row.sourceReceivedAt, row.createdAt)
  const stop = {
    firstNight: row.firstNight,
    lastNight: row.lastNight,
    kind: row.kind,
    marketIds: row.marketIds,
    declareDate,
  }
  const payloadProfile = {
    operatorId,
    operatorCode: profile.operatorCode,
    authorityId: profile.authorityId,
    recordUser: profile.recordUser,
  }
  const body = (recId: number) => buildStopSalePayload(stop, resolution as ResolvedIds, payloadProfile, recId)

  let recId = row.sednaRecId
  if (recId === null && row.phase1SentAt !== null) {
    // Phase 1 may have landed: look before sending it again.
    const calls = recorder()
    try {
      const found = await findSentStopSale(client, body(0), queue.recIdsInUse(profile.id, id), calls.options)
      calls.flush(id, queue, 'lookup', found.outcome === 'undecidable' ? 'parked' : 'ok', found.outcome)
      if (found.outcome === 'undecidable') return park(id, 'needs_review', found.evidence, deps, { credentials: false })
      if (found.outcome === 'found') {
        if (!queue.storeRecId(id, found.recId)) return { kind: 'lost-claim' }
        recId = found.recId
      } else if (!queue.clearPhase1(id)) return { kind: 'lost-claim' }
    } catch (err) {
      calls.flush(id, queue, 'lookup', 'failed', errorMessage(err))
      return fail(id, err, deps, row.attempts)
    }
  }

  if (recId === null) {
    if (!queue.startPhase1(id, { profileId: profile.id, declareDate, resolution })) return { kind: 'lost-claim' }
    checkpoint('before-phase1')
    const calls = recorder()
    try {
      recId = (await client.updateStopSale(body(0), calls.options)).recId
      checkpoint('phase1-answered')
      calls.flush(id, queue, 'phase1', 'ok', `Created as RecId ${recId}`)
    } catch (err) {
      const unknown = err instanceof SednaError ? err.delivery === 'unknown' : true
      calls.flush(id, queue, 'phase1', unknown ? 'unknown' : 'failed', errorMessage(err))
      // Sedna never saw it, or answered that it did nothing: no need to look before the next try.
      if (!unknown && !queue.clearPhase1(id)) return { kind: 'lost-claim' }
      return fail(
        id,
        err,
        deps,
        row.attempts + 1,
        unknown ? 'phase 1 outcome unknown: Sedna will be checked before sending again' : undefined,
      )
    }
    if (!queue.storeRecId(id, recId)) return { kind: 'lost-claim' }
    checkpoint('recid-stored')
  }

  if (!queue.startPhase2(id)) return { kind: 'lost-claim' }
  const calls = recorder()
  try {
    const sending = client.updateStopSale(body(recId), calls.options)
    checkpoint('phase2-sent')
    await sending
    checkpoint('phase2-answered')
    calls.flush(id, queue, 'phase2', 'ok', `Rooms, operator, boards and markets saved on RecId ${recId}`)
  } catch (err) {
    calls.flush(id, queue, 'phase2', 'failed', errorMessage(err))
    return fail(id, err, deps, row.attempts + 1)
  }
  if (!queue.synced(id)) return { kind: 'lost-claim' }
  return { kind: 'synced', recId }
}

function fail(id: number, err: unknown, deps: SyncDeps, attempt: number, note?: string): ItemOutcome {
  const decision = classify(err)
  if (decision.action === 'retry') {
    const message = note ? `${decision.message} (${note})` : decision.message
    const delay = retryDelay(attempt, decision.retryAfterMs, {
      backoff: deps.backoff,
      retryAfterCapMs: deps.retryAfterCapMs?.(),
    })
    if (!deps.queue.retryLater(id, delay, message, decision.offline)) return { kind: 'lost-claim' }
    return { kind: 'retry', offline: decision.offline, message }
  }
  if (decision.action === 'attention')
    return park(id, 'needs_attention', decision.message, deps, { credentials: decision.credentials })
  const row = deps.queue.get(id)
  const message =
    row?.sednaRecId !== null && row?.sednaRecId !== undefined
      ? `${decision.message} The record exists in Sedna as RecId ${row.sednaRecId}; sending again will complete it.`
      : decision.message
  return park(id, 'failed', message, deps, { credentials: false })
}

function park(
  id: number,
  status: ParkStatus,
  message: string,
  deps: SyncDeps,
  extra: { credentials: boolean },
  resolution?: Resolution,
): ItemOutcome {
  return parkedOutcome(deps.queue.park(id, status, message, resolution), status, message, extra.credentials)
}

/** Staff-readable list of what to map. */
export function describeUnresolved(unresolved: readonly Unresolved[]): string {
  const parts = unresolved.map((u) => {
    switch (u.kind) {
      case 'hotel':
      case 'room':
      case 'board':
        return describeCommonUnresolved(u)
      case 'hotel-rooms-unknown':
        return `no room types are known for hotel ${u.hotelId} (refresh the reference data)`
      case 'boards-unknown':
        return 'no boards are known (refresh the reference data)'
    }
  })
  return needsMappingMessage(parts)
}

/** Collects a call's exchanges and stores them as attempts (bodies already redacted by the client). */
const recorder = () => attemptRecorder<AttemptRecord>(false)
