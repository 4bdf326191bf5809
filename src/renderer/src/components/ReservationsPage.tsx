/**
 * Reservations beside stop sales: every reservation, filtered, sorted and paged by main (SQLite), 100
 * to a page; fetched again when main says reservations changed — never polled, never copied.
 *
 * Keyboard: ↑/↓ move between rows, Home/End to the first/last row of the page, Enter opens the
 * reservation, S sends it, Space selects it.
 */
import { useEffect, useState, type KeyboardEvent } from 'react'
import { reservationStatuses, type ReservationStatusName } from '../../../shared/reservation-basics'
import type { Reservation, ReservationSortColumn } from '../../../shared/reservations'
import { call, onEvent } from '../api'
import { formatNight } from '../format'
import { formatNumber, useLanguage } from '../i18n'
import { useLoad } from '../use-call'
import { useDebounced, useSelection } from '../use-debounced'
import { FilterBar, LoadFailed, SortableHeader, StatusChips, toggled } from './ListControls'
import { ReservationStatusBadge, reservationSendable, useReservationStatusLabels } from './ReservationStatus'
import { ErrorBanner } from './ErrorBanner'
import { SyncProgress, SyncSummaryView, useSync } from './SyncPanel'

type Sort = { column: ReservationSortColumn; direction: 'asc' | 'desc' }
interface Filters {
  statuses?: ReservationStatusName[]
  hotel?: string
  text?: string
  from?: string
  to?: string
  sort?: Sort
}
const PAGE = 100

/** Where the list was when the person opened a reservation, so that coming back finds it as it was. */
let remembered: { filters: Filters; offset: number; focusId: number | undefined } | undefined

