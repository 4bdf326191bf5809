/** A reservation's guests, the InsertReservation request (as sent or as it would be sent), and its history. */
import type {
  ReservationAttempt,
  ReservationDetail,
  ReservationPayload,
  ReservationRecord,
} from '../../../../shared/reservations'
import { formatDateTime, formatNight } from '../../format'
import type { TFunction } from '../../i18n'
import { None } from '../../ui/DetailParts'
import { AttemptsTable, outcomeLabels, PayloadBlock } from '../../ui/Payloads'
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
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">{t('reservations.guests.titleCol')}</th>
          <th scope="col">{t('reservations.guests.lastName')}</th>
          <th scope="col">{t('reservations.guests.firstName')}</th>
          <th scope="col">{t('reservations.guests.birthDate')}</th>
          <th scope="col">{t('reservations.guests.passport')}</th>
          <th scope="col">{t('reservations.guests.nationality')}</th>
        </tr>
      </thead>
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
  const { t, word } = useWords()
  const outcomes = outcomeLabels(t)
  return (
    <PayloadBlock
      titleId="reservation-payload-request"
      testId="reservation-payload"
      title="InsertReservation"
      source={payload.source}
      hint={
        <>
          {payload.source === 'sent' && (
            <>
              {payload.sentAt
                ? t('reservations.payload.sentAt', { time: formatDateTime(payload.sentAt) })
                : t('reservations.payload.sent')}
              {payload.outcome ? t('detail.outcome', { outcome: outcomes[payload.outcome] ?? payload.outcome }) : ''}
              .{' '}
            </>
          )}
          {payload.source === 'preview' && t('reservations.payload.preview')}
          {word(payload.message)}
        </>
      }
      url={
        payload.url !== null && (
          <p className="payload-url">
            <code className="wrap" data-testid="reservation-payload-url">
              {payload.url}
            </code>
          </p>
        )
      }
      body={payload.body}
      bodyLabel={(source) => t('reservations.payload.bodyLabel', { source })}
    />
  )
}

const phaseLabels = (t: TFunction): Record<string, string> => ({
  send: t('reservations.phases.send'),
  lookup: t('detail.phases.lookup'),
  cancel: t('reservations.phases.cancel'),
  login: t('detail.phases.login'),
  resolve: t('detail.phases.resolve'),
})

export function AttemptsView({ attempts }: { attempts: ReservationAttempt[] }) {
  const { t } = useWords()
  return (
    <AttemptsTable
      attempts={attempts}
      phases={phaseLabels(t)}
      emptyText={t('reservations.detail.noAttempts')}
      testId="reservation-attempts"
      rowTestId="reservation-attempt"
    />
  )
}
