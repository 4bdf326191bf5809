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
import { useLoad } from '../use-call'
import { FixUnresolved, type Mapped } from './MappingPickers'
import { ErrorBanner } from './SettingsPage'
import { sendable, statusLabels } from './StopSalesPage'
import { useSync } from './SyncPanel'

const backLink = (
  <a href="#/stop-sales" className="back-link">
    ← Back to the stop sales
  </a>
)

export function StopSaleDetail({ id }: { id: number }) {
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
          <h1>{notFound ? `Stop sale #${id} was not found` : `Stop sale #${id} could not be loaded`}</h1>
          <p>{detail.error.message}</p>
          <p className="actions centered">
            {!notFound && (
              <button type="button" onClick={reload}>
                Try again
              </button>
            )}
            {backLink}
          </p>
        </section>
      )
    }
    return (
      <section className="state detail-state" aria-busy="true" data-testid="detail-loading">
        <p>Loading stop sale #{id}…</p>
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
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {backLink}
      </nav>
      <header className="page-header detail-header">
        <h1 id="detail-title" tabIndex={-1} ref={heading}>
          Stop sale #{id}: {r.hotelName}
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
              {sync.running ? 'Sending…' : 'Sync'}
            </button>
          )}
          {detail.state === 'loading' && <span className="muted">Refreshing…</span>}
        </div>
      </header>
      <p className="detail-sub">
        {kindText(r.kind)} · {formatNight(r.firstNight)} – {formatNight(r.lastNight)} ({nightsText(r.nights)}) ·{' '}
        {codesText(r.roomCodes, 'All rooms')} · {codesText(r.boardCodes, 'All boards')}
      </p>

      {detail.state === 'error' && <ErrorBanner error={detail.error} onRetry={reload} />}
      <div aria-live="polite">
        {sync.running && (
          <p className="banner banner-info" role="status">
            Sending to Sedna…
          </p>
        )}
        {syncResult && <SyncResultBanner result={syncResult} summary={sync.summary!} onClose={sync.dismiss} />}
        {mapped && <MappedBanner mapped={mapped} id={id} status={r.status} onClose={() => setMapped(undefined)} />}
      </div>
      {sync.error && <ErrorBanner error={sync.error} />}
      {r.lastError && r.status !== 'synced' && !canFix && (
        <p className="banner banner-warn" data-testid="detail-last-error">
          <strong>Last error:</strong> {r.lastError}
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
          <h2 id="imported-title">As imported</h2>
          <dl className="facts" data-testid="imported-facts">
            <Fact label="Hotel (as received)">{r.hotelName}</Fact>
            {r.hotelId !== null && <Fact label="Sedna hotel id on the record">{r.hotelId}</Fact>}
            <Fact label="First night">{formatNight(r.firstNight)}</Fact>
            <Fact label="Last night">{formatNight(r.lastNight)}</Fact>
            <Fact label="Nights">{r.nights}</Fact>
            <Fact label="Rooms">{codesText(r.roomCodes, 'All rooms')}</Fact>
            <Fact label="Boards">{codesText(r.boardCodes, 'All boards')}</Fact>
            <Fact label="Markets">{r.marketIds.length ? r.marketIds.join(', ') : 'All markets'}</Fact>
            <Fact label="Close / open">{kindText(r.kind)}</Fact>
            <Fact label="Reason">{r.reason ?? <None />}</Fact>
            <Fact label="Source message id">
              {r.sourceMessageId ? <code className="wrap">{r.sourceMessageId}</code> : <None />}
            </Fact>
            <Fact label="Subject">{r.sourceSubject ?? <None />}</Fact>
            <Fact label="Received">{r.sourceReceivedAt ? formatWallClock(r.sourceReceivedAt) : <None />}</Fact>
            {r.sourceEmailId && <Fact label="E-mail id">{r.sourceEmailId}</Fact>}
            <Fact label="Import">
              {d.import ? (
                <>
                  {d.import.fileName} (import #{d.import.id}
                  {r.sourceRow !== null ? `, record ${r.sourceRow}` : ''}) · {formatTime(d.import.createdAt)}
                </>
              ) : (
                'Not from an import file'
              )}
            </Fact>
            <Fact label="Added">{formatTime(r.createdAt)}</Fact>
          </dl>
        </section>

        <section className="card" aria-labelledby="sedna-title">
          <h2 id="sedna-title">In Sedna</h2>
          <dl className="facts" data-testid="sedna-facts">
            <Fact label="Status">
              <span className={`badge status-${r.status}`}>{statusLabels[r.status]}</span>
              {r.waitingForNetwork && <span className="muted"> · waiting for Sedna to answer</span>}
            </Fact>
            <Fact label="Sedna RecId">
              <strong data-testid="detail-rec-id">{r.sednaRecId ?? '—'}</strong>
            </Fact>
            <Fact label="Sedna account">
              {r.profileId === null ? (
                <span className="muted">Not sent yet{activeProfile ? ` (will use “${activeProfile.name}”)` : ''}</span>
              ) : (
                (recordProfile?.name ?? `#${r.profileId}`)
              )}
            </Fact>
            <Fact label="Requests made">{r.attempts}</Fact>
            {r.phase1SentAt && <Fact label="Phase 1 first sent">{formatTime(r.phase1SentAt)}</Fact>}
            {r.declareDate && (
              <Fact label="DeclareDate sent">
                <code>{r.declareDate}</code>
              </Fact>
            )}
            {r.syncedAt && <Fact label="Synced">{formatTime(r.syncedAt)}</Fact>}
            {r.nextAttemptAt && r.status !== 'synced' && <Fact label="Next try">{formatTime(r.nextAttemptAt)}</Fact>}
            <Fact label="Last error">{r.lastError ? <span className="error-text">{r.lastError}</span> : <None />}</Fact>
          </dl>
          <h3>Resolved to</h3>
          <ResolutionView resolution={d.resolution} />
        </section>
      </div>

      <section className="card detail-section" aria-labelledby="payloads-title">
        <h2 id="payloads-title">What is sent to Sedna</h2>
        <p className="hint">
          Sedna saves a stop sale in two requests to UpdateStopSale: phase 1 creates it and returns its RecId, phase 2
          adds the rooms, boards, operators and markets under that RecId. Passwords are never part of these bodies.
        </p>
        <div className="payloads">
          <PayloadView payload={d.payloads.phase1} title="Phase 1 — create" />
          <PayloadView payload={d.payloads.phase2} title="Phase 2 — rooms, boards, markets" />
        </div>
      </section>

      <section className="card detail-section" aria-labelledby="attempts-title">
        <h2 id="attempts-title">Attempt history</h2>
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

const nightsText = (n: number) => `${n} ${n === 1 ? 'night' : 'nights'}`

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
  const ok = result.status === 'synced'
  const waiting = ['pending', 'queued', 'creating', 'created', 'updating'].includes(result.status)
  const text = ok
    ? `Synced: Sedna stored it as RecId ${result.recId}.`
    : `${statusLabels[result.status]}: ${result.message ?? (waiting ? 'it will be tried again.' : 'see the attempt history below.')}`
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
        Dismiss
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
  const { released, stillNeedsAttention } = mapped.result
  const others = released.filter((x) => x !== id).length
  const thisOne = released.includes(id)
    ? 'Nothing else is missing: this stop sale is pending again. Press Sync to send it.'
    : stillNeedsAttention.includes(id) || status === 'needs_attention'
      ? 'This stop sale still needs something else: see below.'
      : null
  return (
    <div className="banner banner-ok banner-row" role="status" data-testid="detail-mapped">
      <span>
        Remembered: {mapped.what}. {thisOne}
        {others > 0 &&
          ` ${others} other stop ${others === 1 ? 'sale' : 'sales'} waiting for it ${others === 1 ? 'is' : 'are'} pending again too.`}
      </span>
      <button type="button" className="secondary small" onClick={onClose}>
        Dismiss
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
  return (
    <section className="card fix" aria-labelledby="fix-title" data-testid="fix-in-place">
      <h2 id="fix-title">Needs attention: tell the app what these mean in Sedna</h2>
      <p>
        This stop sale cannot be sent until {props.unresolved.length === 1 ? 'this is' : 'these are'} matched to Sedna
        {profile ? (
          <>
            {' '}
            (Sedna account “<strong>{profile.name}</strong>”)
          </>
        ) : null}
        . Each choice is remembered for next time.
      </p>
      {props.profilesError ? (
        <p className="banner banner-error" role="alert">
          {props.profilesError}
        </p>
      ) : !props.profilesLoaded ? (
        <p className="muted" aria-busy="true">
          Loading the Sedna account…
        </p>
      ) : !profile ? (
        <p className="banner banner-warn">
          No Sedna account is active. <a href="#/settings">Choose or add one in Settings</a> to fix this stop sale.
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

function unresolvedText(u: Unresolved): string {
  switch (u.kind) {
    case 'hotel':
      return `Hotel “${u.name}” is not known in Sedna${u.suggestions[0] ? ` (closest: ${u.suggestions[0].name})` : ''}.`
    case 'room':
      return `Room code “${u.code}” is unknown at hotel ${u.hotelId}.`
    case 'board':
      return `Board code “${u.code}” is unknown.`
    case 'hotel-rooms-unknown':
      return `No room types are known for hotel ${u.hotelId} (refresh the reference data).`
    case 'boards-unknown':
      return 'No boards are known (refresh the reference data).'
  }
}

function ResolutionView({ resolution }: { resolution: DetailResolution }) {
  const source =
    resolution.source === 'stored'
      ? 'As stored by the sync.'
      : resolution.source === 'resolved-now'
        ? 'Resolved just now against the cached reference data (not stored until it is sent).'
        : null
  const res = resolution.resolution
  return (
    <div data-testid="resolution" data-source={resolution.source} data-ok={res ? String(res.ok) : undefined}>
      {!res ? (
        <p className="muted">{resolution.message ?? 'Not resolved yet.'}</p>
      ) : res.ok ? (
        <dl className="facts">
          <Fact label="Hotel id">
            <strong data-testid="resolved-hotel-id">{res.hotelId}</strong>
          </Fact>
          <Fact label="Room type ids">
            {res.roomTypeIds.length ? res.roomTypeIds.join(', ') : <None />}
            {res.allRooms && <span className="muted"> (all rooms)</span>}
          </Fact>
          <Fact label="Room remark codes">
            {res.roomRemarkCodes.length ? res.roomRemarkCodes.join(', ') : <None />}
          </Fact>
          <Fact label="Board ids">
            {res.boardIds.length ? res.boardIds.join(', ') : <None />}
            {res.allBoards && <span className="muted"> (all boards)</span>}
          </Fact>
          <Fact label="Board remark codes">
            {res.boardRemarkCodes.length ? res.boardRemarkCodes.join(', ') : <None />}
          </Fact>
        </dl>
      ) : (
        <>
          <p>Not resolved. Unknown in Sedna:</p>
          <ul className="unresolved" data-testid="unresolved">
            {res.unresolved.map((u) => (
              <li key={unresolvedKey(u)} data-kind={u.kind}>
                {unresolvedText(u)}
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

const payloadLabels: Record<PhasePayload['source'], string> = {
  sent: 'As sent',
  preview: 'Preview',
  unavailable: 'Not available yet',
}

function PayloadView({ payload, title }: { payload: PhasePayload; title: string }) {
  const titleId = `payload-${payload.phase}-title`
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
          {payloadLabels[payload.source]}
        </span>
      </h3>
      <p className="hint">
        {payload.source === 'sent' && (
          <>
            Exactly the body of the request {payload.sentAt ? `sent ${formatTime(payload.sentAt)}` : 'sent'}
            {payload.outcome ? ` (outcome: ${outcomeLabels[payload.outcome] ?? payload.outcome})` : ''}.
          </>
        )}
        {payload.source === 'preview' && 'Not sent yet: this is the body the next Sync will send. '}
        {payload.message}
      </p>
      {payload.body !== null && (
        <pre className="json" tabIndex={0} aria-label={`${title} body (${payloadLabels[payload.source]})`}>
          {pretty(payload.body)}
        </pre>
      )}
    </section>
  )
}

const phaseLabels: Record<string, string> = {
  phase1: 'Phase 1',
  phase2: 'Phase 2',
  lookup: 'Look-up',
  login: 'Login',
  resolve: 'Resolve ids',
}

const outcomeLabels: Record<string, string> = {
  ok: 'OK',
  failed: 'Failed',
  unknown: 'Unknown',
  parked: 'Parked',
}

function AttemptsView({ attempts }: { attempts: Detail['attempts'] }) {
  if (attempts.length === 0) return <p className="muted">No request has been made to Sedna for this stop sale yet.</p>
  return (
    <table className="grid compact attempts" data-testid="attempts-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Phase</th>
          <th scope="col">Outcome</th>
          <th scope="col" className="num">
            HTTP
          </th>
          <th scope="col" className="num">
            Sedna ErrorType
          </th>
          <th scope="col">Message</th>
          <th scope="col" className="num">
            Duration
          </th>
        </tr>
      </thead>
      {attempts.map((a) => (
        <tbody key={a.id} data-testid="attempt" data-phase={a.phase} data-outcome={a.outcome}>
          <tr>
            <td>{formatTime(a.startedAt)}</td>
            <td>{phaseLabels[a.phase] ?? a.phase}</td>
            <td>
              <span className={`outcome outcome-${a.outcome}`}>{outcomeLabels[a.outcome] ?? a.outcome}</span>
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
                    Request and response of this {phaseLabels[a.phase] ?? a.phase} attempt ({formatTime(a.startedAt)})
                  </summary>
                  <div className="bodies">
                    <div>
                      <h4>Request body</h4>
                      {a.requestBody !== null ? <pre className="json">{pretty(a.requestBody)}</pre> : <None />}
                    </div>
                    <div>
                      <h4>Response body</h4>
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
