/**
 * The home screen: every stop sale, filtered and sorted by main (SQLite), in one table staff scroll
 * through from the first row to the last (StopSalesTable). Fetched again when main says stop sales
 * changed — never polled.
 */
import { useCallback } from 'react'
import { stopSaleStatuses } from '../../../../shared/stop-sale-basics'
import { formatNumber, useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useSelection } from '../../ui/hooks'
import { useFilterActions } from '../../ui/list-filters'
import { EmptyState, FilterBar, ListLoadState, StatusChips } from '../../ui/ListControls'
import { FirstRun } from '../settings/FirstRun'
import { useStopSaleStatusLabels } from '../status/labels'
import { useSyncPreview } from '../sync/use-sync-preview'
import { SyncPanel } from '../sync/SyncPanel'
import { runSync, useSyncState } from '../sync/store'
import { useStopSaleFilters } from './filters'
import { useListWindow } from './list-window'
import { StopSalesTable } from './StopSalesTable'

export function StopSalesPage() {
  const { t, language } = useLanguage()
  const labels = useStopSaleStatusLabels()
  const { typed, setTyped, filters, listQuery, filtered } = useStopSaleFilters()
  const actions = useFilterActions(setTyped)
  const list = useListWindow(listQuery)
  const { running } = useSyncState()
  const [selected, setSelected, onSelect] = useSelection()
  const onSync = useCallback((id: number) => void runSync({ ids: [id] }), [])
  // "Sync all pending" and "Sync selected" show what they would do first (issue #15).
  const preview = useSyncPreview()

  if (!list.data)
    return <ListLoadState keyPrefix="list" testId="stop-sales-error" error={list.error} onRetry={list.refresh} />

  const { total, countsByStatus } = list.data
  const count = { count: total, total: formatNumber(total, language) }
  return (
    <section aria-labelledby="stop-sales-title" className="list-page">
      <header className="page-header">
        <h1 id="stop-sales-title">{t('list.title')}</h1>
        <StatusChips
          statuses={stopSaleStatuses}
          counts={countsByStatus}
          chosen={typed.statuses}
          labels={labels}
          ariaLabel={t('list.perStatus')}
          testIdPrefix="count-"
          onToggle={actions.toggleStatus}
        />
      </header>
      {list.error && <ErrorBanner error={list.error} onRetry={list.refresh} />}
      <FirstRun />
      <FilterBar
        value={typed}
        onChange={actions.patch}
        filtered={filtered}
        onClear={actions.clear}
        ariaLabel={t('list.filter')}
        fromLabel={t('list.from')}
        searchPlaceholder={t('list.searchPlaceholder')}
        testIdPrefix="filter-"
      />
      <div className="toolbar">
        <button type="button" disabled={running || !countsByStatus.pending} onClick={() => preview.open('all-pending')}>
          {t('list.syncAllPending')}
          {countsByStatus.pending ? ` (${countsByStatus.pending})` : ''}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={running || selected.size === 0}
          onClick={() => preview.open({ ids: [...selected] }, () => setSelected(new Set()))}
        >
          {t('list.syncSelected', { count: selected.size })}
        </button>
        <span className="muted list-total" data-testid="list-total" aria-live="polite">
          {Object.keys(listQuery).some((k) => k !== 'sort') ? t('list.matching', count) : t('list.total', count)}
        </span>
      </div>
      <SyncPanel />
      {preview.dialog}
      {total === 0 && filtered ? (
        <EmptyState testId="stop-sales-none-match" title={t('list.noneMatch')} />
      ) : total === 0 ? (
        <EmptyState testId="stop-sales-empty" title={t('list.empty')}>
          {t('list.emptyHint')}
        </EmptyState>
      ) : (
        <StopSalesTable
          list={list}
          total={total}
          filters={filters}
          selected={selected}
          onSelect={onSelect}
          busy={running}
          onSync={onSync}
          sort={typed.sort}
          onSort={actions.sortBy}
        />
      )}
    </section>
  )
}
