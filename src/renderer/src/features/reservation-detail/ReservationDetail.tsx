/**
 * One reservation, everything about it: as imported (guests included), what it resolves to in Sedna,
 * the InsertReservation request (as sent, or as the next Sync would send it; credentials shown as ***),
 * every request made for it; Sync; Cancel (after a confirmation); and, while it waits for a mapping,
 * the pickers that fix it in place. Fetched again when main says this reservation changed.
 */
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { appError } from '../../data/client'
import { reservationQueries } from '../../data/reservations'
import { formatDateTime, formatNight } from '../../format'
import { useLanguage } from '../../i18n'
import { BackLink, DetailLoadState, LastErrorBanner } from '../../ui/DetailParts'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useFocusWhen } from '../../ui/hooks'
import { useWords } from '../../ui/words'
import { FixInPlace } from '../fix-in-place/FixInPlace'
import type { Mapped } from '../fix-in-place/use-mapping'
import { allows } from '../status/actions'
import { ReservationStatusBadge } from '../status/labels'
import { dismissSyncSummary, runSync, useSyncState } from '../sync/store'
import { CancellingBanner, CancelResultBanner, MappedBanner, SyncResultBanner } from './banners'
import { ConfirmCancel, useCancelReservation } from './CancelReservation'
import { ImportedFacts, ReservationResolution, SednaFacts } from './ReservationFacts'
import { AttemptsView, GuestsView, PayloadView } from './ReservationRequests'

function ListLink() {
  const { t } = useLanguage()
  return <BackLink href="#/reservations" label={t('reservations.detail.back')} />
}
const backLink = <ListLink />

export function ReservationDetail({ id }: { id: number }) {
  const { t, word } = useWords()
  const detail = useQuery(reservationQueries.detail(id))
  const sync = useSyncState()
  const [mapped, setMapped] = useState<Mapped>()
  const cancel = useCancelReservation(id)
  const heading = useFocusWhen<HTMLHeadingElement>(detail.data !== undefined)
  const error = appError(detail.error)

  if (!detail.data || error?.kind === 'not-found') {
    return (
      <DetailLoadState
        error={error}
        id={id}
        onRetry={() => void detail.refetch()}
        backLink={backLink}
        testIdPrefix="reservation-detail"
        keyPrefix="reservations.detail"
      />
    )
  }

  const d = detail.data
  const r = d.record
  const unresolved = d.resolution.resolution?.ok === false ? d.resolution.resolution.unresolved : []
  const canFix = allows(r, 'fix') && unresolved.length > 0
  const syncResult = sync.summary?.reservationResults.find((x) => x.id === id)
  const busy = sync.running || cancel.sending

  return (
    <section
      aria-labelledby="reservation-title"
      className="detail reservation-detail"
      data-testid="reservation-detail"
      data-id={id}
    >
      <nav aria-label={t('detail.breadcrumb')} className="breadcrumb">
        {backLink}
      </nav>
      <header className="page-header detail-header">
        <h1 id="reservation-title" tabIndex={-1} ref={heading}>
          {t('reservations.detail.title', { voucher: r.voucherNo, hotel: r.hotelName })}
        </h1>
        <ReservationStatusBadge status={r.status} title={word(r.lastError)} large testId="reservation-status" />
        <div className="detail-actions">
          {allows(r, 'sync') && (
            <button
              type="button"
              onClick={() => {
                setMapped(undefined)
                cancel.dismiss()
                void runSync({ reservationIds: [id] })
              }}
              disabled={busy}
              data-testid="reservation-sync"
            >
              {sync.running ? t('detail.sending') : t('detail.sync')}
            </button>
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
          {detail.isFetching && <span className="muted">{t('detail.refreshing')}</span>}
        </div>
      </header>
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

      {error && <ErrorBanner error={error} onRetry={() => void detail.refetch()} />}
      <div aria-live="polite">
        {sync.running && (
          <p className="banner banner-info" role="status">
            {t('detail.sendingToSedna')}
          </p>
        )}
        {syncResult && sync.summary && (
          <SyncResultBanner result={syncResult} summary={sync.summary} onClose={dismissSyncSummary} />
        )}
        {mapped && <MappedBanner mapped={mapped} id={id} record={r} onClose={() => setMapped(undefined)} />}
        {cancel.result && <CancelResultBanner result={cancel.result} onClose={cancel.dismiss} />}
      </div>
      {sync.error && <ErrorBanner error={sync.error} />}
      {cancel.error && <ErrorBanner error={cancel.error} />}
      {r.status === 'cancelling' && !cancel.result && <CancellingBanner record={r} />}
      {r.status !== 'cancelled' && !canFix && (
        <LastErrorBanner error={word(r.lastError)} testId="reservation-last-error" />
      )}

      {canFix && (
        <FixInPlace
          kind="reservation"
          id={id}
          titleId="reservation-fix-title"
          testId="reservation-fix-in-place"
          title={
            r.status === 'needs_attention' ? t('reservations.fix.titleParked') : t('reservations.fix.titlePending')
          }
          cannotText={unresolved.length === 1 ? t('reservations.fix.cannotOne') : t('reservations.fix.cannotMany')}
          noAccountAfter={t('reservations.fix.noAccountAfter')}
          account={d.account}
          unresolved={unresolved}
          onMapped={(m) => {
            setMapped(m)
            dismissSyncSummary()
          }}
        />
      )}

      <div className="detail-columns">
        <section className="card" aria-labelledby="reservation-imported-title">
          <h2 id="reservation-imported-title">{t('detail.asImported')}</h2>
          <ImportedFacts record={r} from={d.import} />
        </section>
        <section className="card" aria-labelledby="reservation-sedna-title">
          <h2 id="reservation-sedna-title">{t('detail.inSedna')}</h2>
          <SednaFacts record={r} account={d.account} />
          <h3>{t('detail.resolvedTo')}</h3>
          <ReservationResolution resolution={d.resolution} />
        </section>
      </div>

      <section className="card detail-section" aria-labelledby="reservation-guests-title">
        <h2 id="reservation-guests-title">{t('reservations.guests.title', { count: r.guests.length })}</h2>
        {r.guestDataPurgedAt !== null && (
          <p className="hint" data-testid="reservation-guest-data-purged">
            {t('reservations.guests.purged', { date: formatDateTime(r.guestDataPurgedAt).slice(0, 10) })}
          </p>
        )}
        <GuestsView record={r} resolution={d.resolution} />
      </section>
      <section className="card detail-section" aria-labelledby="reservation-payload-title">
        <h2 id="reservation-payload-title">{t('detail.whatIsSent')}</h2>
        <p className="hint">{t('reservations.payload.hint')}</p>
        <PayloadView payload={d.payload} />
      </section>
      <section className="card detail-section" aria-labelledby="reservation-attempts-title">
        <h2 id="reservation-attempts-title">{t('detail.attemptHistory')}</h2>
        <AttemptsView attempts={d.attempts} />
      </section>

      {cancel.confirming && (
        <ConfirmCancel record={r} busy={cancel.sending} onConfirm={cancel.confirm} onClose={cancel.close} />
      )}
    </section>
  )
}
