/**
 * One reservation, everything about it: as imported (guests included), what it resolves to in Sedna,
 * Sedna's version beside ours when the look before its first send found one (and "send ours anyway"),
 * the InsertReservation request (as sent, or as the next Sync would send it; credentials shown as ***),
 * every request made for it; Sync; Cancel (after a confirmation); and, while it waits for a mapping,
 * the pickers that fix it in place. Fetched again when main says this reservation changed.
 */
import { reservationQueries } from '../../data/reservations'
import { formatDateTime, formatNight } from '../../format'
import { useDetailQuery, DetailHeader, DetailSection, FactColumns } from '../../ui/DetailLayout'
import { DetailLoadState, LastErrorBanner } from '../../ui/DetailParts'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'
import { FixInPlace } from '../fix-in-place/FixInPlace'
import { unresolvedOf } from '../fix-in-place/unresolved'
import { useMapped } from '../fix-in-place/use-mapping'
import { allows } from '../status/actions'
import { ReservationStatusBadge } from '../status/labels'
import { SyncButton, SyncNotices } from '../sync/DetailSync'
import { dismissSyncSummary, runSync, useSyncState } from '../sync/store'
import { CancellingBanner, CancelResultBanner, MappedBanner } from './banners'
import { ConfirmCancel, useCancelReservation } from './CancelReservation'
import { ImportedFacts, ReservationResolution, SednaFacts } from './ReservationFacts'
import { AttemptsView, GuestsView, PayloadView } from './ReservationRequests'
import { SednaVersion } from './SednaVersion'

export function ReservationDetail({ id }: { id: number }) {
  const { t, word } = useWords()
  const { detail, heading, error, retry } = useDetailQuery(reservationQueries.detail(id))
  const sync = useSyncState()
  const { mapped, dismiss, onMapped } = useMapped()
  const cancel = useCancelReservation(id)

  if (!detail.data || error?.kind === 'not-found') {
    return <DetailLoadState kind="reservation" id={id} error={error} onRetry={retry} />
  }

  const d = detail.data
  const r = d.record
  const unresolved = unresolvedOf(d.resolution)
  const canFix = allows(r, 'fix') && unresolved.length > 0
  const busy = sync.running || cancel.sending

  return (
    <section
      aria-labelledby="reservation-title"
      className="detail reservation-detail"
      data-testid="reservation-detail"
      data-id={id}
    >
      <DetailHeader
        kind="reservation"
        titleId="reservation-title"
        headingRef={heading}
        title={t('reservations.detail.title', { voucher: r.voucherNo, hotel: r.hotelName })}
        status={
          <ReservationStatusBadge status={r.status} title={word(r.lastError)} large testId="reservation-status" />
        }
        refreshing={detail.isFetching}
      >
        {allows(r, 'sync') && (
          <SyncButton
            disabled={busy}
            testId="reservation-sync"
            onClick={() => {
              dismiss()
              cancel.dismiss()
              void runSync({ reservationIds: [id] })
            }}
          />
        )}
        {allows(r, 'cancel') && (
          <button
            type="button"
            className="danger"
            onClick={() => {
              dismissSyncSummary()
              cancel.ask()
            }}
            disabled={busy}
            data-testid="reservation-cancel"
            aria-haspopup="dialog"
          >
            {t('reservations.cancel.button')}
          </button>
        )}
      </DetailHeader>
      <p className="detail-sub">
        {t('reservations.detail.stay', {
          checkIn: formatNight(r.checkIn),
          checkOut: formatNight(r.checkOut),
          count: r.nights,
        })}{' '}
        · {r.roomCode} · {r.boardCode} · {t('reservations.detail.pax', { adults: r.adults, children: r.children })}
        {r.sednaRecId !== null && (
          <>
            {' '}
            · {t('reservations.detail.recIdInline')} <strong>{r.sednaRecId}</strong>
          </>
        )}
      </p>

      {error && <ErrorBanner error={error} onRetry={retry} />}
      <SyncNotices kind="reservation" id={id}>
        {mapped && <MappedBanner mapped={mapped} id={id} record={r} onClose={dismiss} />}
        {cancel.result && <CancelResultBanner result={cancel.result} onClose={cancel.dismiss} />}
      </SyncNotices>
      {cancel.error && <ErrorBanner error={cancel.error} />}
      {r.status === 'cancelling' && !cancel.result && <CancellingBanner record={r} />}
      {r.status !== 'cancelled' && !canFix && (
        <LastErrorBanner error={word(r.lastError)} testId="reservation-last-error" />
      )}

      {canFix && <FixInPlace kind="reservation" detail={d} unresolved={unresolved} onMapped={onMapped} />}
      {d.sednaVersion && <SednaVersion id={id} version={d.sednaVersion} busy={busy} />}

      <FactColumns
        idPrefix="reservation-"
        imported={<ImportedFacts record={r} from={d.import} />}
        sedna={<SednaFacts record={r} account={d.account} />}
        resolution={<ReservationResolution resolution={d.resolution} />}
      />

      <DetailSection
        titleId="reservation-guests-title"
        title={t('reservations.guests.title', { count: r.guests.length })}
      >
        {r.guestDataPurgedAt !== null && (
          <p className="hint" data-testid="reservation-guest-data-purged">
            {t('reservations.guests.purged', { date: formatDateTime(r.guestDataPurgedAt).slice(0, 10) })}
          </p>
        )}
        <GuestsView record={r} resolution={d.resolution} />
      </DetailSection>
      <DetailSection
        titleId="reservation-payload-title"
        title={t('detail.whatIsSent')}
        hint={t('reservations.payload.hint')}
      >
        <PayloadView payload={d.payload} />
      </DetailSection>
      <DetailSection titleId="reservation-attempts-title" title={t('detail.attemptHistory')}>
        <AttemptsView attempts={d.attempts} />
      </DetailSection>

      {cancel.confirming && (
        <ConfirmCancel record={r} busy={cancel.sending} onConfirm={cancel.confirm} onClose={cancel.close} />
      )}
    </section>
  )
}
