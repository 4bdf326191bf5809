/**
 * The pieces both detail screens (stop sale, reservation) are made of: the fact list, the loading and
 * not-found states, dismissible banners, the way back, where a record came from and its account.
 * Each screen passes its own test ids, i18n keys and labels; the markup lives here once.
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

/**
 * The whole screen while there is no record to show: loading, failed to load (with Try again), or not
 * found (also when it was deleted while open) — nothing left but the way back.
 */
export function DetailLoadState({
  error,
  id,
  onRetry,
  backLink,
  testIdPrefix,
  keyPrefix,
}: {
  error: AppError | undefined
  id: number
  onRetry: () => void
  backLink: ReactNode
  /** e.g. `detail` → `detail-error`, `detail-loading`. */
  testIdPrefix: string
  /** e.g. `detail` → `detail.notFound`, `detail.loadFailed`, `detail.loading`. */
  keyPrefix: 'detail' | 'reservations.detail'
}) {
  const { t, wordError } = useWords()
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
      {from.fileName} ({t('detail.importRef', { id: from.id })}
      {sourceRow !== null ? t('detail.importRecord', { row: sourceRow }) : ''}) · {formatDateTime(from.createdAt)}
    </>
  ) : (
    t('detail.notFromImport')
  )
}

/** The account the record was sent with, or — not sent yet — the one the next Sync will use. */
export function AccountName({ sent, name }: { sent: boolean; name: string | undefined }) {
  const { t } = useLanguage()
  return !sent ? (
    <span className="muted">
      {t('detail.notSentYet')}
      {name ? t('detail.willUse', { name }) : ''}
    </span>
  ) : (
    (name ?? '—')
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
