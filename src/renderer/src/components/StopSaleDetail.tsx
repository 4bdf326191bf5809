/**
 * One stop sale, everything about it: the record as imported, what it resolves to in Sedna, the exact
 * bodies of both phases, every request made for it; Sync; and, when it waits for a mapping, the pickers
 * that fix it in place. Refetches when main says this stop sale changed — never polls.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { DetailResolution, PhasePayload, StopSaleDetail as Detail } from '../../../shared/detail'
import type { Profile } from '../../../shared/profiles'
import type { Unresolved } from '../../../shared/resolution'
import type { StopSaleStatus } from '../../../shared/stop-sales'
import type { SyncSummary } from '../../../shared/sync'
import { call, onEvent } from '../api'
import { codesText, formatNight, kindText } from '../format'
import { useLanguage, type TFunction } from '../i18n'
import { useLoad } from '../use-call'
import { FixUnresolved, type Mapped } from './MappingPickers'
import { ErrorBanner } from './SettingsPage'
import { sendable, useStatusLabels } from './StopSalesPage'
import { useSync } from './SyncPanel'

function BackLink() {
  const { t } = useLanguage()
  return (
    <a href="#/stop-sales" className="back-link">
      {t('detail.back')}
    </a>
  )
}
const backLink = <BackLink />

export function StopSaleDetail({ id }: { id: number }) {
  const { t } = useLanguage()
  const statusLabels = useStatusLabels()
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
  const [detail, reload] = useLoad(() => call('stopSales.detail', { id }), [id])
  const [profiles, reloadProfiles] = useLoad(() => call('profiles.list', {}), [])
  const sync = useSync()
  const [mapped, setMapped] = useState<Mapped>()

  // Main says which stop sales changed (none named: possibly all of them).
  useEffect(
    () =>
      onEvent('stopSales.changed', ({ ids }) => {
        if (ids.length === 0 || ids.includes(id)) reload()
      }),
    [id, reload],
  )
  useEffect(() => onEvent('profiles.changed', reloadProfiles), [reloadProfiles])
  // A finished sync changed the record: show it (events say so too; this covers a sync that changed nothing).
  useEffect(() => {
    if (sync.summary || sync.error) reload()
  }, [sync.summary, sync.error, reload])

  // Arriving from the list: start at the top, with the heading focused for screen readers.
  const heading = useRef<HTMLHeadingElement>(null)
  const loaded = detail.data !== undefined
  useEffect(() => {
    if (loaded) heading.current?.focus()
  }, [loaded])

  // Not found (also when it was deleted while open): nothing left to show but the way back.
  if (!detail.data || (detail.state === 'error' && detail.error.kind === 'not-found')) {
    if (detail.state === 'error') {
      const notFound = detail.error.kind === 'not-found'
      return (
        <section
          className="state state-error detail-state"
          role="alert"
          data-testid="detail-error"
          data-kind={detail.error.kind}
        >
          <h1>{notFound ? t('detail.notFound', { id }) : t('detail.loadFailed', { id })}</h1>
          <p>{detail.error.message}</p>
          <p className="actions centered">
            {!notFound && (
              <button type="button" onClick={reload}>
                {t('common.tryAgain')}
              </button>
            )}
            {backLink}
          </p>
        </section>
      )
    }
    return (
      <section className="state detail-state" aria-busy="true" data-testid="detail-loading">
        <p>{t('detail.loading', { id })}</p>
        <p>{backLink}</p>
      </section>
    )
  }

  const d = detail.data
  const r = d.record
  const activeProfile = profiles.data?.profiles.find((p) => p.isActive)
  const recordProfile = profiles.data?.profiles.find((p) => p.id === r.profileId)
  const unresolved = d.resolution.resolution?.ok === false ? d.resolution.resolution.unresolved : []
  const canFix = r.status === 'needs_attention' && unresolved.length > 0
  const syncResult = sync.summary?.results.find((x) => x.id === id)

  return (
    <section aria-labelledby="detail-title" className="detail" data-testid="stop-sale-detail" data-id={id}>
      <nav aria-label={t('detail.breadcrumb')} className="breadcrumb">
        {backLink}
      </nav>
      <header className="page-header detail-header">
        <h1 id="detail-title" tabIndex={-1} ref={heading}>
          {t('detail.title', { id, hotel: r.hotelName })}
        </h1>
        <span
          className={`badge badge-lg status-${r.status}`}
          data-testid="detail-status"
          data-status={r.status}
          title={r.lastError ?? undefined}
        >
          {statusLabels[r.status]}
        </span>
        <div className="detail-actions">
          {sendable.has(r.status) && (
            <button
              type="button"
              onClick={() => {
                setMapped(undefined)
                void sync.run({ ids: [id] })
              }}
              disabled={sync.running}
              data-testid="detail-sync"
            >
              {sync.running ? t('detail.sending') : t('detail.sync')}
            </button>
          )}
          {detail.state === 'loading' && <span className="muted">{t('detail.refreshing')}</span>}
        </div>
      </header>
      <p className="detail-sub">
        {kindText(r.kind, kinds)} · {formatNight(r.firstNight)} – {formatNight(r.lastNight)} (
        {t('detail.nights', { count: r.nights })}) · {codesText(r.roomCodes, t('common.allRooms'))} ·{' '}
        {codesText(r.boardCodes, t('common.allBoards'))}
      </p>

      {detail.state === 'error' && <ErrorBanner error={detail.error} onRetry={reload} />}
      <div aria-live="polite">
        {sync.running && (
          <p className="banner banner-info" role="status">
            {t('detail.sendingToSedna')}
          </p>
        )}
        {syncResult && <SyncResultBanner result={syncResult} summary={sync.summary!} onClose={sync.dismiss} />}
        {mapped && <MappedBanner mapped={mapped} id={id} status={r.status} onClose={() => setMapped(undefined)} />}
      </div>
      {sync.error && <ErrorBanner error={sync.error} />}
      {r.lastError && r.status !== 'synced' && !canFix && (
        <p className="banner banner-warn" data-testid="detail-last-error">
          <strong>{t('detail.lastError')}</strong> {r.lastError}
        </p>
      )}

      {canFix && (
        <FixInPlace
          unresolved={unresolved}
          message={d.resolution.message}
          profile={activeProfile}
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
        <section className="card" aria-labelledby="imported-title">
          <h2 id="imported-title">{t('detail.asImported')}</h2>
          <dl className="facts" data-testid="imported-facts">
            <Fact label={t('detail.hotelAsReceived')}>{r.hotelName}</Fact>
            {r.hotelId !== null && <Fact label={t('detail.hotelIdOnRecord')}>{r.hotelId}</Fact>}
            <Fact label={t('columns.firstNight')}>{formatNight(r.firstNight)}</Fact>
            <Fact label={t('columns.lastNight')}>{formatNight(r.lastNight)}</Fact>
            <Fact label={t('columns.nights')}>{r.nights}</Fact>
            <Fact label={t('columns.rooms')}>{codesText(r.roomCodes, t('common.allRooms'))}</Fact>
            <Fact label={t('columns.boards')}>{codesText(r.boardCodes, t('common.allBoards'))}</Fact>
            <Fact label={t('detail.markets')}>
              {r.marketIds.length ? r.marketIds.join(', ') : t('detail.allMarkets')}
            </Fact>
            <Fact label={t('columns.kind')}>{kindText(r.kind, kinds)}</Fact>
            <Fact label={t('detail.reason')}>{r.reason ?? <None />}</Fact>
            <Fact label={t('detail.sourceMessageId')}>
              {r.sourceMessageId ? <code className="wrap">{r.sourceMessageId}</code> : <None />}
            </Fact>
            <Fact label={t('detail.subject')}>{r.sourceSubject ?? <None />}</Fact>
            <Fact label={t('detail.received')}>
              {r.sourceReceivedAt ? formatWallClock(r.sourceReceivedAt) : <None />}
            </Fact>
            {r.sourceEmailId && <Fact label={t('detail.emailId')}>{r.sourceEmailId}</Fact>}
            <Fact label={t('detail.import')}>
              {d.import ? (
                <>
                  {d.import.fileName} (import #{d.import.id}
                  {r.sourceRow !== null ? t('detail.importRecord', { row: r.sourceRow }) : ''}) ·{' '}
                  {formatTime(d.import.createdAt)}
                </>
              ) : (
                t('detail.notFromImport')
              )}
            </Fact>
            <Fact label={t('detail.added')}>{formatTime(r.createdAt)}</Fact>
          </dl>
        </section>

        <section className="card" aria-labelledby="sedna-title">
          <h2 id="sedna-title">{t('detail.inSedna')}</h2>
          <dl className="facts" data-testid="sedna-facts">
            <Fact label={t('detail.status')}>
              <span className={`badge status-${r.status}`}>{statusLabels[r.status]}</span>
              {r.waitingForNetwork && <span className="muted">{t('detail.waitingForNetwork')}</span>}
            </Fact>
            <Fact label={t('columns.recId')}>
              <strong data-testid="detail-rec-id">{r.sednaRecId ?? '—'}</strong>
            </Fact>
            <Fact label={t('detail.account')}>
              {r.profileId === null ? (
                <span className="muted">
                  {t('detail.notSentYet')}
                  {activeProfile ? t('detail.willUse', { name: activeProfile.name }) : ''}
                </span>
              ) : (
                (recordProfile?.name ?? `#${r.profileId}`)
              )}
            </Fact>
            <Fact label={t('detail.requestsMade')}>{r.attempts}</Fact>
            {r.phase1SentAt && <Fact label={t('detail.phase1SentAt')}>{formatTime(r.phase1SentAt)}</Fact>}
            {r.declareDate && (
              <Fact label={t('detail.declareDate')}>
                <code>{r.declareDate}</code>
              </Fact>
            )}
            {r.syncedAt && <Fact label={t('detail.synced')}>{formatTime(r.syncedAt)}</Fact>}
            {r.nextAttemptAt && r.status !== 'synced' && (
              <Fact label={t('detail.nextTry')}>{formatTime(r.nextAttemptAt)}</Fact>
            )}
            <Fact label={t('detail.lastError').replace(/:$/, '')}>
              {r.lastError ? <span className="error-text">{r.lastError}</span> : <None />}
            </Fact>
          </dl>
          <h3>{t('detail.resolvedTo')}</h3>
          <ResolutionView resolution={d.resolution} />
        </section>
      </div>

      <section className="card detail-section" aria-labelledby="payloads-title">
        <h2 id="payloads-title">{t('detail.whatIsSent')}</h2>
        <p className="hint">{t('detail.whatIsSentHint')}</p>
        <div className="payloads">
          <PayloadView payload={d.payloads.phase1} title={t('detail.phase1Title')} />
          <PayloadView payload={d.payloads.phase2} title={t('detail.phase2Title')} />
        </div>
      </section>

      <section className="card detail-section" aria-labelledby="attempts-title">
        <h2 id="attempts-title">{t('detail.attemptHistory')}</h2>
        <AttemptsView attempts={d.attempts} />
      </section>
    </section>
  )
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

const None = () => <span className="muted">—</span>

const pad = (n: number) => String(n).padStart(2, '0')

/** A time the app recorded (ISO, UTC), in this computer's time: dd.MM.yyyy HH:mm:ss. */
function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** The e-mail's time as the hotel wrote it (its own clock and offset), not converted. */
function formatWallClock(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso)
  if (!m) return iso
  const zone = m[7] === undefined ? '' : m[7] === 'Z' ? ' (UTC)' : ` (UTC${m[7]})`
  return `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''}${zone}`
}

