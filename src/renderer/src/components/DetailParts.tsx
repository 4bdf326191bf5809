/**
 * The pieces both detail screens (stop sale, reservation) are made of: the fact list, the loading and
 * not-found states, dismissible banners, the payload block and the attempt-history table. Each screen
 * passes its own test ids, i18n keys and labels; the markup lives here once.
 */
import { useEffect, useRef, type ReactNode } from 'react'
import type { EventName } from '../../../shared/ipc'
import type { Loadable } from '../use-call'
import { onEvent } from '../api'
import { formatDateTime } from '../format'
import { useLanguage, type TFunction } from '../i18n'

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

export const None = () => <span className="muted">—</span>

/** The JSON text pretty-printed for reading (the stored text itself stays byte for byte in main). */
export function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

export const outcomeLabels = (t: TFunction): Record<string, string> => ({
  ok: t('detail.outcomes.ok'),
  failed: t('detail.outcomes.failed'),
  unknown: t('detail.outcomes.unknown'),
  parked: t('detail.outcomes.parked'),
})

/**
 * What both detail screens do around their record: refetch when main names it as changed (none named:
 * possibly all), when the profiles change, and after a finished sync (events say so too; this covers a
 * sync that changed nothing); and, once loaded, focus the heading for the keyboard and screen readers.
 */
export function useDetailRefresh(
  changed: Extract<EventName, 'stopSales.changed' | 'reservations.changed'>,
  id: number,
  reload: () => void,
  reloadProfiles: () => void,
  sync: { summary?: unknown; error?: unknown },
  loaded: boolean,
) {
  useEffect(
    () =>
      onEvent(changed, ({ ids }) => {
        if (ids.length === 0 || ids.includes(id)) reload()
      }),
    [changed, id, reload],
  )
  useEffect(() => onEvent('profiles.changed', reloadProfiles), [reloadProfiles])
  useEffect(() => {
    if (sync.summary || sync.error) reload()
  }, [sync.summary, sync.error, reload])
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (loaded) heading.current?.focus()
  }, [loaded])
  return heading
}

/**
 * The whole screen while there is no record to show: loading, failed to load (with Try again), or not
 * found (also when it was deleted while open) — nothing left but the way back.
 */
export function DetailLoadState({
  detail,
  id,
  onRetry,
  backLink,
  testIdPrefix,
  keyPrefix,
}: {
  detail: Loadable<unknown>
  id: number
  onRetry: () => void
  backLink: ReactNode
  /** e.g. `detail` → `detail-error`, `detail-loading`. */
  testIdPrefix: string
  /** e.g. `detail` → `detail.notFound`, `detail.loadFailed`, `detail.loading`. */
  keyPrefix: 'detail' | 'reservations.detail'
}) {
  const { t } = useLanguage()
  if (detail.state === 'error') {
    const notFound = detail.error.kind === 'not-found'
    return (
      <section
        className="state state-error detail-state"
        role="alert"
        data-testid={`${testIdPrefix}-error`}
        data-kind={detail.error.kind}
      >
        <h1>{notFound ? t(`${keyPrefix}.notFound`, { id }) : t(`${keyPrefix}.loadFailed`, { id })}</h1>
        <p>{detail.error.message}</p>
        <p className="actions centered">
          {!notFound && (
            <button type="button" onClick={onRetry}>
              {t('common.tryAgain')}
            </button>
          )}
          {backLink}
        </p>
      </section>
    )
  }
  return (
    <section className="state detail-state" aria-busy="true" data-testid={`${testIdPrefix}-loading`}>
      <p>{t(`${keyPrefix}.loading`, { id })}</p>
      <p>{backLink}</p>
    </section>
  )
}

/** A status banner with a Dismiss button; `data` becomes its data-* attributes. */
export function DismissibleBanner({
  kind,
  testId,
  data,
  onClose,
  children,
}: {
  kind: 'banner-ok' | 'banner-info' | 'banner-warn'
  testId: string
  data?: Record<`data-${string}`, string | undefined>
  onClose: () => void
  children: ReactNode
}) {
  const { t } = useLanguage()
  return (
    <div className={`banner ${kind} banner-row`} role="status" data-testid={testId} {...data}>
      <span>{children}</span>
      <button type="button" className="secondary small" onClick={onClose}>
        {t('common.dismiss')}
      </button>
    </div>
  )
}