export function ReservationsPage() {
  const { t, language } = useLanguage()
  const labels = useReservationStatusLabels()
  const [query, setQuery] = useState<Filters>(() => remembered?.filters ?? {})
  const [offset, setOffset] = useState(() => remembered?.offset ?? 0)
  const filters = useDebounced(query, 250)
  const [list, reload] = useLoad(
    () =>
      call('reservations.list', {
        limit: PAGE,
        offset,
        ...(filters.statuses?.length ? { statuses: filters.statuses } : {}),
        ...(filters.hotel?.trim() ? { hotel: filters.hotel } : {}),
        ...(filters.text?.trim() ? { text: filters.text } : {}),
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to && (!filters.from || filters.to >= filters.from) ? { to: filters.to } : {}),
        ...(filters.sort ? { sort: filters.sort } : {}),
      }),
    [JSON.stringify(filters), offset],
  )
  // Main says when reservations change; the page is fetched again then, and never polled.
  useEffect(() => onEvent('reservations.changed', reload), [reload])
  const sync = useSync()
  const [selected, setSelected, onSelect] = useSelection()
  useEffect(() => {
    if (sync.summary) reload()
  }, [sync.summary, reload])
  useEffect(() => {
    remembered = { filters: query, offset, focusId: remembered?.focusId }
  }, [query, offset])

  const change = (f: (q: Filters) => Filters) => {
    setQuery(f)
    setOffset(0)
  }
  if (list.state === 'error' && !list.data) {
    return (
      <LoadFailed
        testId="reservations-error"
        title={t('reservations.list.loadFailed')}
        message={list.error.message}
        onRetry={reload}
      />
    )
  }
  if (!list.data)
    return (
      <p className="state" aria-busy="true">
        {t('reservations.list.loading')}
      </p>
    )

  const { rows, total, countsByStatus } = list.data
  const pending = countsByStatus.pending ?? 0
  const filtered = Boolean(query.statuses?.length || query.hotel || query.text || query.from || query.to)
  const toggleStatus = (status: ReservationStatusName) =>
    change((q) => ({ ...q, statuses: toggled(q.statuses, status) }))
  const sortBy = (column: ReservationSortColumn) =>
    change((q) => ({
      ...q,
      sort: { column, direction: q.sort?.column === column && q.sort.direction === 'asc' ? 'desc' : 'asc' },
    }))

  return (
    <section aria-labelledby="reservations-title" className="reservations-page">
      <header className="page-header">
        <h1 id="reservations-title">{t('reservations.list.title')}</h1>
        <StatusChips
          statuses={reservationStatuses}
          counts={countsByStatus}
          chosen={query.statuses}
          labels={labels}
          ariaLabel={t('reservations.list.perStatus')}
          testIdPrefix="reservation-count-"
          onToggle={toggleStatus}
        />
      </header>
      {list.state === 'error' && <ErrorBanner error={list.error} onRetry={reload} />}
      <FilterBar
        value={query}
        onChange={(patch) => change((q) => ({ ...q, ...patch }))}
        filtered={filtered}
        onClear={() => change((q) => (q.sort ? { sort: q.sort } : {}))}
        ariaLabel={t('reservations.list.filter')}
        fromLabel={t('reservations.list.from')}
        searchPlaceholder={t('reservations.list.searchPlaceholder')}
        testIdPrefix="reservation-filter-"
      />
      <div className="toolbar">
        <button
          type="button"
          disabled={sync.running}
          onClick={() => void sync.run('all-pending')}
          aria-describedby="reservations-sync-all-hint"
          data-testid="reservations-sync-all"
        >
          {t('list.syncAllPending')}
          {pending ? ` (${pending})` : ''}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={sync.running || selected.size === 0}
          onClick={() => void sync.run({ reservationIds: [...selected] }).then(() => setSelected(new Set()))}
        >
          {t('list.syncSelected', { count: selected.size })}
        </button>
        <a className="button-link secondary" href="#/import-reservations">
          {t('reservations.list.import')}
        </a>
        <span className="muted list-total" data-testid="reservations-total">
          {filtered
            ? t('reservations.list.matching', { count: total, total: formatNumber(total, language) })
            : t('reservations.list.total', { count: total, total: formatNumber(total, language) })}
        </span>
      </div>
      <p className="hint sync-all-hint" id="reservations-sync-all-hint">
        {t('reservations.list.syncAllHint')}
      </p>
      {sync.running && <SyncProgress progress={sync.progress} onStop={() => void call('sync.stopAfterCurrent', {})} />}
      {sync.summary && <SyncSummaryView summary={sync.summary} onClose={sync.dismiss} />}
      {sync.error && <ErrorBanner error={sync.error} />}
      {total === 0 && filtered ? (
        <div className="state state-empty" data-testid="reservations-none-match">
          <h2>{t('reservations.list.noneMatch')}</h2>
        </div>
      ) : total === 0 ? (
        <div className="state state-empty" data-testid="reservations-empty">
          <h2>{t('reservations.list.empty')}</h2>
          <p>
            {t('reservations.list.emptyHint')} <a href="#/import-reservations">{t('reservations.list.import')}</a>
          </p>
        </div>
      ) : (
        <ReservationsTable
          rows={rows}
          total={total}
          offset={offset}
          onPage={setOffset}
          selected={selected}
          onSelect={onSelect}
          busy={sync.running}
          onSync={(id) => void sync.run({ reservationIds: [id] })}
          sort={query.sort}
          onSort={sortBy}
        />
      )}
    </section>
  )
}

type ColumnKey =
  | 'status'
  | 'voucher'
  | 'hotel'
  | 'checkIn'
  | 'checkOut'
  | 'nights'
  | 'roomBoard'
  | 'pax'
  | 'guest'
  | 'recId'
  | 'problem'
const columns: Array<{ key: ColumnKey; sort?: ReservationSortColumn; className?: string }> = [
  { key: 'status', sort: 'status' },
  { key: 'voucher', sort: 'voucher' },
  { key: 'hotel', sort: 'hotel' },
  { key: 'checkIn', sort: 'checkIn' },
  { key: 'checkOut', sort: 'checkOut' },
  { key: 'nights', sort: 'nights', className: 'num' },
  { key: 'roomBoard' },
  { key: 'pax', sort: 'pax', className: 'num' },
  { key: 'guest' },
  { key: 'recId', sort: 'recId', className: 'num' },
  { key: 'problem' },
]

