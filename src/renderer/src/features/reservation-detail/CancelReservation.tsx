/**
 * Cancelling a reservation: a confirmation first (what will happen, in Sedna or only here), then the
 * request; its answer is said once, and the request goes into the reservation's history.
 */
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { ReservationRecord } from '../../../../shared/reservations'
import { call } from '../../api'
import { appError } from '../../data/client'
import { formatNight } from '../../format'
import { useLanguage } from '../../i18n'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { Fact } from '../../ui/DetailParts'

/** The cancellation's steps: asking, sending, its answer (or failure), dismissed. */
export function useCancelReservation(id: number) {
  const [confirming, setConfirming] = useState(false)
  const cancel = useMutation({
    mutationFn: () => call('reservations.cancel', { id, confirm: true }),
    onSettled: () => setConfirming(false),
  })
  return {
    confirming: confirming || cancel.isPending,
    sending: cancel.isPending,
    result: cancel.data,
    error: appError(cancel.error),
    ask: () => {
      cancel.reset()
      setConfirming(true)
    },
    confirm: () => cancel.mutate(),
    close: () => setConfirming(false),
    dismiss: () => cancel.reset(),
  }
}

export function ConfirmCancel({
  record,
  busy,
  onConfirm,
  onClose,
}: {
  record: ReservationRecord
  busy: boolean
  onConfirm: () => void
  onClose: () => void
}) {
  const { t } = useLanguage()
  const inSedna = record.sednaRecId !== null
  return (
    <ConfirmDialog
      titleId="cancel-dialog-title"
      testId="cancel-dialog"
      title={t('reservations.cancel.title', { voucher: record.voucherNo })}
      text={
        inSedna
          ? t('reservations.cancel.textSedna', { recId: record.sednaRecId, hotel: record.hotelName })
          : t('reservations.cancel.textLocal')
      }
      confirmLabel={
        busy
          ? t('reservations.cancel.sending')
          : inSedna
            ? t('reservations.cancel.confirmSedna')
            : t('reservations.cancel.confirmLocal')
      }
      confirmTestId="cancel-confirm"
      keepLabel={t('reservations.cancel.keep')}
      busy={busy}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <dl className="facts">
        <Fact label={t('reservations.columns.hotel')}>{record.hotelName}</Fact>
        <Fact label={t('reservations.detail.stayLabel')}>
          {formatNight(record.checkIn)} – {formatNight(record.checkOut)}
        </Fact>
        <Fact label={t('reservations.columns.guest')}>{record.leadGuest ?? '—'}</Fact>
        {inSedna && <Fact label={t('columns.recId')}>{record.sednaRecId}</Fact>}
      </dl>
      <p className="hint">{t('reservations.cancel.history')}</p>
    </ConfirmDialog>
  )
}