function SyncResultBanner({
  result,
  summary,
  onClose,
}: {
  result: SyncSummary['results'][number]
  summary: SyncSummary
  onClose: () => void
}) {
  const { t } = useLanguage()
  const statusLabels = useStatusLabels()
  const ok = result.status === 'synced'
  const waiting = ['pending', 'queued', 'creating', 'created', 'updating'].includes(result.status)
  const text = ok
    ? t('detail.syncedAs', { recId: result.recId })
    : `${statusLabels[result.status]}: ${result.message ?? (waiting ? t('detail.willRetry') : t('detail.seeHistory'))}`
  return (
    <div
      className={`banner ${ok ? 'banner-ok' : waiting ? 'banner-info' : 'banner-warn'} banner-row`}
      role="status"
      data-testid="detail-sync-result"
      data-status={result.status}
      data-connectivity={summary.connectivity}
    >
      <span>{text}</span>
      <button type="button" className="secondary small" onClick={onClose}>
        {t('common.dismiss')}
      </button>
    </div>
  )
}

function MappedBanner({
  mapped,
  id,
  status,
  onClose,
}: {
  mapped: Mapped
  id: number
  status: StopSaleStatus
  onClose: () => void
}) {
  const { t } = useLanguage()
  const { released, stillNeedsAttention } = mapped.result
  const others = released.filter((x) => x !== id).length
  const thisOne = released.includes(id)
    ? t('detail.mappedReleased')
    : stillNeedsAttention.includes(id) || status === 'needs_attention'
      ? t('detail.mappedStill')
      : null
  return (
    <div className="banner banner-ok banner-row" role="status" data-testid="detail-mapped">
      <span>
        {t('detail.remembered', { what: mapped.what })} {thisOne}
        {others > 0 && t('detail.othersPending', { count: others })}
      </span>
      <button type="button" className="secondary small" onClick={onClose}>
        {t('common.dismiss')}
      </button>
    </div>
  )
}

