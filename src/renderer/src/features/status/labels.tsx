/** Each status's label in the current language, and the badges that show them. */
import { useMemo } from 'react'
import type { ReservationStatusName } from '../../../../shared/reservation-basics'
import type { StopSaleStatus } from '../../../../shared/stop-sales'
import { useLanguage, type TFunction } from '../../i18n'

/** A stop sale's status (creating, created and updating all read "Sending"). */
export const stopSaleStatusLabels = (t: TFunction): Record<StopSaleStatus, string> => ({
  pending: t('status.pending'),
  queued: t('status.queued'),
  creating: t('status.sending'),
  created: t('status.sending'),
  updating: t('status.sending'),
  synced: t('status.synced'),
  needs_attention: t('status.needs_attention'),
  needs_review: t('status.needs_review'),
  failed: t('status.failed'),
  changed_in_sedna: t('status.changed_in_sedna'),
  missing_in_sedna: t('status.missing_in_sedna'),
})

export const reservationStatusLabels = (t: TFunction): Record<ReservationStatusName, string> => ({
  pending: t('status.pending'),
  queued: t('status.queued'),
  sending: t('status.sending'),
  synced: t('status.synced'),
  cancelling: t('reservations.status.cancelling'),
  cancelled: t('reservations.status.cancelled'),
  needs_attention: t('status.needs_attention'),
  needs_review: t('status.needs_review'),
  failed: t('status.failed'),
})

/** `stopSaleStatusLabels` for the current language, re-rendering when it changes. */
export function useStopSaleStatusLabels(): Record<StopSaleStatus, string> {
  const { t } = useLanguage()
  return useMemo(() => stopSaleStatusLabels(t), [t])
}

/** `reservationStatusLabels` for the current language, re-rendering when it changes. */
export function useReservationStatusLabels(): Record<ReservationStatusName, string> {
  const { t } = useLanguage()
  return useMemo(() => reservationStatusLabels(t), [t])
}

interface BadgeProps<S extends string> {
  status: S
  title?: string | null | undefined
  large?: boolean
  testId?: string
}

function StatusBadge<S extends string>({ status, label, title, large, testId }: BadgeProps<S> & { label: string }) {
  return (
    <span
      className={`badge status-${status}${large ? ' badge-lg' : ''}`}
      title={title ?? undefined}
      data-testid={testId}
      data-status={status}
    >
      {label}
    </span>
  )
}

export function ReservationStatusBadge(props: BadgeProps<ReservationStatusName>) {
  const labels = useReservationStatusLabels()
  return <StatusBadge {...props} label={labels[props.status]} />
}

export function StopSaleStatusBadge(props: BadgeProps<StopSaleStatus>) {
  const labels = useStopSaleStatusLabels()
  return <StatusBadge {...props} label={labels[props.status]} />
}
