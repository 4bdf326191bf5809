/**
 * One reservation, everything about it: as imported (guests included), what it resolves to in Sedna,
 * the InsertReservation request (as sent, or as the next Sync would send it; credentials shown as ***),
 * every request made for it; Sync; Cancel (after a confirmation; the request goes into its history);
 * and, while it waits for a mapping, the pickers that fix it in place. Refetches when main says this
 * reservation changed — never polls.
 */
import { useEffect, useRef, useState } from 'react'
import type { Profile } from '../../../shared/profiles'
import type {
  ReservationAttempt,
  ReservationDetail as Detail,
  ReservationPayload,
  ReservationRecord,
  ReservationUnresolved,
} from '../../../shared/reservations'
import type { AppError } from '../../../shared/result'
import type { ReservationCancelResult, SyncSummary } from '../../../shared/sync'
import { call, toAppError } from '../api'
import { formatDateTime, formatNight } from '../format'
import { useLanguage, type TFunction } from '../i18n'
import { useLoad } from '../use-call'
import {
  AccountName,
  AttemptsTable,
  BackLink,
  DetailLoadState,
  commonUnresolvedKey,
  commonUnresolvedText,
  DismissibleBanner,
  Fact,
  FixInPlaceCard,
  ImportedFrom,
  None,
  outcomeLabels,
  PayloadBlock,
  ResolutionFrame,
  useDetailRefresh,
} from './DetailParts'
import { FixReservationUnresolved, type Mapped } from './MappingPickers'
import {
  canCancelReservation,
  ReservationStatusBadge,
  reservationFixable,
  reservationSendable,
  useReservationStatusLabels,
} from './ReservationStatus'
import { ErrorBanner } from './ErrorBanner'
import { useSync } from './SyncPanel'

function ListLink() {
  const { t } = useLanguage()
  return <BackLink href="#/reservations" label={t('reservations.detail.back')} />
}
const backLink = <ListLink />

type CancelState =
  | { step: 'idle' }
  | { step: 'confirming' }
  | { step: 'sending' }
  | { step: 'done'; result: ReservationCancelResult }
  | { step: 'error'; error: AppError }