function FixInPlace(props: {
  unresolved: Unresolved[]
  message: string | null
  profile: Profile | undefined
  profilesLoaded: boolean
  profilesError: string | undefined
  onMapped: (m: Mapped) => void
}) {
  const { profile } = props
  const { t } = useLanguage()
  return (
    <section className="card fix" aria-labelledby="fix-title" data-testid="fix-in-place">
      <h2 id="fix-title">{t('detail.fixTitle')}</h2>
      <p>
        {props.unresolved.length === 1 ? t('detail.fixCannotOne') : t('detail.fixCannotMany')}
        {profile ? (
          <>
            {' '}
            {t('detail.fixAccountBefore')}
            <strong>{profile.name}</strong>
            {t('detail.fixAccountAfter')}
          </>
        ) : null}
        {t('detail.fixRemembered')}
      </p>
      {props.profilesError ? (
        <p className="banner banner-error" role="alert">
          {props.profilesError}
        </p>
      ) : !props.profilesLoaded ? (
        <p className="muted" aria-busy="true">
          {t('detail.loadingAccount')}
        </p>
      ) : !profile ? (
        <p className="banner banner-warn">
          {t('detail.noAccount')} <a href="#/settings">{t('detail.noAccountLink')}</a> {t('detail.noAccountAfter')}
        </p>
      ) : (
        <div className="stack-lg">
          {props.unresolved.map((u) => (
            <FixUnresolved key={unresolvedKey(u)} item={u} profileId={profile.id} onMapped={props.onMapped} />
          ))}
        </div>
      )}
    </section>
  )
}