/** One request body as it is (or would be) sent, with where it comes from (sent / preview / …). */
export function PayloadBlock({
  titleId,
  testId,
  title,
  source,
  hint,
  url,
  body,
  bodyLabel,
}: {
  titleId: string
  testId: string
  title: ReactNode
  source: 'sent' | 'preview' | 'unavailable'
  hint: ReactNode
  url?: ReactNode
  body: string | null
  /** Given the label of the source. */
  bodyLabel: (sourceLabel: string) => string
}) {
  const { t } = useLanguage()
  const sourceLabel = t(`detail.payload.${source}`)
  return (
    <section className="payload" aria-labelledby={titleId} data-testid={testId} data-source={source}>
      <h3 id={titleId}>
        {title}{' '}
        <span className={`badge payload-${source}`} data-testid="payload-label">
          {sourceLabel}
        </span>
      </h3>
      <p className="hint">{hint}</p>
      {url}
      {body !== null && (
        <pre className="json" tabIndex={0} aria-label={bodyLabel(sourceLabel)}>
          {pretty(body)}
        </pre>
      )}
    </section>
  )
}

export interface AttemptRow {
  id: number
  phase: string
  outcome: string
  startedAt: string
  httpStatus: number | null
  sednaErrorType: number | string | null
  message: string | null
  durationMs: number | null
  requestBody: string | null
  responseBody: string | null
  /** Only where the request's address is recorded (reservations). */
  url?: string | null
}

