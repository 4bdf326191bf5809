/** What the stop-sale detail says after a mapping. */
import type { StopSaleStatus } from '../../../../shared/stop-sales'
import { DismissibleBanner } from '../../ui/DetailParts'
import { useWords } from '../../ui/words'
import type { Mapped } from '../fix-in-place/use-mapping'

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