export function ReservationDetail({ id }: { id: number }) {
  const { t } = useLanguage()
  const [detail, reload] = useLoad(() => call('reservations.detail', { id }), [id])
  const [profiles, reloadProfiles] = useLoad(() => call('profiles.list', {}), [])
  const sync = useSync()
  const [mapped, setMapped] = useState<Mapped>()
  const [cancel, setCancel] = useState<CancelState>({ step: 'idle' })

  const heading = useDetailRefresh('reservations.changed', id, reload, reloadProfiles, sync, detail.data !== undefined)

  if (!detail.data || (detail.state === 'error' && detail.error.kind === 'not-found')) {
    return (
      <DetailLoadState
        detail={detail}
        id={id}
        onRetry={reload}
        backLink={backLink}
        testIdPrefix="reservation-detail"
        keyPrefix="reservations.detail"
      />
    )
  }

  const d = detail.data
  const r = d.record
  const allProfiles = profiles.data?.profiles ?? []
  // Mappings belong to the account it is (or will be) sent with.
  const fixProfile =
    allProfiles.find((p) => p.id === (d.resolution.profileId ?? r.profileId)) ?? allProfiles.find((p) => p.isActive)
  const recordProfile = allProfiles.find((p) => p.id === r.profileId)
  const activeProfile = allProfiles.find((p) => p.isActive)
  const unresolved = d.resolution.resolution?.ok === false ? d.resolution.resolution.unresolved : []
  const canFix = reservationFixable.has(r.status) && unresolved.length > 0
  const syncResult = sync.summary?.reservationResults.find((x) => x.id === id)
  const cancellable = canCancelReservation(r)

  async function confirmCancel() {
    setCancel({ step: 'sending' })
    try {
      const result = await call('reservations.cancel', { id, confirm: true })
      setCancel({ step: 'done', result })
    } catch (err) {
      setCancel({ step: 'error', error: toAppError(err) })
    }
    reload()
  }

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
        <ReservationStatusBadge status={r.status} title={r.lastError} large testId="reservation-status" />
        <div className="detail-actions">
          {reservationSendable.has(r.status) && (
            <button
              type="button"
              onClick={() => {
                setMapped(undefined)
                setCancel({ step: 'idle' })
                void sync.run({ reservationIds: [id] })
              }}
              disabled={sync.running || cancel.step === 'sending'}
              data-testid="reservation-sync"
            >
              {sync.running ? t('detail.sending') : t('detail.sync')}
            </button>
          )}
          {cancellable && (
            <button
              type="button"
              className="danger"
              onClick={() => {
                sync.dismiss()
                setCancel({ step: 'confirming' })
              }}
              disabled={sync.running || cancel.step === 'sending'}
              data-testid="reservation-cancel"
              aria-haspopup="dialog"
            >
              {t('reservations.cancel.button')}
            </button>
          )}
          {detail.state === 'loading' && <span className="muted">{t('detail.refreshing')}</span>}
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

      {detail.state === 'error' && <ErrorBanner error={detail.error} onRetry={reload} />}
      <div aria-live="polite">
        {sync.running && (
          <p className="banner banner-info" role="status">
            {t('detail.sendingToSedna')}
          </p>
        )}
        {syncResult && <SyncResultBanner result={syncResult} summary={sync.summary!} onClose={sync.dismiss} />}
        {mapped && <MappedBanner mapped={mapped} id={id} record={r} onClose={() => setMapped(undefined)} />}
        {cancel.step === 'done' && (
          <CancelResultBanner result={cancel.result} onClose={() => setCancel({ step: 'idle' })} />
        )}
      </div>
      {sync.error && <ErrorBanner error={sync.error} />}
      {cancel.step === 'error' && <ErrorBanner error={cancel.error} />}
      {r.status === 'cancelling' && cancel.step !== 'done' && (
        <p className="banner banner-info" data-testid="reservation-cancelling">
          {r.waitingForNetwork ? t('reservations.detail.cancellingOffline') : t('reservations.detail.cancelling')}
          {r.nextAttemptAt && !r.waitingForNetwork
            ? ` ${t('reservations.detail.nextTryAt', { time: formatDateTime(r.nextAttemptAt) })}`
            : ''}
        </p>
      )}
      {r.lastError && r.status !== 'cancelled' && !canFix && (
        <p className="banner banner-warn" data-testid="reservation-last-error">
          <strong>{t('detail.lastError')}</strong> {r.lastError}
        </p>
      )}

      {canFix && (
        <FixInPlace
          unresolved={unresolved}
          parked={r.status === 'needs_attention'}
          profile={fixProfile}
          profilesLoaded={profiles.data !== undefined}
          profilesError={profiles.state === 'error' ? profiles.error.message : undefined}
          onMapped={(m) => {
            setMapped(m)
            sync.dismiss()
            reload()
          }}
        />
      )}

      <div className="detail-columns">
        <section className="card" aria-labelledby="reservation-imported-title">
          <h2 id="reservation-imported-title">{t('detail.asImported')}</h2>
          <dl className="facts" data-testid="reservation-imported-facts">
            <Fact label={t('reservations.columns.voucher')}>
              <strong>{r.voucherNo}</strong>
            </Fact>
            <Fact label={t('detail.hotelAsReceived')}>{r.hotelName}</Fact>
            {r.hotelId !== null && <Fact label={t('detail.hotelIdOnRecord')}>{r.hotelId}</Fact>}
            <Fact label={t('reservations.columns.checkIn')}>{formatNight(r.checkIn)}</Fact>
            <Fact label={t('reservations.columns.checkOut')}>{formatNight(r.checkOut)}</Fact>
            <Fact label={t('reservations.columns.nights')}>{r.nights}</Fact>
            <Fact label={t('reservations.detail.room')}>{r.roomCode}</Fact>
            <Fact label={t('reservations.detail.board')}>{r.boardCode}</Fact>
            <Fact label={t('reservations.detail.adults')}>{r.adults}</Fact>
            <Fact label={t('reservations.detail.children')}>{r.children}</Fact>
            <Fact label={t('reservations.detail.price')}>
              {r.totalPrice !== null ? `${formatAmount(r.totalPrice)}${r.currency ? ` ${r.currency}` : ''}` : <None />}
            </Fact>
            <Fact label={t('reservations.detail.saleDate')}>{r.saleDate ? formatNight(r.saleDate) : <None />}</Fact>
            <Fact label={t('reservations.detail.sourceEmail')}>{r.sourceEmailId ?? <None />}</Fact>
            <Fact label={t('detail.import')}>
              <ImportedFrom from={d.import} sourceRow={r.sourceRow} />
            </Fact>
            <Fact label={t('detail.added')}>{formatDateTime(r.createdAt)}</Fact>
          </dl>
        </section>

        <section className="card" aria-labelledby="reservation-sedna-title">
          <h2 id="reservation-sedna-title">{t('detail.inSedna')}</h2>
          <dl className="facts" data-testid="reservation-sedna-facts">
            <Fact label={t('detail.status')}>
              <ReservationStatusBadge status={r.status} />
              {r.waitingForNetwork && <span className="muted">{t('detail.waitingForNetwork')}</span>}
            </Fact>
            <Fact label={t('columns.recId')}>
              <strong data-testid="reservation-rec-id">{r.sednaRecId ?? '—'}</strong>
            </Fact>
            <Fact label={t('reservations.detail.sourceId')}>
              <code>{r.sourceId}</code>
            </Fact>
            <Fact label={t('detail.account')}>
              <AccountName profileId={r.profileId} recordProfile={recordProfile} activeProfile={activeProfile} />
            </Fact>
            {r.operatorId !== null && <Fact label={t('reservations.detail.operatorId')}>{r.operatorId}</Fact>}
            <Fact label={t('detail.requestsMade')}>{r.attempts}</Fact>
            {r.sendStartedAt && (
              <Fact label={t('reservations.detail.firstSent')}>{formatDateTime(r.sendStartedAt)}</Fact>
            )}
            {r.syncedAt && <Fact label={t('detail.synced')}>{formatDateTime(r.syncedAt)}</Fact>}
            {r.cancelRequestedAt && (
              <Fact label={t('reservations.detail.cancelRequested')}>{formatDateTime(r.cancelRequestedAt)}</Fact>
            )}
            {r.cancelledAt && (
              <Fact label={t('reservations.detail.cancelledAt')}>
                <span data-testid="reservation-cancelled-at">{formatDateTime(r.cancelledAt)}</span>
              </Fact>
            )}
            {r.nextAttemptAt && r.status !== 'synced' && r.status !== 'cancelled' && (
              <Fact label={t('detail.nextTry')}>{formatDateTime(r.nextAttemptAt)}</Fact>
            )}
            <Fact label={t('detail.lastError').replace(/:$/, '')}>
              {r.lastError ? <span className="error-text">{r.lastError}</span> : <None />}
            </Fact>
          </dl>
          <h3>{t('detail.resolvedTo')}</h3>
          <ResolutionView resolution={d.resolution} />
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

      {(cancel.step === 'confirming' || cancel.step === 'sending') && (
        <ConfirmCancel
          record={r}
          busy={cancel.step === 'sending'}
          onConfirm={() => void confirmCancel()}
          onClose={() => setCancel({ step: 'idle' })}
        />
      )}
    </section>
  )
}

