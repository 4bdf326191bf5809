/**
 * The pieces both detail screens (stop sale, reservation) are made of: the fact list and the facts
 * every record has, the loading and not-found states, dismissible banners, the way back, where a
 * record came from and its account (DetailLayout.tsx: the frame around them). Each screen passes its
 * own test ids, i18n keys and labels; the markup lives here once.
 */
import type { ReactNode } from 'react'
import type { AppError } from '../../../shared/result'
import { formatDateTime } from '../format'
import { useLanguage } from '../i18n'
import { useWords } from './words'

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

export const None = () => <span className="muted">—</span>

/** The facts that open a record's Sedna list: its status (and whether it waits for the network) and its RecId. */
export function StatusFacts({
  badge,
  record,
  recIdTestId,
}: {
  badge: ReactNode
  record: { waitingForNetwork: boolean; sednaRecId: number | null }
  recIdTestId: string
}) {
  const { t } = useLanguage()
  return (
    <>
      <Fact label={t('detail.status')}>
        {badge}
        {record.waitingForNetwork && <span className="muted">{t('detail.waitingForNetwork')}</span>}
      </Fact>
      <Fact label={t('columns.recId')}>
        <strong data-testid={recIdTestId}>{record.sednaRecId ?? '—'}</strong>
      </Fact>
    </>
  )
}

/** What a record's Sedna facts are drawn from. */
export interface SednaFactsProps<R> {
  record: R
  /** The account it was sent with, or (not sent yet) the one the next Sync uses. */
  account: { name: string } | null
}

/** The account the record was sent with, or — not sent yet — the one the next Sync will use. */
export function AccountFact({
  record,
  account,
}: {
  /** Set once it was sent. */
  record: { profileId: number | null }
  account: { name: string } | null
}) {
  const { t } = useLanguage()
  const name = account?.name
  return (
    <Fact label={t('detail.account')}>
      {record.profileId === null ? (
        <span className="muted">
          {t('detail.notSentYet')}
          {name ? t('detail.willUse', { name }) : ''}
        </span>
      ) : (
        (name ?? '—')
      )}
    </Fact>
  )
}

/** The fact that closes a record's Sedna list: its last error, worded (a dash when there is none). */
export function LastErrorFact({ error }: { error: string | null }) {
  const { t } = useLanguage()
  return (
    <Fact label={t('detail.lastError').replace(/:$/, '')}>
      {error ? <span className="error-text">{error}</span> : <None />}
    </Fact>
  )
}

/** The facts that close a record's as-imported list: the import that brought it in, and when it was added. */
export function OriginFacts({
  from,
  sourceRow,
  createdAt,
}: {
  from: { id: number; fileName: string; createdAt: string } | null
  sourceRow: number | null
  createdAt: string
}) {
  const { t } = useLanguage()
  return (
    <>
      <Fact label={t('detail.import')}>
        <ImportedFrom from={from} sourceRow={sourceRow} />
      </Fact>
      <Fact label={t('detail.added')}>{formatDateTime(createdAt)}</Fact>
    </>
  )
}

/** Each kind of record's detail: the prefix of its test ids, where its words are, and its list. */
export const detailKinds = {
  stopSale: { testIdPrefix: 'detail', keyPrefix: 'detail', list: '#/stop-sales' },
  reservation: { testIdPrefix: 'reservation-detail', keyPrefix: 'reservations.detail', list: '#/reservations' },
} as const
export type DetailKind = keyof typeof detailKinds

/** The way back to the kind's list. */
export function BackLink({ kind }: { kind: DetailKind }) {
  const { t } = useLanguage()
  const { keyPrefix, list } = detailKinds[kind]
  return (
    <a href={list} className="back-link">
      {t(`${keyPrefix}.back`)}
    </a>
  )
}

/**
 * The whole screen while there is no record to show: loading, failed to load (with Try again), or not
 * found (also when it was deleted while open) — nothing left but the way back.
 */
export function DetailLoadState({
  kind,
  id,
  error,
  onRetry,
}: {
  kind: DetailKind
  id: number
  error: AppError | undefined
  onRetry: () => void
}) {
  const { t, wordError } = useWords()
  // e.g. `detail-error`, `detail-loading`; `detail.notFound`, `detail.loadFailed`, `detail.loading`.
  const { testIdPrefix, keyPrefix } = detailKinds[kind]
  if (error) {
    const notFound = error.kind === 'not-found'
    return (
      <section
        className="state state-error detail-state"
        role="alert"
        data-testid={`${testIdPrefix}-error`}
        data-kind={error.kind}
      >
        <h1>{notFound ? t(`${keyPrefix}.notFound`, { id }) : t(`${keyPrefix}.loadFailed`, { id })}</h1>
        <p>{wordError(error)}</p>
        <p className="actions centered">
          {!notFound && (
            <button type="button" onClick={onRetry}>
              {t('common.tryAgain')}
            </button>
          )}
          <BackLink kind={kind} />
        </p>
      </section>
    )
  }
  return (
    <section className="state detail-state" aria-busy="true" data-testid={`${testIdPrefix}-loading`}>
      <p>{t(`${keyPrefix}.loading`, { id })}</p>
      <p>
        <BackLink kind={kind} />
      </p>
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

/** Which import brought the record in (file, import number, record in the file, when), if one did. */
function ImportedFrom({
  from,
  sourceRow,
}: {
  from: { id: number; fileName: string; createdAt: string } | null
  sourceRow: number | null
}) {
  const { t } = useLanguage()
  return from ? (
    <>
      {from.fileName} ({t('detail.importRef', { id: from.id })}
      {sourceRow !== null ? t('detail.importRecord', { row: sourceRow }) : ''}) · {formatDateTime(from.createdAt)}
    </>
  ) : (
    t('detail.notFromImport')
  )
}

/** A detail's last error, worded, when there is one worth a banner. */
export function LastErrorBanner({ error, testId }: { error: string | null; testId: string }) {
  const { t } = useLanguage()
  if (!error) return null
  return (
    <p className="banner banner-warn" data-testid={testId}>
      <strong>{t('detail.lastError')}</strong> {error}
    </p>
  )
}
