/** A reservation's guests, the InsertReservation request (as sent or as it would be sent), and its history. */
import type {
  ReservationAttempt,
  ReservationDetail,
  ReservationPayload,
  ReservationRecord,
} from '../../../../shared/reservations'
import { formatNight } from '../../format'
import { None } from '../../ui/DetailParts'
import { GridHead } from '../../ui/GridHead'
import { AttemptsTable, PayloadBlock } from '../../ui/Payloads'
import { useWords } from '../../ui/words'

export function GuestsView({
  record,
  resolution,
}: {
  record: ReservationRecord
  resolution: ReservationDetail['resolution']
}) {
  const { t } = useWords()
  if (record.guests.length === 0) return <p className="muted">{t('reservations.guests.none')}</p>
  const countries = new Map(
    resolution.resolution?.ok ? resolution.resolution.nationalities.map((n) => [n.value, n.name] as const) : [],
  )
  return (
    <table className="grid compact" data-testid="reservation-guests">
      <GridHead
        columns={[
          { label: '#', num: true },
          t('reservations.guests.titleCol'),
          t('reservations.guests.lastName'),
          t('reservations.guests.firstName'),
          t('reservations.guests.birthDate'),
          t('reservations.guests.passport'),
          t('reservations.guests.nationality'),
        ]}
      />
      <tbody>
        {record.guests.map((g, i) => (
          <tr key={i} data-testid="reservation-guest">
            <td className="num">{i + 1}</td>
            <td>
              {g.title}
              {g.titleAsReceived !== null && g.titleAsReceived !== g.title && (
                <span className="muted"> {t('reservations.guests.asReceived', { title: g.titleAsReceived })}</span>
              )}
            </td>
            <td>{g.lastName || <None />}</td>
            <td>{g.firstName || <None />}</td>
            <td>{g.birthDate ? formatNight(g.birthDate) : <None />}</td>
            <td>{g.passportNo ?? <None />}</td>
            <td>
              {g.nationality ?? <None />}
              {g.nationality && countries.get(g.nationality) && (
                <span className="muted"> → {countries.get(g.nationality)}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function PayloadView({ payload }: { payload: ReservationPayload }) {
  const { t } = useWords()
  return (
    <PayloadBlock
      titleId="reservation-payload-request"
      testId="reservation-payload"
      title="InsertReservation"
      payload={payload}
      sentText={(time) => (time ? t('reservations.payload.sentAt', { time }) : t('reservations.payload.sent'))}
      previewText={t('reservations.payload.preview')}
      url={
        payload.url !== null && (
          <p className="payload-url">
            <code className="wrap" data-testid="reservation-payload-url">
              {payload.url}
            </code>
          </p>
        )
      }
      bodyLabel={(source) => t('reservations.payload.bodyLabel', { source })}
    />
  )
}

export function AttemptsView({ attempts }: { attempts: ReservationAttempt[] }) {
  const { t } = useWords()
  return (
    <AttemptsTable
      attempts={attempts}
      phases={{ send: t('reservations.phases.send'), cancel: t('reservations.phases.cancel') }}
      emptyText={t('reservations.detail.noAttempts')}
      testId="reservation-attempts"
      rowTestId="reservation-attempt"
    />
  )
}