/** 1234.56 → "1234.56" with two decimals (the currency's own format is not known here). */
const formatAmount = (n: number) => n.toFixed(2)

/** A confirmation before anything is cancelled: what will happen, in Sedna or only here. */
function ConfirmCancel({
  record,
  busy,
  onConfirm,
  onClose,
}: {
  record: ReservationRecord
  busy: boolean
  onConfirm: () => void
  onClose: () => void
}) {
  const { t } = useLanguage()
  const dialog = useRef<HTMLDialogElement>(null)
  const keep = useRef<HTMLButtonElement>(null)
  const inSedna = record.sednaRecId !== null
  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
    // The safe choice has the focus: Enter alone never cancels a reservation.
    keep.current?.focus()
    return () => d?.close()
  }, [])
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="cancel-dialog-title"
      aria-describedby="cancel-dialog-text"
      data-testid="cancel-dialog"
      onCancel={(e) => {
        e.preventDefault()
        if (!busy) onClose()
      }}
    >
      <h2 id="cancel-dialog-title">{t('reservations.cancel.title', { voucher: record.voucherNo })}</h2>
      <p id="cancel-dialog-text">
        {inSedna
          ? t('reservations.cancel.textSedna', { recId: record.sednaRecId, hotel: record.hotelName })
          : t('reservations.cancel.textLocal')}
      </p>
      <dl className="facts">
        <Fact label={t('reservations.columns.hotel')}>{record.hotelName}</Fact>
        <Fact label={t('reservations.detail.stayLabel')}>
          {formatNight(record.checkIn)} – {formatNight(record.checkOut)}
        </Fact>
        <Fact label={t('reservations.columns.guest')}>{record.leadGuest ?? '—'}</Fact>
        {inSedna && <Fact label={t('columns.recId')}>{record.sednaRecId}</Fact>}
      </dl>
      <p className="hint">{t('reservations.cancel.history')}</p>
      <div className="actions">
        <button type="button" className="danger" onClick={onConfirm} disabled={busy} data-testid="cancel-confirm">
          {busy
            ? t('reservations.cancel.sending')
            : inSedna
              ? t('reservations.cancel.confirmSedna')
              : t('reservations.cancel.confirmLocal')}
        </button>
        <button type="button" className="secondary" ref={keep} onClick={onClose} disabled={busy}>
          {t('reservations.cancel.keep')}
        </button>
      </div>
    </dialog>
  )
}

