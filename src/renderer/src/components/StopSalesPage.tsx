import { useEffect, useState, type KeyboardEvent } from 'react'
import { nightCount, stopSaleStatuses, type StopSale, type StopSaleStatus } from '../../../shared/stop-sales'
import { call, onEvent } from '../api'
import { codesText, formatNight, kindText } from '../format'
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

export const statusLabels: Record<StopSaleStatus, string> = {
  pending: 'Pending',
  queued: 'Queued',
  creating: 'Sending',
  created: 'Sending',
  updating: 'Sending',
  synced: 'Synced',
  needs_attention: 'Needs attention',
  needs_review: 'Needs review',
  failed: 'Failed',
}

export function StopSalesPage() {
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
        <h2>Stop sales could not be loaded</h2>
        <p>{list.error.message}</p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </section>
    )
  }
  if (!list.data)
    return (
      <p className="state" aria-busy="true">
        Loading stop sales…
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
        <h1 id="stop-sales-title">Stop sales</h1>
        <ul className="status-counts" aria-label="Stop sales per status">
          {stopSaleStatuses
            .filter((s) => countsByStatus[s])
            .map((s) => (
              <li key={s}>
                <button
                  type="button"
                  className={`badge status-${s} chip ${query.statuses?.includes(s) ? 'on' : ''}`}
                  aria-pressed={query.statuses?.includes(s) ?? false}
                  title={`Show only: ${statusLabels[s]}`}
                  data-testid={`count-${s}`}
                  onClick={() => toggleStatus(s)}
                >
                  {statusLabels[s]} <strong>{countsByStatus[s]}</strong>
                </button>
              </li>
            ))}
        </ul>
      </header>
      {list.state === 'error' && (
        <p className="banner banner-error" role="alert">
          {list.error.message} <button onClick={reload}>Try again</button>
        </p>
      )}
      <FirstRun />
      <div className="filters" role="search" aria-label="Filter stop sales">
        <label>
          <span>Hotel</span>
          <input
            value={query.hotel ?? ''}
            onChange={(e) => setQuery((q) => ({ ...q, hotel: e.target.value, offset: 0 }))}
            placeholder="e.g. istanbul"
            data-testid="filter-hotel"
          />
        </label>
        <label>
          <span>Nights from</span>
          <input
            type="date"
            value={query.from ?? ''}
            onChange={(e) => setQuery((q) => ({ ...q, from: e.target.value, offset: 0 }))}
          />
        </label>
        <label>
          <span>to</span>
          <input
            type="date"
            value={query.to ?? ''}
            onChange={(e) => setQuery((q) => ({ ...q, to: e.target.value, offset: 0 }))}
          />
        </label>
        <label className="grow">
          <span>Search</span>
          <input
            type="search"
            value={query.text ?? ''}
            onChange={(e) => setQuery((q) => ({ ...q, text: e.target.value, offset: 0 }))}
            placeholder="rooms, boards, reason, RecId…"
            data-testid="filter-text"
          />
        </label>
        {filtered && (
          <button
            type="button"
            className="secondary"
            onClick={() => setQuery({ offset: 0, ...(query.sort ? { sort: query.sort } : {}) })}
          >
            Clear filters
          </button>
        )}
      </div>
      <div className="toolbar">
        <button
          type="button"
          disabled={sync.running || !countsByStatus.pending}
          onClick={() => void sync.run('all-pending')}
        >
          Sync all pending{countsByStatus.pending ? ` (${countsByStatus.pending})` : ''}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={sync.running || selected.size === 0}
          onClick={() => void sync.run({ ids: [...selected] }).then(() => setSelected(new Set()))}
        >
          Sync selected ({selected.size})
        </button>
      </div>
      {sync.running && <SyncProgress progress={sync.progress} onStop={() => void call('sync.stopAfterCurrent', {})} />}
      {sync.summary && <SyncSummaryView summary={sync.summary} onClose={sync.dismiss} />}
      {sync.error && <ErrorBanner error={sync.error} />}
      {total === 0 && filtered ? (
        <div className="state state-empty" data-testid="stop-sales-none-match">
          <h2>No stop sale matches these filters</h2>
        </div>
      ) : total === 0 ? (
        <div className="state state-empty" data-testid="stop-sales-empty">
          <h2>No stop sales yet</h2>
          <p>Import the parsed stop sales from the e-mail parser to begin. They will be listed here.</p>
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

const columns: Array<{ label: string; sort?: SortColumn; className?: string }> = [
  { label: 'Status', sort: 'status' },
  { label: 'Hotel', sort: 'hotel' },
  { label: 'First night', sort: 'firstNight' },
  { label: 'Last night', sort: 'lastNight' },
  { label: 'Nights', sort: 'nights', className: 'num' },
  { label: 'Rooms' },
  { label: 'Boards' },
  { label: 'Close / open', sort: 'kind' },
  { label: 'Sedna RecId', sort: 'recId', className: 'num' },
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
              <span className="sr-only">Select</span>
            </th>
            {columns.map((c) => {
              const active = sort && sort.column === c.sort
              return (
                <th
                  key={c.label}
                  scope="col"
                  className={c.className}
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sort ? (
                    <button type="button" className="sort" onClick={() => props.onSort(c.sort!)}>
                      {c.label}
                      <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              )
            })}
            <th scope="col">
              <span className="sr-only">Actions</span>
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
                  aria-label={`Select ${s.hotelName} ${formatNight(s.firstNight)}`}
                  checked={selected.has(s.id)}
                  disabled={!sendable.has(s.status)}
                  onChange={(e) => props.onSelect(s.id, e.target.checked)}
                />
              </td>
              <td>
                <span className={`badge status-${s.status}`} title={s.lastError ?? undefined}>
                  {statusLabels[s.status]}
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
              <td className={s.roomCodes.length ? undefined : 'all'}>{codesText(s.roomCodes, 'All rooms')}</td>
              <td className={s.boardCodes.length ? undefined : 'all'}>{codesText(s.boardCodes, 'All boards')}</td>
              <td>
                <span className={`kind kind-${s.kind}`}>{kindText(s.kind)}</span>
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
                    Sync
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions pager">
        <span className="muted" data-testid="page-info">
          {total === 0 ? 0 : offset + 1}–{Math.min(offset + rows.length, total)} of {total}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={offset === 0}
          onClick={() => props.onPage(Math.max(0, offset - PAGE))}
        >
          Previous
        </button>
        <button
          type="button"
          className="secondary"
          disabled={offset + PAGE >= total}
          onClick={() => props.onPage(offset + PAGE)}
        >
          Next
        </button>
      </div>
    </>
  )
}