function ReservationsTable(props: {
  rows: Reservation[]
  total: number
  offset: number
  onPage: (offset: number) => void
  selected: ReadonlySet<number>
  onSelect: (id: number, on: boolean) => void
  busy: boolean
  onSync: (id: number) => void
  sort: Sort | undefined
  onSort: (column: ReservationSortColumn) => void
}) {
  const { rows, total, offset, selected, sort } = props
  const { t } = useLanguage()

  // Back from a reservation: focus the row that was opened (when it is still on this page).
  useEffect(() => {
    const id = remembered?.focusId
    if (id === undefined) return
    document.querySelector<HTMLElement>(`[data-testid="reservation-row"][data-id="${id}"]`)?.focus()
    if (remembered) remembered.focusId = undefined
    // Only on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const open = (id: number) => {
    if (remembered) remembered.focusId = id
    window.location.hash = `#/reservation/${id}`
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, r: Reservation) => {
    const row = e.currentTarget
    const onRow = e.target === row
    if (e.key === 'ArrowDown') (row.nextElementSibling as HTMLElement | null)?.focus()
    else if (e.key === 'ArrowUp') (row.previousElementSibling as HTMLElement | null)?.focus()
    else if (e.key === 'Home' && onRow) (row.parentElement?.firstElementChild as HTMLElement | null)?.focus()
    else if (e.key === 'End' && onRow) (row.parentElement?.lastElementChild as HTMLElement | null)?.focus()
    else if (e.key === 'Enter' && onRow) open(r.id)
    else if (e.key === ' ' && onRow && reservationSendable.has(r.status)) props.onSelect(r.id, !selected.has(r.id))
    else if ((e.key === 's' || e.key === 'S') && onRow && reservationSendable.has(r.status) && !props.busy)
      props.onSync(r.id)
    else return
    e.preventDefault()
  }

  return (
    <>
      <div className="table-wrap">
        <table className="grid reservations-table" data-testid="reservations-table">
          <caption className="sr-only">{t('reservations.list.keyboard')}</caption>
          <colgroup>
            <col className="col-check" />
            {columns.map((c) => (
              <col key={c.key} className={`col-${c.key}`} />
            ))}
            <col className="col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="check">
                <span className="sr-only">{t('list.select')}</span>
              </th>
              {columns.map((c) => (
                <SortableHeader
                  key={c.key}
                  label={t(`reservations.columns.${c.key}`)}
                  className={[c.className, `col-${c.key}`].filter(Boolean).join(' ')}
                  column={c.sort}
                  sort={sort}
                  onSort={props.onSort}
                />
              ))}
              <th scope="col">
                <span className="sr-only">{t('list.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                tabIndex={0}
                onKeyDown={(e) => onKeyDown(e, r)}
                data-testid="reservation-row"
                data-id={r.id}
                data-status={r.status}
              >
                <td className="check">
                  <input
                    type="checkbox"
                    aria-label={t('reservations.list.selectRow', { voucher: r.voucherNo })}
                    checked={selected.has(r.id)}
                    disabled={!reservationSendable.has(r.status)}
                    onChange={(e) => props.onSelect(r.id, e.target.checked)}
                  />
                </td>
                <td>
                  <ReservationStatusBadge status={r.status} title={r.lastError} />
                </td>
                <td className="voucher">
                  <a
                    href={`#/reservation/${r.id}`}
                    onClick={() => remembered && (remembered.focusId = r.id)}
                    data-testid="open-reservation"
                  >
                    {r.voucherNo}
                  </a>
                </td>
                <td className="hotel" title={r.hotelName}>
                  {r.hotelName}
                </td>
                <td>{formatNight(r.checkIn)}</td>
                <td>{formatNight(r.checkOut)}</td>
                <td className="num">{r.nights}</td>
                <td>
                  {r.roomCode} · {r.boardCode}
                </td>
                <td className="num" title={t('reservations.list.paxTitle', { adults: r.adults, children: r.children })}>
                  {r.pax}
                </td>
                <td className="guest" title={r.leadGuest ?? undefined}>
                  {r.leadGuest ?? '—'}
                  {r.guestCount > 1 && <span className="muted"> +{r.guestCount - 1}</span>}
                </td>
                <td className="num" data-testid="reservation-rec-id">
                  {r.sednaRecId ?? '—'}
                </td>
                <td className="problem" title={r.lastError ?? undefined} data-testid="reservation-error">
                  {r.lastError && r.status !== 'synced' && r.status !== 'cancelled' ? (
                    <span className="error-text">{r.lastError}</span>
                  ) : null}
                </td>
                <td className="row-actions">
                  {reservationSendable.has(r.status) && (
                    <button
                      type="button"
                      className="secondary small"
                      disabled={props.busy}
                      onClick={() => props.onSync(r.id)}
                      aria-label={t('reservations.list.syncRow', { voucher: r.voucherNo })}
                    >
                      {t('list.sync')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions pager">
        <span className="muted" data-testid="reservations-page-info">
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
