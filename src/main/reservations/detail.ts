/**
 * Everything about one reservation for the detail screen: the record as imported (guests included),
 * the account a fix applies to, what it resolves to, the InsertReservation request (as sent, or as it
 * would be sent now, with the SourceId it would carry; credentials redacted), Sedna's version beside ours
 * when the look before the first send found one, and every request made for it. Reads only: a resolution
 * made here for display is never stored.
 */
import { message, type Message } from '../../shared/messages'
import type { ReservationDetail, ReservationResolution } from '../../shared/reservations'
import type { Db } from '../db/database'
import type { ProfileRow, ReservationRow } from '../db/schema'
import { accountOf, accountRef } from '../records/account'
import { lastSent } from '../records/attempts'
import { importRef, previewBlocker, resolutionView } from '../records/detail-parts'
import { shownInsertReservation } from '../sedna/client'
import { buildReservationPayload, type ResolvedReservation } from '../sedna/reservation-payload'
import { sourceIdHolder } from './queue'
import { ourVersion, parkedByFirstLook, storedSednaFound } from './sedna-version'
import { attemptsOf, reservationRow, toReservation } from './service'
import { sourceIdToSend } from './source-id'

type Payload = ReservationDetail['payload']

export function createReservationDetail(deps: {
  db: Db
  activeProfile: () => ProfileRow | undefined
  resolve: (profile: ProfileRow, row: ReservationRow) => ReservationResolution
}): (id: number) => ReservationDetail {
  const { db } = deps
  const toSend = (r: ReservationRow, resolved: ResolvedReservation) =>
    sourceIdToSend(r, resolved, (sourceId) => sourceIdHolder(db, sourceId, r.id) !== undefined)
  return (id) => {
    const r = reservationRow(db, id)
    const profile = accountOf(db, deps.activeProfile, r.profileId)
    const history = attemptsOf(db, id)
    const resolution = resolutionView<ReservationResolution>({
      stored: r.resolution,
      // What was sent with (or parked with) is kept; a pending one's note from the import may be outdated.
      keep: r.status !== 'pending' || r.sendStartedAt !== null || !profile,
      storedProfileId: r.profileId ?? profile?.id ?? null,
      profile,
      resolveNow: (p) => deps.resolve(p, r),
    })

    // The request as sent: the last successful send, else the last one with a body.
    const sent = lastSent(history, 'send')
    const unavailable = (m: Message): Payload => ({
      source: 'unavailable',
      url: null,
      body: null,
      attemptId: null,
      sentAt: null,
      outcome: null,
      message: m,
    })
    let payload: Payload
    const operatorId = r.operatorId ?? profile?.operatorId ?? null
    const blocker = previewBlocker(resolution, profile, { operatorCode: false, operatorId })
    if (sent) {
      payload = {
        source: 'sent',
        url: sent.url,
        body: sent.requestBody,
        attemptId: sent.id,
        sentAt: sent.startedAt,
        outcome: sent.outcome,
        message: null,
      }
    } else if (r.guestDataPurgedAt !== null) payload = unavailable(message('detail.guestDataRemoved'))
    else if (blocker) payload = unavailable(blocker)
    else {
      const resolved = resolution.resolution as ResolvedReservation
      payload = {
        source: 'preview',
        url: shownInsertReservation(profile!.baseUrl, profile!.username, r.voucherNo),
        // Serialised as the client serialises it, so the preview reads exactly as the request would.
        body: JSON.stringify(buildReservationPayload({ ...r, sourceId: toSend(r, resolved) }, resolved, operatorId!)),
        attemptId: null,
        sentAt: null,
        outcome: null,
        message: null,
      }
    }

    const found = storedSednaFound(r.sednaFound)
    const review = parkedByFirstLook(r)
    const ok = resolution.resolution?.ok ? resolution.resolution : null
    // The SourceId it carries: as sent (or adopted), else the one the next send would carry (the one
    // stored at import is provisional, source-id.ts).
    const sourceId = r.sendStartedAt === null && r.sednaRecId === null && ok ? toSend(r, ok) : r.sourceId
    const sednaVersion =
      found || review ? { ours: ourVersion(r, resolution.resolution, sourceId), found, canSendAnyway: review } : null

    return {
      sednaVersion,
      record: {
        ...toReservation(r, resolution.resolution?.ok === false),
        sourceId,
        guests: r.guests,
        saleDate: r.saleDate,
        importId: r.importId,
        sourceRow: r.sourceRow,
        profileId: r.profileId,
        operatorId: r.operatorId,
        attempts: r.attempts,
        nextAttemptAt: r.nextAttemptAt,
        sendStartedAt: r.sendStartedAt,
        syncedAt: r.syncedAt,
        cancelRequestedAt: r.cancelRequestedAt,
        waitingForNetwork: r.waitingForNetwork,
      },
      account: accountRef(profile),
      import: importRef(db, 'reservation_imports', r.importId),
      resolution,
      payload,
      attempts: history,
    }
  }
}
