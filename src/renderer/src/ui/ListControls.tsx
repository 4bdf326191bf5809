/**
 * What the list screens (stop sales, reservations, queue) share: loading and the whole-screen load
 * failure, the empty state, the per-status count chips that filter, the filter bar (hotel, from, to,
 * search, clear). ListTable.tsx: the tables' heading row and the rows' check box and Sync.
 */
import type { ReactNode } from 'react'
import type { AppError } from '../../../shared/result'
import { useLanguage } from '../i18n'
import { DateInput } from './DateInput'
import { useWords } from './words'

/**
 * A list screen before its first answer: loading, or — nothing could be loaded at all — the message
 * and Try again. The words are `<keyPrefix>.loading` and `<keyPrefix>.loadFailed`.
 */
export function ListLoadState({
  keyPrefix,
  testId,
  error,
  onRetry,
}: {
  keyPrefix: 'list' | 'reservations.list' | 'queue'
  /** The failure's. */
  testId: string
  error: AppError | undefined
  onRetry: () => void
}) {
  const { t, wordError } = useWords()
  if (!error)
    return (
      <p className="state" aria-busy="true">
        {t(`${keyPrefix}.loading`)}
      </p>
    )
  return (
    <section className="state state-error" role="alert" data-testid={testId} data-error-code={error.code}>
      <h2>{t(`${keyPrefix}.loadFailed`)}</h2>
      <p>{wordError(error)}</p>
      <button type="button" onClick={onRetry}>
        {t('common.tryAgain')}
      </button>
    </section>
  )
}

/** Nothing to list: why (`title`), and what to do about it. */
export function EmptyState({ testId, title, children }: { testId: string; title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" data-testid={testId}>
      <h2>{title}</h2>
      {children && <p>{children}</p>}
    </div>
  )
}

/** One chip per status that has records, with its count; pressing one shows only that status (and others pressed). */
export function StatusChips<S extends string>({
  statuses,
  counts,
  chosen,
  labels,
  ariaLabel,
  testIdPrefix,
  onToggle,
}: {
  statuses: readonly S[]
  counts: Partial<Record<S, number>>
  chosen: readonly S[] | undefined
  labels: Record<S, string>
  ariaLabel: string
  /** e.g. `count-` → `count-pending`. */
  testIdPrefix: string
  onToggle: (status: S) => void
}) {
  const { t } = useLanguage()
  return (
    <ul className="status-counts" aria-label={ariaLabel}>
      {statuses
        .filter((s) => counts[s])
        .map((s) => (
          <li key={s}>
            <button
              type="button"
              className={`badge status-${s} chip ${chosen?.includes(s) ? 'on' : ''}`}
              aria-pressed={chosen?.includes(s) ?? false}
              title={t('list.showOnly', { status: labels[s] })}
              data-testid={`${testIdPrefix}${s}`}
              onClick={() => onToggle(s)}
            >
              {labels[s]} <strong>{counts[s]}</strong>
            </button>
          </li>
        ))}
    </ul>
  )
}

export interface FilterFields {
  hotel?: string
  text?: string
  from?: string
  to?: string
}

/** Hotel, from, to (dates as the language writes them) and free-text search; Clear filters while any is set. */
export function FilterBar({
  value,
  onChange,
  filtered,
  onClear,
  ariaLabel,
  fromLabel,
  searchPlaceholder,
  testIdPrefix,
}: {
  value: FilterFields
  onChange: (patch: FilterFields) => void
  filtered: boolean
  onClear: () => void
  ariaLabel: string
  fromLabel: string
  searchPlaceholder: string
  /** e.g. `filter-` → `filter-hotel`, `filter-from`, `filter-text`. */
  testIdPrefix: string
}) {
  const { t } = useLanguage()
  return (
    <div className="filters" role="search" aria-label={ariaLabel}>
      <label>
        <span>{t('list.hotel')}</span>
        <input
          value={value.hotel ?? ''}
          onChange={(e) => onChange({ hotel: e.target.value })}
          placeholder={t('list.hotelPlaceholder')}
          data-testid={`${testIdPrefix}hotel`}
        />
      </label>
      <label>
        <span>{fromLabel}</span>
        <DateInput
          value={value.from ?? ''}
          onChange={(from) => onChange({ from })}
          data-testid={`${testIdPrefix}from`}
        />
      </label>
      <label>
        <span>{t('list.to')}</span>
        <DateInput value={value.to ?? ''} onChange={(to) => onChange({ to })} data-testid={`${testIdPrefix}to`} />
      </label>
      <label className="grow">
        <span>{t('list.search')}</span>
        <input
          type="search"
          value={value.text ?? ''}
          onChange={(e) => onChange({ text: e.target.value })}
          placeholder={searchPlaceholder}
          data-testid={`${testIdPrefix}text`}
        />
      </label>
      {filtered && (
        <button type="button" className="secondary" onClick={onClear}>
          {t('list.clearFilters')}
        </button>
      )}
    </div>
  )
}
