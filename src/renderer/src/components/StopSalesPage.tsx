import { useEffect, useState, type KeyboardEvent } from 'react'
import { nightCount, stopSaleStatuses } from '../../../shared/stop-sale-basics'
import type { StopSale, StopSaleStatus } from '../../../shared/stop-sales'
import { call, onEvent } from '../api'
import { codesText, formatNight, kindText } from '../format'
import { useLanguage, type TFunction } from '../i18n'
import { useLoad } from '../use-call'
import { FirstRun } from './FirstRun'
import { ErrorBanner } from './SettingsPage'
import { SyncProgress, SyncSummaryView, useSync } from './SyncPanel'

/** Statuses a person may send with "Sync" (needs review waits for a decision). */
export const sendable: ReadonlySet<StopSaleStatus> = new Set<StopSaleStatus>([
  'pending',
  'failed',
  'needs_attention',
  'queued',
  'created',
  'creating',
  'updating',
])

/** Each status's label in the current language (creating, created and updating all read "Sending"). */
export const statusLabels = (t: TFunction): Record<StopSaleStatus, string> => ({
  pending: t('status.pending'),
  queued: t('status.queued'),
  creating: t('status.sending'),
  created: t('status.sending'),
  updating: t('status.sending'),
  synced: t('status.synced'),
  needs_attention: t('status.needs_attention'),
  needs_review: t('status.needs_review'),
  failed: t('status.failed'),
})

/** `statusLabels` for the current language, re-rendering when it changes. */
export function useStatusLabels(): Record<StopSaleStatus, string> {
  const { t } = useLanguage()
  return statusLabels(t)
}