const unresolvedKey = (u: Unresolved) =>
  u.kind === 'hotel'
    ? `hotel:${u.name}`
    : u.kind === 'room'
      ? `room:${u.hotelId}:${u.code}`
      : u.kind === 'board'
        ? `board:${u.code}`
        : u.kind === 'hotel-rooms-unknown'
          ? `rooms:${u.hotelId}`
          : 'boards'

function unresolvedText(u: Unresolved, t: TFunction): string {
  switch (u.kind) {
    case 'hotel':
      return u.suggestions[0]
        ? t('detail.unresolvedHotelClosest', { name: u.name, closest: u.suggestions[0].name })
        : t('detail.unresolvedHotel', { name: u.name })
    case 'room':
      return t('detail.unresolvedRoom', { code: u.code, hotelId: u.hotelId })
    case 'board':
      return t('detail.unresolvedBoard', { code: u.code })
    case 'hotel-rooms-unknown':
      return t('detail.unresolvedHotelRooms', { hotelId: u.hotelId })
    case 'boards-unknown':
      return t('detail.unresolvedBoards')
  }
}

function ResolutionView({ resolution }: { resolution: DetailResolution }) {
  const { t } = useLanguage()
  const source =
    resolution.source === 'stored'
      ? t('detail.sourceStored')
      : resolution.source === 'resolved-now'
        ? t('detail.sourceNow')
        : null
  const res = resolution.resolution
  return (
    <div data-testid="resolution" data-source={resolution.source} data-ok={res ? String(res.ok) : undefined}>
      {!res ? (
        <p className="muted">{resolution.message ?? t('detail.notResolvedYet')}</p>
      ) : res.ok ? (
        <dl className="facts">
          <Fact label={t('detail.hotelId')}>
            <strong data-testid="resolved-hotel-id">{res.hotelId}</strong>
          </Fact>
          <Fact label={t('detail.roomTypeIds')}>
            {res.roomTypeIds.length ? res.roomTypeIds.join(', ') : <None />}
            {res.allRooms && <span className="muted">{t('detail.allRoomsNote')}</span>}
          </Fact>
          <Fact label={t('detail.roomRemarkCodes')}>
            {res.roomRemarkCodes.length ? res.roomRemarkCodes.join(', ') : <None />}
          </Fact>
          <Fact label={t('detail.boardIds')}>
            {res.boardIds.length ? res.boardIds.join(', ') : <None />}
            {res.allBoards && <span className="muted">{t('detail.allBoardsNote')}</span>}
          </Fact>
          <Fact label={t('detail.boardRemarkCodes')}>
            {res.boardRemarkCodes.length ? res.boardRemarkCodes.join(', ') : <None />}
          </Fact>
        </dl>
      ) : (
        <>
          <p>{t('detail.notResolved')}</p>
          <ul className="unresolved" data-testid="unresolved">
            {res.unresolved.map((u) => (
              <li key={unresolvedKey(u)} data-kind={u.kind}>
                {unresolvedText(u, t)}
              </li>
            ))}
          </ul>
        </>
      )}
      {source && <p className="hint">{source}</p>}
    </div>
  )
}

