/**
 * Ours beside Sedna's: what the look before the first send found for this voucher (another desk's booking,
 * one typed in Sedna's own screens), field by field, the fields that differ marked. When that look parked
 * it for a person: "Send ours anyway…" behind a confirmation whose safe answer has the focus — the decision
 * is recorded (reservations.sendAnyway), then the usual Sync books it; the other way out, cancelling it
 * here, is the header's Cancel.
 */
import { useMutation } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import type { ReservationDetail, SednaReservation } from '../../../../shared/reservations'
import { call } from '../../api'
import { appError } from '../../data/client'
import { formatDateTime, formatNight } from '../../format'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { DetailSection } from '../../ui/DetailLayout'
import { None } from '../../ui/DetailParts'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'
import { ReservationStatusBadge } from '../status/labels'
import { runSync } from '../sync/store'

type Version = NonNullable<ReservationDetail['sednaVersion']>
type Field = SednaReservation['differs'][number]

interface Row {
  key: string
  label: string
  ours: ReactNode
  sedna: (s: SednaReservation) => ReactNode
  /** The compared field this row shows (its cell is marked where Sedna's differs). */
  field?: Field
}

const orNone = (v: ReactNode) => (v === null || v === undefined || v === '' ? <None /> : v)
const withId = (name: string | null, id: number | null) =>
  name && id !== null ? `${name} (${id})` : name ? name : id !== null ? String(id) : null

export function SednaVersion({ id, version, busy }: { id: number; version: Version; busy: boolean }) {
  const { t } = useWords()
  const [confirming, setConfirming] = useState(false)
  const decide = useMutation({
    mutationFn: () => call('reservations.sendAnyway', { id, confirm: true }),
    onSuccess: () => void runSync({ reservationIds: [id] }),
    onSettled: () => setConfirming(false),
  })
  const failure = appError(decide.error)
  const { ours, found, canSendAnyway } = version
  const theirs = found?.reservations ?? []
  const pax = (adults: number | null, children: number | null) =>
    adults === null && children === null
      ? null
      : t('reservations.detail.pax', { adults: adults ?? '?', children: children ?? '?' })
  const rows: Row[] = [
    { key: 'voucher', label: t('reservations.columns.voucher'), ours: ours.voucherNo, sedna: (s) => s.voucherNo },
    {
      key: 'hotel',
      label: t('reservations.columns.hotel'),
      ours: withId(ours.hotelName, ours.hotelId),
      sedna: (s) => withId(s.hotelName, s.hotelId),
      field: 'hotel',
    },
    {
      key: 'checkIn',
      label: t('reservations.columns.checkIn'),
      ours: formatNight(ours.checkIn),
      sedna: (s) => s.checkIn && formatNight(s.checkIn),
      field: 'checkIn',
    },
    {
      key: 'checkOut',
      label: t('reservations.columns.checkOut'),
      ours: formatNight(ours.checkOut),
      sedna: (s) => s.checkOut && formatNight(s.checkOut),
      field: 'checkOut',
    },
    {
      key: 'room',
      label: t('reservations.detail.roomTypeId'),
      ours: withId(ours.roomCode, ours.roomTypeId),
      sedna: (s) => s.roomTypeId,
      field: 'room',
    },
    {
      key: 'board',
      label: t('reservations.detail.boardId'),
      ours: withId(ours.boardCode, ours.boardId),
      sedna: (s) => s.boardId,
      field: 'board',
    },
    {
      key: 'pax',
      label: t('reservations.columns.pax'),
      ours: pax(ours.adults, ours.children),
      sedna: (s) => pax(s.adults, s.children),
      field: 'pax',
    },
    {
      key: 'status',
      label: t('reservations.sedna.status'),
      ours: <ReservationStatusBadge status={ours.status} />,
      sedna: (s) => s.state ?? (s.cancelled ? t('reservations.status.cancelled') : null),
      field: 'state',
    },
    { key: 'recId', label: t('columns.recId'), ours: ours.recId, sedna: (s) => s.recId },
    {
      key: 'sourceId',
      label: 'SourceId',
      ours: <code>{ours.sourceId}</code>,
      sedna: (s) => s.sourceId && <code>{s.sourceId}</code>,
    },
    {
      key: 'recordUser',
      label: t('reservations.sedna.recordUser'),
      ours: null,
      sedna: (s) => s.recordUser ?? t('reservations.sedna.viaApi'),
    },
    {
      key: 'linked',
      label: t('reservations.sedna.linked'),
      ours: null,
      sedna: (s) => (s.linked ? t('reservations.sedna.linkedYes') : null),
    },
  ]
  const adoptedRecId = found?.outcome === 'adopted' ? theirs.find((s) => s.differs.length === 0)?.recId : undefined
  const intro =
    found?.outcome === 'adopted'
      ? t('reservations.sedna.adopted', { recId: adoptedRecId ?? '?' })
      : found?.sendAnywayAt
        ? t('reservations.sedna.decided', { time: formatDateTime(found.sendAnywayAt, 'minute') })
        : theirs.length
          ? t('reservations.sedna.review')
          : t('reservations.sedna.sameHere')

  return (
    <DetailSection
      titleId="reservation-sedna-version-title"
      title={t('reservations.sedna.title')}
      hint={t('reservations.sedna.hint')}
    >
      <p data-testid="reservation-sedna-intro">{intro}</p>
      {theirs.length > 0 && (
        <table className="grid compact" data-testid="reservation-sedna-version">
          <thead>
            <tr>
              <th scope="col">{t('reservations.sedna.field')}</th>
              <th scope="col">{t('reservations.sedna.ours')}</th>
              {theirs.map((s, i) => (
                <th scope="col" key={i}>
                  {t('reservations.sedna.theirs', { recId: s.recId ?? '?' })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-field={row.key}>
                <th scope="row">{row.label}</th>
                <td>{orNone(row.ours)}</td>
                {theirs.map((s, i) => {
                  const differs = row.field !== undefined && s.differs.includes(row.field)
                  return (
                    <td key={i} data-differs={differs || undefined}>
                      {differs ? (
                        <mark>
                          {orNone(row.sedna(s))} <span className="sr-only">{t('reservations.sedna.differs')}</span>
                        </mark>
                      ) : (
                        orNone(row.sedna(s))
                      )}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {failure && <ErrorBanner error={failure} />}
      {canSendAnyway && (
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              decide.reset()
              setConfirming(true)
            }}
            disabled={busy || decide.isPending}
            data-testid="reservation-send-anyway"
            aria-haspopup="dialog"
          >
            {t('reservations.sedna.sendAnyway')}
          </button>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          titleId="send-anyway-dialog-title"
          testId="send-anyway-dialog"
          title={t('reservations.sedna.confirmTitle', { voucher: ours.voucherNo })}
          text={t('reservations.sedna.confirmText')}
          confirmLabel={t('reservations.sedna.confirm')}
          confirmTestId="send-anyway-confirm"
          keepLabel={t('reservations.sedna.keep')}
          busy={decide.isPending}
          onConfirm={() => decide.mutate()}
          onClose={() => setConfirming(false)}
        />
      )}
    </DetailSection>
  )
}
