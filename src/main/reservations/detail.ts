/**
 * Everything about one reservation for the detail screen: the record as imported (guests included),
 * the account a fix applies to, what it resolves to, the InsertReservation request (as sent, or as it
 * would be sent now; credentials redacted) and every request made for it. Reads only: a resolution
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
import { attemptsOf, reservationRow, toReservation } from './service'

type Payload = ReservationDetail['payload']

export function createReservationDetail(deps: {
  db: Db
  activeProfile: () => ProfileRow | undefined
  resolve: (profile: ProfileRow, row: ReservationRow) => ReservationResolution
}): (id: number) => ReservationDetail {
  const { db } = deps
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
      payload = {
        source: 'preview',
        url: shownInsertReservation(profile!.baseUrl, profile!.username, r.voucherNo),
        // Serialised as the client serialises it, so the preview reads exactly as the request would.
        body: JSON.stringify(buildReservationPayload(r, resolution.resolution as ResolvedReservation, operatorId!)),
        attemptId: null,
        sentAt: null,
        outcome: null,
        message: null,
      }
    }

    return {
      record: {
        ...toReservation(r, resolution.resolution?.ok === false),
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