export function StopSalesPage() {
  const { t } = useLanguage()
  const labels = useStatusLabels()
  const [query, setQuery] = useState<ListQuery>({ offset: 0 })
  const filters = useDebounced(query, 250)
  const [list, reload] = useLoad(
    () =>
      call('stopSales.list', {
        limit: PAGE,
        offset: filters.offset,
        ...(filters.statuses?.length ? { statuses: filters.statuses } : {}),
        ...(filters.hotel ? { hotel: filters.hotel } : {}),
        ...(filters.text ? { text: filters.text } : {}),
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to && (!filters.from || filters.to >= filters.from) ? { to: filters.to } : {}),
        ...(filters.sort ? { sort: filters.sort } : {}),
      }),
    [JSON.stringify(filters)],
  )
  // Main says when stop sales change; the page refetches then, and never polls.
  useEffect(() => onEvent('stopSales.changed', reload), [reload])
  const sync = useSync()
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set())
  // A finished sync changed statuses: show them.
  useEffect(() => {
    if (sync.summary) reload()
  }, [sync.summary, reload])

  if (list.state === 'error' && !list.data) {
    return (
      <section className="state state-error" role="alert" data-testid="stop-sales-error">
        <h2>{t('list.loadFailed')}</h2>
        <p>{list.error.message}</p>
        <button type="button" onClick={reload}>
          {t('common.tryAgain')}
        </button>
      </section>
    )
  }
  if (!list.data)
    return (
      <p className="state" aria-busy="true">
        {t('list.loading')}
      </p>
    )

  const { rows, total, countsByStatus } = list.data
  const filtered = Boolean(query.statuses?.length || query.hotel || query.text || query.from || query.to)
  const toggleStatus = (status: StopSaleStatus) =>
    setQuery((q) => {
      const current = new Set(q.statuses ?? [])
      if (current.has(status)) current.delete(status)
      else current.add(status)
      return { ...q, statuses: [...current], offset: 0 }
    })
  const sortBy = (column: SortColumn) =>
    setQuery((q) => ({
      ...q,
      offset: 0,
      sort: { column, direction: q.sort?.column === column && q.sort.direction === 'asc' ? 'desc' : 'asc' },
    }))
  return (
    <section aria-labelledby="stop-sales-title">
      <header className="page-header">
        <h1 id="stop-sales-title">{t('list.title')}</h1>
        <ul className="status-counts" aria-label={t('list.perStatus')}>
          {stopSaleStatuses
            .filter((s) => countsByStatus[s])
            .map((s) => (
              <li key={s}>
                <button
                  type="button"
                  className={`badge status-${s} chip ${query.statuses?.includes(s) ? 'on' : ''}`}
                  aria-pressed={query.statuses?.includes(s) ?? false}
                  title={t('list.showOnly', { status: labels[s] })}
                  data-testid={`count-${s}`}
                  onClick={() => toggleStatus(s)}
                >
                  {labels[s]} <strong>{countsByStatus[s]}</strong>
                </button>
              </li>
            ))}
        </ul>
      </header>
      {list.state === 'error' && (
        <p className="banner banner-error" role="alert">
          {list.error.message} <button onClick={reload}>{t('common.tryAgain')}</button>
        </p>
      )}
      <FirstRun />
      <div className="filters" role="search" aria-label={t('list.filter')}>
        <label>
          <span>{t('list.hotel')}</span>
          <input
            value={query.hotel ?? ''}
            onChange={(e) => setQuery((q) => ({ ...q, hotel: e.target.value, offset: 0 }))}
            placeholder={t('list.hotelPlaceholder')}
            data-testid="filter-hotel"
          />
        </label>
        <label>
          <span>{t('list.from')}</span>
          <input
            type="date"
            value={query.from ?? ''}
            onChange={(e) => setQuery((q) => ({ ...q, from: e.target.value, offset: 0 }))}
          />
        </label>
        <label>
          <span>{t('list.to')}</span>
          <input
            type="date"
            value={query.to ?? ''}
            onChange={(e) => setQuery((q) => ({ ...q, to: e.target.value, offset: 0 }))}
          />
        </label>
        <label className="grow">
          <span>{t('list.search')}</span>
          <input
            type="search"
            value={query.text ?? ''}
            onChange={(e) => setQuery((q) => ({ ...q, text: e.target.value, offset: 0 }))}
            placeholder={t('list.searchPlaceholder')}
            data-testid="filter-text"
          />
        </label>
        {filtered && (
          <button
            type="button"
            className="secondary"
            onClick={() => setQuery({ offset: 0, ...(query.sort ? { sort: query.sort } : {}) })}
          >
            {t('list.clearFilters')}
          </button>
        )}
      </div>
      <div className="toolbar">
        <button
          type="button"
          disabled={sync.running || !countsByStatus.pending}
          onClick={() => void sync.run('all-pending')}
        >
          {t('list.syncAllPending')}
          {countsByStatus.pending ? ` (${countsByStatus.pending})` : ''}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={sync.running || selected.size === 0}
          onClick={() => void sync.run({ ids: [...selected] }).then(() => setSelected(new Set()))}
        >
          {t('list.syncSelected', { count: selected.size })}
        </button>
      </div>
      {sync.running && <SyncProgress progress={sync.progress} onStop={() => void call('sync.stopAfterCurrent', {})} />}
      {sync.summary && <SyncSummaryView summary={sync.summary} onClose={sync.dismiss} />}
      {sync.error && <ErrorBanner error={sync.error} />}
      {total === 0 && filtered ? (
        <div className="state state-empty" data-testid="stop-sales-none-match">
          <h2>{t('list.noneMatch')}</h2>
        </div>
      ) : total === 0 ? (
        <div className="state state-empty" data-testid="stop-sales-empty">
          <h2>{t('list.empty')}</h2>
          <p>{t('list.emptyHint')}</p>
        </div>
      ) : (
        <StopSalesTable
          rows={rows}
          total={total}
          selected={selected}
          onSelect={(id, on) =>
            setSelected((prev) => {
              const next = new Set(prev)
              if (on) next.add(id)
              else next.delete(id)
              return next
            })
          }
          busy={sync.running}
          onSync={(id) => void sync.run({ ids: [id] })}
          sort={query.sort}
          onSort={sortBy}
          offset={query.offset}
          onPage={(offset) => setQuery((q) => ({ ...q, offset }))}
        />
      )}
    </section>
  )
}

type SortColumn =
  'status' | 'hotel' | 'firstNight' | 'lastNight' | 'nights' | 'kind' | 'recId' | 'lastAttemptAt' | 'createdAt'
type Sort = { column: SortColumn; direction: 'asc' | 'desc' }
interface ListQuery {
  offset: number
  statuses?: StopSaleStatus[]
  hotel?: string
  text?: string
  from?: string
  to?: string
  sort?: Sort
}
const PAGE = 100