function CancelResultBanner({ result, onClose }: { result: ReservationCancelResult; onClose: () => void }) {
  const kind =
    result.status === 'cancelled' ? 'banner-ok' : result.status === 'cancelling' ? 'banner-info' : 'banner-warn'
  return (
    <DismissibleBanner
      kind={kind}
      testId="reservation-cancel-result"
      data={{ 'data-status': result.status }}
      onClose={onClose}
    >
      {result.message}
    </DismissibleBanner>
  )
}

function SyncResultBanner({
  result,
  summary,
  onClose,
}: {
  result: SyncSummary['reservationResults'][number]
  summary: SyncSummary
  onClose: () => void
}) {
  const { t } = useLanguage()
  const labels = useReservationStatusLabels()
  const ok = result.status === 'synced'
  const waiting = ['pending', 'queued', 'sending', 'cancelling'].includes(result.status)
  const text = ok
    ? t('reservations.detail.syncedAs', { recId: result.recId })
    : `${labels[result.status]}: ${result.message ?? (waiting ? t('detail.willRetry') : t('detail.seeHistory'))}`
  return (
    <DismissibleBanner
      kind={ok ? 'banner-ok' : waiting ? 'banner-info' : 'banner-warn'}
      testId="reservation-sync-result"
      data={{ 'data-status': result.status, 'data-connectivity': summary.connectivity }}
      onClose={onClose}
    >
      {text}
    </DismissibleBanner>
  )
}

function MappedBanner({
  mapped,
  id,
  record,
  onClose,
}: {
  mapped: Mapped
  id: number
  record: ReservationRecord
  onClose: () => void
}) {
  const { t } = useLanguage()
  const { released, stillNeedsAttention } = mapped.result.reservations ?? { released: [], stillNeedsAttention: [] }
  const others = released.filter((x) => x !== id).length
  const stopSales = mapped.result.released.length
  const thisOne = released.includes(id)
    ? t('reservations.detail.mappedReleased')
    : stillNeedsAttention.includes(id)
      ? t('reservations.detail.mappedStill')
      : null
  return (
    <DismissibleBanner
      kind="banner-ok"
      testId="reservation-mapped"
      data={{ 'data-status': record.status }}
      onClose={onClose}
    >
      {t('detail.remembered', { what: mapped.what })} {thisOne}
      {others > 0 && t('reservations.detail.othersPending', { count: others })}
      {stopSales > 0 && t('reservations.detail.stopSalesPending', { count: stopSales })}
    </DismissibleBanner>
  )
}

function FixInPlace(props: {
  unresolved: ReservationUnresolved[]
  /** Parked for want of it (else: pending, and would be parked by the next Sync). */
  parked: boolean
  profile: Profile | undefined
  profilesLoaded: boolean
  profilesError: string | undefined
  onMapped: (m: Mapped) => void
}) {
  const { t } = useLanguage()
  return (
    <FixInPlaceCard
      titleId="reservation-fix-title"
      testId="reservation-fix-in-place"
      title={props.parked ? t('reservations.fix.titleParked') : t('reservations.fix.titlePending')}
      cannotText={props.unresolved.length === 1 ? t('reservations.fix.cannotOne') : t('reservations.fix.cannotMany')}
      noAccountAfter={t('reservations.fix.noAccountAfter')}
      profile={props.profile}
      profilesLoaded={props.profilesLoaded}
      profilesError={props.profilesError}
    >
      {(profileId) =>
        props.unresolved.map((u) => (
          <FixReservationUnresolved key={unresolvedKey(u)} item={u} profileId={profileId} onMapped={props.onMapped} />
        ))
      }
    </FixInPlaceCard>
  )
}

const unresolvedKey = (u: ReservationUnresolved) =>
  u.kind === 'hotel' || u.kind === 'room' || u.kind === 'board'
    ? commonUnresolvedKey(u)
    : u.kind === 'nationality'
      ? `nationality:${u.value}`
      : 'countries'

function unresolvedText(u: ReservationUnresolved, t: TFunction): string {
  switch (u.kind) {
    case 'hotel':
    case 'room':
    case 'board':
      return commonUnresolvedText(u, t)
    case 'nationality':
      return t('reservations.fix.unresolvedNationality', { value: u.value })
    case 'countries-unknown':
      return t('reservations.fix.unresolvedCountries')
  }
}

