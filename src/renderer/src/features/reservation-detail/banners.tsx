/** What the reservation detail says after a mapping or a cancellation. */
import type { ReservationRecord } from '../../../../shared/reservations'
import type { ReservationCancelResult } from '../../../../shared/sync'
import { formatDateTime } from '../../format'
import { DismissibleBanner } from '../../ui/DetailParts'
import { useWords } from '../../ui/words'
import type { Mapped } from '../fix-in-place/use-mapping'

export function MappedBanner({
  mapped,
  id,
  record,
  onClose,
}: {
  mapped: Mapped
  id: number
  record: ReservationRecord
  onClose: () => void
}) {
  const { t } = useWords()
  const { released, stillNeedsAttention } = mapped.result.reservations ?? { released: [], stillNeedsAttention: [] }
  const others = released.filter((x) => x !== id).length
  const stopSales = mapped.result.released.length
  const thisOne = released.includes(id)
    ? t('reservations.detail.mappedReleased')
    : stillNeedsAttention.includes(id)
      ? t('reservations.detail.mappedStill')
      : null
  return (
    <DismissibleBanner
      kind="banner-ok"
      testId="reservation-mapped"
      data={{ 'data-status': record.status }}
      onClose={onClose}
    >
      {t('detail.remembered', { what: mapped.what })} {thisOne}
      {others > 0 && t('reservations.detail.othersPending', { count: others })}
      {stopSales > 0 && t('reservations.detail.stopSalesPending', { count: stopSales })}
    </DismissibleBanner>
  )
}

export function CancelResultBanner({ result, onClose }: { result: ReservationCancelResult; onClose: () => void }) {
  const { word } = useWords()
  const kind =
    result.status === 'cancelled' ? 'banner-ok' : result.status === 'cancelling' ? 'banner-info' : 'banner-warn'
  return (
    <DismissibleBanner
      kind={kind}
      testId="reservation-cancel-result"
      data={{ 'data-status': result.status }}
      onClose={onClose}
    >
      {word(result.message)}
    </DismissibleBanner>
  )
}

/** A cancellation on its way to Sedna (or waiting for it to answer). */
export function CancellingBanner({ record: r }: { record: ReservationRecord }) {
  const { t } = useWords()
  return (
    <p className="banner banner-info" data-testid="reservation-cancelling">
      {r.waitingForNetwork ? t('reservations.detail.cancellingOffline') : t('reservations.detail.cancelling')}
      {r.nextAttemptAt && !r.waitingForNetwork
        ? ` ${t('reservations.detail.nextTryAt', { time: formatDateTime(r.nextAttemptAt) })}`
        : ''}
    </p>
  )
}
