/**
 * Reservations beside stop sales: every reservation, filtered, sorted and paged by main (SQLite), 100
 * to a page; fetched again when main says reservations changed — never polled, never copied.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { reservationStatuses } from '../../../../shared/reservation-basics'
import { appError } from '../../data/client'
import { reservationQueries } from '../../data/reservations'
import { formatNumber, useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useSelection } from '../../ui/hooks'
import { useFilterActions } from '../../ui/list-filters'
import { EmptyState, FilterBar, ListLoadState, StatusChips } from '../../ui/ListControls'
import { useReservationStatusLabels } from '../status/labels'
import { useSyncPreview } from '../sync/use-sync-preview'
import { SyncPanel } from '../sync/SyncPanel'
import { runSync, useSyncState } from '../sync/store'
import { useReservationFilters } from './filters'
import { ReservationsTable } from './ReservationsTable'

export function ReservationsPage() {
  const { t, language } = useLanguage()
  const labels = useReservationStatusLabels()
  const { typed, change, offset, setOffset, listQuery, filtered } = useReservationFilters()
  const actions = useFilterActions(change)
  // The page on screen stays until the next one arrives.
  const list = useQuery({ ...reservationQueries.list(listQuery), placeholderData: keepPreviousData })
  const { running } = useSyncState()
  const [selected, setSelected, onSelect] = useSelection()
  // "Sync all pending" shows what it would do first (issue #15).
  const preview = useSyncPreview()
  const error = appError(list.error)
  const retry = () => void list.refetch()

  if (!list.data)
    return <ListLoadState keyPrefix="reservations.list" testId="reservations-error" error={error} onRetry={retry} />

  const { rows, total, countsByStatus } = list.data
  const pending = countsByStatus.pending ?? 0
  const count = { count: total, total: formatNumber(total, language) }

  return (
    <section aria-labelledby="reservations-title" className="reservations-page">
      <header className="page-header">
        <h1 id="reservations-title">{t('reservations.list.title')}</h1>
        <StatusChips
          statuses={reservationStatuses}
          counts={countsByStatus}
          chosen={typed.statuses}
          labels={labels}
          ariaLabel={t('reservations.list.perStatus')}
          testIdPrefix="reservation-count-"
          onToggle={actions.toggleStatus}
        />
      </header>
      {error && <ErrorBanner error={error} onRetry={retry} />}
      <FilterBar
        value={typed}
        onChange={actions.patch}
        filtered={filtered}
        onClear={actions.clear}
        ariaLabel={t('reservations.list.filter')}
        fromLabel={t('reservations.list.from')}
        searchPlaceholder={t('reservations.list.searchPlaceholder')}
        testIdPrefix="reservation-filter-"
      />
      <div className="toolbar">
        <button
          type="button"
          disabled={running}
          onClick={() => preview.open('all-pending')}
          aria-describedby="reservations-sync-all-hint"
          data-testid="reservations-sync-all"
        >
          {t('list.syncAllPending')}
          {pending ? ` (${pending})` : ''}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={running || selected.size === 0}
          onClick={() => void runSync({ reservationIds: [...selected] }).then(() => setSelected(new Set()))}
        >
          {t('list.syncSelected', { count: selected.size })}
        </button>
        <a className="button-link secondary" href="#/import-reservations">
          {t('reservations.list.import')}
        </a>
        <span className="muted list-total" data-testid="reservations-total">
          {filtered ? t('reservations.list.matching', count) : t('reservations.list.total', count)}
        </span>
      </div>
      <p className="hint sync-all-hint" id="reservations-sync-all-hint">
        {t('reservations.list.syncAllHint')}
      </p>
      <SyncPanel />
      {preview.dialog}
      {total === 0 && filtered ? (
        <EmptyState testId="reservations-none-match" title={t('reservations.list.noneMatch')} />
      ) : total === 0 ? (
        <EmptyState testId="reservations-empty" title={t('reservations.list.empty')}>
          {t('reservations.list.emptyHint')} <a href="#/import-reservations">{t('reservations.list.import')}</a>
        </EmptyState>
      ) : (
        <ReservationsTable
          rows={rows}
          total={total}
          offset={offset}
          onPage={setOffset}
          selected={selected}
          onSelect={onSelect}
          busy={running}
          onSync={(id) => void runSync({ reservationIds: [id] })}
          sort={typed.sort}
          onSort={actions.sortBy}
        />
      )}
    </section>
  )
}