function ResolutionView({ resolution }: { resolution: Detail['resolution'] }) {
  const { t } = useLanguage()
  const res = resolution.resolution
  return (
    <ResolutionFrame
      resolution={resolution}
      testId="reservation-resolution"
      unresolvedTestId="reservation-unresolved"
      unresolvedKey={unresolvedKey}
      unresolvedText={unresolvedText}
      resolved={
        res?.ok && (
          <dl className="facts">
            <Fact label={t('detail.hotelId')}>
              <strong data-testid="reservation-resolved-hotel-id">{res.hotelId}</strong>
            </Fact>
            <Fact label={t('reservations.detail.roomTypeId')}>
              {res.roomTypeId} <span className="muted">({res.roomCode})</span>
            </Fact>
            <Fact label={t('reservations.detail.boardId')}>
              {res.boardId} <span className="muted">({res.boardCode})</span>
            </Fact>
            <Fact label={t('reservations.detail.nationalities')}>
              {res.nationalities.length ? (
                res.nationalities.map((n) => `${n.value} → ${n.name} (${n.countryId})`).join(', ')
              ) : (
                <None />
              )}
            </Fact>
          </dl>
        )
      }
    />
  )
}

function GuestsView({ record, resolution }: { record: ReservationRecord; resolution: Detail['resolution'] }) {
  const { t } = useLanguage()
  if (record.guests.length === 0) return <p className="muted">{t('reservations.guests.none')}</p>
  const countries = new Map(
    resolution.resolution?.ok ? resolution.resolution.nationalities.map((n) => [n.value, n.name] as const) : [],
  )
  return (
    <table className="grid compact" data-testid="reservation-guests">
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">{t('reservations.guests.titleCol')}</th>
          <th scope="col">{t('reservations.guests.lastName')}</th>
          <th scope="col">{t('reservations.guests.firstName')}</th>
          <th scope="col">{t('reservations.guests.birthDate')}</th>
          <th scope="col">{t('reservations.guests.passport')}</th>
          <th scope="col">{t('reservations.guests.nationality')}</th>
        </tr>
      </thead>
      <tbody>
        {record.guests.map((g, i) => (
          <tr key={i} data-testid="reservation-guest">
            <td className="num">{i + 1}</td>
            <td>
              {g.title}
              {g.titleAsReceived !== null && g.titleAsReceived !== g.title && (
                <span className="muted"> {t('reservations.guests.asReceived', { title: g.titleAsReceived })}</span>
              )}
            </td>
            <td>{g.lastName || <None />}</td>
            <td>{g.firstName || <None />}</td>
            <td>{g.birthDate ? formatNight(g.birthDate) : <None />}</td>
            <td>{g.passportNo ?? <None />}</td>
            <td>
              {g.nationality ?? <None />}
              {g.nationality && countries.get(g.nationality) && (
                <span className="muted"> → {countries.get(g.nationality)}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function PayloadView({ payload }: { payload: ReservationPayload }) {
  const { t } = useLanguage()
  const outcomes = outcomeLabels(t)
  return (
    <PayloadBlock
      titleId="reservation-payload-request"
      testId="reservation-payload"
      title="InsertReservation"
      source={payload.source}
      hint={
        <>
          {payload.source === 'sent' && (
            <>
              {payload.sentAt
                ? t('reservations.payload.sentAt', { time: formatDateTime(payload.sentAt) })
                : t('reservations.payload.sent')}
              {payload.outcome ? t('detail.outcome', { outcome: outcomes[payload.outcome] ?? payload.outcome }) : ''}
              .{' '}
            </>
          )}
          {payload.source === 'preview' && t('reservations.payload.preview')}
          {payload.message}
        </>
      }
      url={
        payload.url !== null && (
          <p className="payload-url">
            <code className="wrap" data-testid="reservation-payload-url">
              {payload.url}
            </code>
          </p>
        )
      }
      body={payload.body}
      bodyLabel={(source) => t('reservations.payload.bodyLabel', { source })}
    />
  )
}

const phaseLabels = (t: TFunction): Record<string, string> => ({
  send: t('reservations.phases.send'),
  lookup: t('detail.phases.lookup'),
  cancel: t('reservations.phases.cancel'),
  login: t('detail.phases.login'),
  resolve: t('detail.phases.resolve'),
})

function AttemptsView({ attempts }: { attempts: ReservationAttempt[] }) {
  const { t } = useLanguage()
  return (
    <AttemptsTable
      attempts={attempts}
      phases={phaseLabels(t)}
      emptyText={t('reservations.detail.noAttempts')}
      testId="reservation-attempts"
      rowTestId="reservation-attempt"
    />
  )
}
