/**
 * A detail screen's part of the sync: its Sync button, and what it says while a sync runs and after —
 * this record's result (synced as RecId …, or where it stands and why; dismissible) or the failure.
 */
import type { ReactNode } from 'react'
import { useLanguage } from '../../i18n'
import { detailKinds, DismissibleBanner, type DetailKind } from '../../ui/DetailParts'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'
import { useReservationStatusLabels, useStopSaleStatusLabels } from '../status/labels'
import { dismissSyncSummary, useSyncState } from './store'

/** Sync (Sending… while any sync this window asked for runs). */
export function SyncButton({ disabled, testId, onClick }: { disabled: boolean; testId: string; onClick: () => void }) {
  const { t } = useLanguage()
  const { running } = useSyncState()
  return (
    <button type="button" onClick={onClick} disabled={disabled} data-testid={testId}>
      {running ? t('detail.sending') : t('detail.sync')}
    </button>
  )
}

/** After a sync, the statuses in which a record will be sent again by itself. */
const waiting: Record<DetailKind, ReadonlySet<string>> = {
  stopSale: new Set(['pending', 'queued', 'creating', 'created', 'updating']),
  reservation: new Set(['pending', 'queued', 'sending', 'cancelling']),
}
const resultTestIds: Record<DetailKind, string> = {
  stopSale: 'detail-sync-result',
  reservation: 'reservation-sync-result',
}

/**
 * "Sending to Sedna…", then this record's result in the last sync (when it was in it), in one live
 * region with whatever else the screen says there (`children`); a failed sync below it.
 */
export function SyncNotices({ kind, id, children }: { kind: DetailKind; id: number; children: ReactNode }) {
  const { t, word } = useWords()
  const stopSaleLabels = useStopSaleStatusLabels()
  const reservationLabels = useReservationStatusLabels()
  const { running, summary, error } = useSyncState()
  const result =
    kind === 'stopSale'
      ? summary?.results.find((x) => x.id === id)
      : summary?.reservationResults.find((x) => x.id === id)
  const labels: Record<string, string> = kind === 'stopSale' ? stopSaleLabels : reservationLabels
  const ok = result?.status === 'synced'
  const waits = result !== undefined && waiting[kind].has(result.status)
  return (
    <>
      <div aria-live="polite">
        {running && (
          <p className="banner banner-info" role="status">
            {t('detail.sendingToSedna')}
          </p>
        )}
        {result && summary && (
          <DismissibleBanner
            kind={ok ? 'banner-ok' : waits ? 'banner-info' : 'banner-warn'}
            testId={resultTestIds[kind]}
            data={{ 'data-status': result.status, 'data-connectivity': summary.connectivity }}
            onClose={dismissSyncSummary}
          >
            {ok
              ? t(`${detailKinds[kind].keyPrefix}.syncedAs`, { recId: result.recId })
              : `${labels[result.status]}: ${word(result.message) ?? (waits ? t('detail.willRetry') : t('detail.seeHistory'))}`}
          </DismissibleBanner>
        )}
        {children}
      </div>
      {error && <ErrorBanner error={error} />}
    </>
  )
}