/** Every request made for a record: one row each, its bodies behind a disclosure. */
export function AttemptsTable({
  attempts,
  phases,
  emptyText,
  testId,
  rowTestId,
}: {
  attempts: readonly AttemptRow[]
  phases: Record<string, string>
  emptyText: string
  testId: string
  rowTestId: string
}) {
  const { t } = useLanguage()
  const outcomes = outcomeLabels(t)
  if (attempts.length === 0) return <p className="muted">{emptyText}</p>
  return (
    <table className="grid compact attempts" data-testid={testId}>
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
      {attempts.map((a) => {
        const url = a.url ?? null
        return (
          <tbody key={a.id} data-testid={rowTestId} data-phase={a.phase} data-outcome={a.outcome}>
            <tr>
              <td>{formatDateTime(a.startedAt)}</td>
              <td>{phases[a.phase] ?? a.phase}</td>
              <td>
                <span className={`outcome outcome-${a.outcome}`}>{outcomes[a.outcome] ?? a.outcome}</span>
              </td>
              <td className="num">{a.httpStatus ?? '—'}</td>
              <td className="num">{a.sednaErrorType ?? '—'}</td>
              <td className="message">{a.message ?? <None />}</td>
              <td className="num">{a.durationMs !== null ? `${a.durationMs} ms` : '—'}</td>
            </tr>
            {(url !== null || a.requestBody !== null || a.responseBody !== null) && (
              <tr className="attempt-bodies">
                <td colSpan={7}>
                  <details>
                    <summary>
                      {t('detail.attemptBodies', {
                        phase: phases[a.phase] ?? a.phase,
                        time: formatDateTime(a.startedAt),
                      })}
                    </summary>
                    {url !== null && (
                      <p>
                        <code className="wrap">{url}</code>
                      </p>
                    )}
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
        )
      })}
    </table>
  )
}

/** What the record resolves to: not yet (and why), the ids (`resolved`), or what is missing. */
export function ResolutionFrame<U extends { kind: string }>({
  resolution,
  testId,
  unresolvedTestId,
  resolved,
  unresolvedKey,
  unresolvedText,
}: {
  resolution: {
    source: 'stored' | 'resolved-now' | 'unavailable'
    message: string | null
    resolution: { ok: true } | { ok: false; unresolved: U[] } | null
  }
  testId: string
  unresolvedTestId: string
  /** The fact list shown when it resolved. */
  resolved: ReactNode
  unresolvedKey: (u: U) => string
  unresolvedText: (u: U, t: TFunction) => string
}) {
  const { t } = useLanguage()
  const source =
    resolution.source === 'stored'
      ? t('detail.sourceStored')
      : resolution.source === 'resolved-now'
        ? t('detail.sourceNow')
        : null
  const res = resolution.resolution
  return (
    <div data-testid={testId} data-source={resolution.source} data-ok={res ? String(res.ok) : undefined}>
      {!res ? (
        <p className="muted">{resolution.message ?? t('detail.notResolvedYet')}</p>
      ) : res.ok ? (
        resolved
      ) : (
        <>
          <p>{t('detail.notResolved')}</p>
          <ul className="unresolved" data-testid={unresolvedTestId}>
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

/**
 * The card that fixes a missing mapping in place: what cannot be sent and for which account, then the
 * account's state (loading, failed, none) or, once there is one, the pickers (`children`).
 */
export function FixInPlaceCard({
  titleId,
  testId,
  title,
  cannotText,
  noAccountAfter,
  profile,
  profilesLoaded,
  profilesError,
  children,
}: {
  titleId: string
  testId: string
  title: string
  cannotText: string
  noAccountAfter: string
  profile: { id: number; name: string } | undefined
  profilesLoaded: boolean
  profilesError: string | undefined
  children: (profileId: number) => ReactNode
}) {
  const { t } = useLanguage()
  return (
    <section className="card fix" aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId}>{title}</h2>
      <p>
        {cannotText}
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
      {profilesError ? (
        <p className="banner banner-error" role="alert">
          {profilesError}
        </p>
      ) : !profilesLoaded ? (
        <p className="muted" aria-busy="true">
          {t('detail.loadingAccount')}
        </p>
      ) : !profile ? (
        <p className="banner banner-warn">
          {t('detail.noAccount')} <a href="#/settings">{t('detail.noAccountLink')}</a> {noAccountAfter}
        </p>
      ) : (
        <div className="stack-lg">{children(profile.id)}</div>
      )}
    </section>
  )
}

/** The kinds of missing mapping both record kinds share: a hotel, a room code, a board code. */
type CommonUnresolved =
  | { kind: 'hotel'; name: string; suggestions: Array<{ name: string }> }
  | { kind: 'room'; code: string; hotelId: number }
  | { kind: 'board'; code: string }

export const commonUnresolvedKey = (u: CommonUnresolved) =>
  u.kind === 'hotel' ? `hotel:${u.name}` : u.kind === 'room' ? `room:${u.hotelId}:${u.code}` : `board:${u.code}`

export function commonUnresolvedText(u: CommonUnresolved, t: TFunction): string {
  switch (u.kind) {
    case 'hotel':
      return u.suggestions[0]
        ? t('detail.unresolvedHotelClosest', { name: u.name, closest: u.suggestions[0].name })
        : t('detail.unresolvedHotel', { name: u.name })
    case 'room':
      return t('detail.unresolvedRoom', { code: u.code, hotelId: u.hotelId })
    case 'board':
      return t('detail.unresolvedBoard', { code: u.code })
  }
}

/** The way back to the list. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} className="back-link">
      {label}
    </a>
  )
}

/** Which import brought the record in (file, import number, record in the file, when), if one did. */
export function ImportedFrom({
  from,
  sourceRow,
}: {
  from: { id: number; fileName: string; createdAt: string } | null
  sourceRow: number | null
}) {
  const { t } = useLanguage()
  return from ? (
    <>
      {from.fileName} (import #{from.id}
      {sourceRow !== null ? t('detail.importRecord', { row: sourceRow }) : ''}) · {formatDateTime(from.createdAt)}
    </>
  ) : (
    t('detail.notFromImport')
  )
}

/** The account the record was sent with, or — not sent yet — the one the next Sync will use. */
export function AccountName({
  profileId,
  recordProfile,
  activeProfile,
}: {
  profileId: number | null
  recordProfile: { name: string } | undefined
  activeProfile: { name: string } | undefined
}) {
  const { t } = useLanguage()
  return profileId === null ? (
    <span className="muted">
      {t('detail.notSentYet')}
      {activeProfile ? t('detail.willUse', { name: activeProfile.name }) : ''}
    </span>
  ) : (
    (recordProfile?.name ?? `#${profileId}`)
  )
}
