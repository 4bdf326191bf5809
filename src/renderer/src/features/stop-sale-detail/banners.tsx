/** What the stop-sale detail says after a sync or a mapping. */
import type { StopSaleStatus } from '../../../../shared/stop-sales'
import type { SyncSummary } from '../../../../shared/sync'
import { DismissibleBanner } from '../../ui/DetailParts'
import { useWords } from '../../ui/words'
import type { Mapped } from '../fix-in-place/use-mapping'
import { useStopSaleStatusLabels } from '../status/labels'

const waitingStatuses: ReadonlySet<string> = new Set(['pending', 'queued', 'creating', 'created', 'updating'])

export function SyncResultBanner({
  result,
  summary,
  onClose,
}: {
  result: SyncSummary['results'][number]
  summary: SyncSummary
  onClose: () => void
}) {
  const { t, word } = useWords()
  const labels = useStopSaleStatusLabels()
  const ok = result.status === 'synced'
  const waiting = waitingStatuses.has(result.status)
  const text = ok
    ? t('detail.syncedAs', { recId: result.recId })
    : `${labels[result.status]}: ${word(result.message) ?? (waiting ? t('detail.willRetry') : t('detail.seeHistory'))}`
  return (
    <DismissibleBanner
      kind={ok ? 'banner-ok' : waiting ? 'banner-info' : 'banner-warn'}
      testId="detail-sync-result"
      data={{ 'data-status': result.status, 'data-connectivity': summary.connectivity }}
      onClose={onClose}
    >
      {text}
    </DismissibleBanner>
  )
}

export function MappedBanner({
  mapped,
  id,
  status,
  onClose,
}: {
  mapped: Mapped
  id: number
  status: StopSaleStatus
  onClose: () => void
}) {
  const { t } = useWords()
  const { released, stillNeedsAttention } = mapped.result
  const others = released.filter((x) => x !== id).length
  const thisOne = released.includes(id)
    ? t('detail.mappedReleased')
    : stillNeedsAttention.includes(id) || status === 'needs_attention'
      ? t('detail.mappedStill')
      : null
  return (
    <DismissibleBanner kind="banner-ok" testId="detail-mapped" onClose={onClose}>
      {t('detail.remembered', { what: mapped.what })} {thisOne}
      {others > 0 && t('detail.othersPending', { count: others })}
    </DismissibleBanner>
  )
}
