/**
 * What the reservation screens share: each status's label in the current language, its badge, and
 * which statuses a person may send or cancel (the same rules main applies; main checks them again).
 */
import { useMemo } from 'react'
import type { ReservationStatusName } from '../../../shared/reservation-basics'
import { useLanguage, type TFunction } from '../i18n'

/** Statuses a person may send with "Sync" (needs review waits for a decision; cancelling/cancelled are done). */
export const reservationSendable: ReadonlySet<ReservationStatusName> = new Set<ReservationStatusName>([
  'pending',
  'failed',
  'needs_attention',
  'queued',
  'sending',
])

/** Statuses whose reservation may still be waiting for a hotel, room, board or nationality mapping. */
export const reservationFixable: ReadonlySet<ReservationStatusName> = new Set<ReservationStatusName>([
  'pending',
  'failed',
  'needs_attention',
])

/**
 * Whether staff may cancel it: synced (cancelled in Sedna), or never sent at all (cancelled here only).
 * Main refuses the rest (being sent right now, or needs review) with a message saying why.
 */
export const canCancelReservation = (r: {
  status: ReservationStatusName
  sednaRecId: number | null
  sendStartedAt: string | null
}) =>
  r.status === 'synced' ||
  (r.sednaRecId === null &&
    r.sendStartedAt === null &&
    ['pending', 'queued', 'failed', 'needs_attention'].includes(r.status))

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

/** `reservationStatusLabels` for the current language, re-rendering when it changes. */
export function useReservationStatusLabels(): Record<ReservationStatusName, string> {
  const { t, language } = useLanguage()
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => reservationStatusLabels(t), [language])
}

export function ReservationStatusBadge({
  status,
  title,
  large,
  testId,
}: {
  status: ReservationStatusName
  title?: string | null | undefined
  large?: boolean
  testId?: string
}) {
  const labels = useReservationStatusLabels()
  return (
    <span
      className={`badge status-${status}${large ? ' badge-lg' : ''}`}
      title={title ?? undefined}
      data-testid={testId}
      data-status={status}
    >
      {labels[status]}
    </span>
  )
}