/** The JSON text pretty-printed for reading (the stored text itself stays byte for byte in main). */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

function PayloadView({ payload, title }: { payload: PhasePayload; title: string }) {
  const { t } = useLanguage()
  const titleId = `payload-${payload.phase}-title`
  const sourceLabel = t(`detail.payload.${payload.source}`)
  const outcomes = outcomeLabels(t)
  return (
    <section
      className="payload"
      aria-labelledby={titleId}
      data-testid={`payload-${payload.phase}`}
      data-source={payload.source}
    >
      <h3 id={titleId}>
        {title}{' '}
        <span className={`badge payload-${payload.source}`} data-testid="payload-label">
          {sourceLabel}
        </span>
      </h3>
      <p className="hint">
        {payload.source === 'sent' && (
          <>
            {payload.sentAt ? t('detail.exactlySentAt', { time: formatTime(payload.sentAt) }) : t('detail.exactlySent')}
            {payload.outcome ? t('detail.outcome', { outcome: outcomes[payload.outcome] ?? payload.outcome }) : ''}.
          </>
        )}
        {payload.source === 'preview' && t('detail.previewHint')}
        {payload.message}
      </p>
      {payload.body !== null && (
        <pre className="json" tabIndex={0} aria-label={t('detail.bodyLabel', { title, source: sourceLabel })}>
          {pretty(payload.body)}
        </pre>
      )}
    </section>
  )
}

const phaseLabels = (t: TFunction): Record<string, string> => ({
  phase1: t('detail.phases.phase1'),
  phase2: t('detail.phases.phase2'),
  lookup: t('detail.phases.lookup'),
  login: t('detail.phases.login'),
  resolve: t('detail.phases.resolve'),
})

const outcomeLabels = (t: TFunction): Record<string, string> => ({
  ok: t('detail.outcomes.ok'),
  failed: t('detail.outcomes.failed'),
  unknown: t('detail.outcomes.unknown'),
  parked: t('detail.outcomes.parked'),
})

function AttemptsView({ attempts }: { attempts: Detail['attempts'] }) {
  const { t } = useLanguage()
  const phases = phaseLabels(t)
  const outcomes = outcomeLabels(t)
  if (attempts.length === 0) return <p className="muted">{t('detail.noAttempts')}</p>
  return (
    <table className="grid compact attempts" data-testid="attempts-table">
      <thead>
        <tr>
          <th scope="col">{t('detail.colTime')}</th>
          <th scope="col">{t('detail.colPhase')}</th>
          <th scope="col">{t('detail.colOutcome')}</th>
          <th scope="col" className="num">
            HTTP
          </th>
          <th scope="col" className="num">
            Sedna ErrorType
          </th>
          <th scope="col">{t('detail.colMessage')}</th>
          <th scope="col" className="num">
            {t('detail.colDuration')}
          </th>
        </tr>
      </thead>
      {attempts.map((a) => (
        <tbody key={a.id} data-testid="attempt" data-phase={a.phase} data-outcome={a.outcome}>
          <tr>
            <td>{formatTime(a.startedAt)}</td>
            <td>{phases[a.phase] ?? a.phase}</td>
            <td>
              <span className={`outcome outcome-${a.outcome}`}>{outcomes[a.outcome] ?? a.outcome}</span>
            </td>
            <td className="num">{a.httpStatus ?? '—'}</td>
            <td className="num">{a.sednaErrorType ?? '—'}</td>
            <td className="message">{a.message ?? <None />}</td>
            <td className="num">{a.durationMs !== null ? `${a.durationMs} ms` : '—'}</td>
          </tr>
          {(a.requestBody !== null || a.responseBody !== null) && (
            <tr className="attempt-bodies">
              <td colSpan={7}>
                <details>
                  <summary>
                    {t('detail.attemptBodies', { phase: phases[a.phase] ?? a.phase, time: formatTime(a.startedAt) })}
                  </summary>
                  <div className="bodies">
                    <div>
                      <h4>{t('detail.requestBody')}</h4>
                      {a.requestBody !== null ? <pre className="json">{pretty(a.requestBody)}</pre> : <None />}
                    </div>
                    <div>
                      <h4>{t('detail.responseBody')}</h4>
                      {a.responseBody !== null ? <pre className="json">{pretty(a.responseBody)}</pre> : <None />}
                    </div>
                  </div>
                </details>
              </td>
            </tr>
          )}
        </tbody>
      ))}
    </table>
  )
}