/** The value, settled for `ms` (typing in a filter box does not query on every key). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return settled
}

type ColumnKey = 'status' | 'hotel' | 'firstNight' | 'lastNight' | 'nights' | 'rooms' | 'boards' | 'kind' | 'recId'
const columns: Array<{ key: ColumnKey; sort?: SortColumn; className?: string }> = [
  { key: 'status', sort: 'status' },
  { key: 'hotel', sort: 'hotel' },
  { key: 'firstNight', sort: 'firstNight' },
  { key: 'lastNight', sort: 'lastNight' },
  { key: 'nights', sort: 'nights', className: 'num' },
  { key: 'rooms' },
  { key: 'boards' },
  { key: 'kind', sort: 'kind' },
  { key: 'recId', sort: 'recId', className: 'num' },
]

function StopSalesTable(props: {
  rows: StopSale[]
  total: number
  selected: ReadonlySet<number>
  onSelect: (id: number, on: boolean) => void
  busy: boolean
  onSync: (id: number) => void
  sort: Sort | undefined
  onSort: (column: SortColumn) => void
  offset: number
  onPage: (offset: number) => void
}) {
  const { rows, total, selected, sort, offset } = props
  const { t } = useLanguage()
  const labels = useStatusLabels()
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
  // Keyboard: arrows move between rows, Enter opens the detail, S sends the focused stop sale.
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, s: StopSale) => {
    const row = e.currentTarget
    if (e.key === 'ArrowDown') (row.nextElementSibling as HTMLElement | null)?.focus()
    else if (e.key === 'ArrowUp') (row.previousElementSibling as HTMLElement | null)?.focus()
    else if (e.key === 'Enter' && e.target === row) window.location.hash = `#/stop-sale/${s.id}`
    else if ((e.key === 's' || e.key === 'S') && e.target === row && sendable.has(s.status) && !props.busy)
      props.onSync(s.id)
    else return
    e.preventDefault()
  }
  return (
    <>
      <table className="grid" data-testid="stop-sales-table">
        <thead>
          <tr>
            <th scope="col" className="check">
              <span className="sr-only">{t('list.select')}</span>
            </th>
            {columns.map((c) => {
              const active = sort && sort.column === c.sort
              const label = t(`columns.${c.key}`)
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.className}
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sort ? (
                    <button type="button" className="sort" onClick={() => props.onSort(c.sort!)}>
                      {label}
                      <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  ) : (
                    label
                  )}
                </th>
              )
            })}
            <th scope="col">
              <span className="sr-only">{t('list.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr
              key={s.id}
              tabIndex={0}
              onKeyDown={(e) => onKeyDown(e, s)}
              data-testid="stop-sale-row"
              data-id={s.id}
              data-status={s.status}
            >
              <td className="check">
                <input
                  type="checkbox"
                  aria-label={t('list.selectRow', { hotel: s.hotelName, night: formatNight(s.firstNight) })}
                  checked={selected.has(s.id)}
                  disabled={!sendable.has(s.status)}
                  onChange={(e) => props.onSelect(s.id, e.target.checked)}
                />
              </td>
              <td>
                <span className={`badge status-${s.status}`} title={s.lastError ?? undefined}>
                  {labels[s.status]}
                </span>
              </td>
              <td className="hotel">
                <a href={`#/stop-sale/${s.id}`} data-testid="open-detail">
                  {s.hotelName}
                </a>
              </td>
              <td>{formatNight(s.firstNight)}</td>
              <td>{formatNight(s.lastNight)}</td>
              <td className="num">{nightCount(s.firstNight, s.lastNight)}</td>
              <td className={s.roomCodes.length ? undefined : 'all'}>{codesText(s.roomCodes, t('common.allRooms'))}</td>
              <td className={s.boardCodes.length ? undefined : 'all'}>
                {codesText(s.boardCodes, t('common.allBoards'))}
              </td>
              <td>
                <span className={`kind kind-${s.kind}`}>{kindText(s.kind, kinds)}</span>
              </td>
              <td className="num" data-testid="rec-id">
                {s.sednaRecId ?? '—'}
              </td>
              <td>
                {sendable.has(s.status) && (
                  <button
                    type="button"
                    className="secondary small"
                    disabled={props.busy}
                    onClick={() => props.onSync(s.id)}
                  >
                    {t('list.sync')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions pager">
        <span className="muted" data-testid="page-info">
          {t('common.range', { from: total === 0 ? 0 : offset + 1, to: Math.min(offset + rows.length, total), total })}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={offset === 0}
          onClick={() => props.onPage(Math.max(0, offset - PAGE))}
        >
          {t('common.previous')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={offset + PAGE >= total}
          onClick={() => props.onPage(offset + PAGE)}
        >
          {t('common.next')}
        </button>
      </div>
    </>
  )
}
