/** A reservation's facts: as imported, as it stands in Sedna, the Sedna ids it resolves to, its guests. */
import type { ReservationDetail, ReservationRecord } from '../../../../shared/reservations'
import { formatDateTime, formatNight } from '../../format'
import {
  AccountFact,
  Fact,
  LastErrorFact,
  None,
  OriginFacts,
  StatusFacts,
  type SednaFactsProps,
} from '../../ui/DetailParts'
import { useWords } from '../../ui/words'
import { ResolutionFrame } from '../fix-in-place/ResolutionFrame'
import { ReservationStatusBadge } from '../status/labels'

/** 1234.56 → "1234.56" with two decimals (the currency's own format is not known here). */
const formatAmount = (n: number) => n.toFixed(2)

export function ImportedFacts({ record: r, from }: { record: ReservationRecord; from: ReservationDetail['import'] }) {
  const { t } = useWords()
  return (
    <dl className="facts" data-testid="reservation-imported-facts">
      <Fact label={t('reservations.columns.voucher')}>
        <strong>{r.voucherNo}</strong>
      </Fact>
      <Fact label={t('detail.hotelAsReceived')}>{r.hotelName}</Fact>
      {r.hotelId !== null && <Fact label={t('detail.hotelIdOnRecord')}>{r.hotelId}</Fact>}
      <Fact label={t('reservations.columns.checkIn')}>{formatNight(r.checkIn)}</Fact>
      <Fact label={t('reservations.columns.checkOut')}>{formatNight(r.checkOut)}</Fact>
      <Fact label={t('reservations.columns.nights')}>{r.nights}</Fact>
      <Fact label={t('reservations.detail.room')}>{r.roomCode}</Fact>
      <Fact label={t('reservations.detail.board')}>{r.boardCode}</Fact>
      <Fact label={t('reservations.detail.adults')}>{r.adults}</Fact>
      <Fact label={t('reservations.detail.children')}>{r.children}</Fact>
      <Fact label={t('reservations.detail.price')}>
        {r.totalPrice !== null ? `${formatAmount(r.totalPrice)}${r.currency ? ` ${r.currency}` : ''}` : <None />}
      </Fact>
      <Fact label={t('reservations.detail.saleDate')}>{r.saleDate ? formatNight(r.saleDate) : <None />}</Fact>
      <Fact label={t('reservations.detail.sourceEmail')}>{r.sourceEmailId ?? <None />}</Fact>
      <OriginFacts from={from} sourceRow={r.sourceRow} createdAt={r.createdAt} />
    </dl>
  )
}

export function SednaFacts({ record: r, account }: SednaFactsProps<ReservationRecord>) {
  const { t, word } = useWords()
  return (
    <dl className="facts" data-testid="reservation-sedna-facts">
      <StatusFacts badge={<ReservationStatusBadge status={r.status} />} record={r} recIdTestId="reservation-rec-id" />
      <Fact label={t('reservations.detail.sourceId')}>
        <code>{r.sourceId}</code>
      </Fact>
      <AccountFact record={r} account={account} />
      {r.operatorId !== null && <Fact label={t('reservations.detail.operatorId')}>{r.operatorId}</Fact>}
      <Fact label={t('detail.requestsMade')}>{r.attempts}</Fact>
      {r.sendStartedAt && <Fact label={t('reservations.detail.firstSent')}>{formatDateTime(r.sendStartedAt)}</Fact>}
      {r.syncedAt && <Fact label={t('detail.synced')}>{formatDateTime(r.syncedAt)}</Fact>}
      {r.cancelRequestedAt && (
        <Fact label={t('reservations.detail.cancelRequested')}>{formatDateTime(r.cancelRequestedAt)}</Fact>
      )}
      {r.cancelledAt && (
        <Fact label={t('reservations.detail.cancelledAt')}>
          <span data-testid="reservation-cancelled-at">{formatDateTime(r.cancelledAt)}</span>
        </Fact>
      )}
      {r.nextAttemptAt && r.status !== 'synced' && r.status !== 'cancelled' && (
        <Fact label={t('detail.nextTry')}>{formatDateTime(r.nextAttemptAt)}</Fact>
      )}
      <LastErrorFact error={word(r.lastError)} />
    </dl>
  )
}

export function ReservationResolution({ resolution }: { resolution: ReservationDetail['resolution'] }) {
  const { t } = useWords()
  return (
    <ResolutionFrame
      resolution={resolution}
      testIdPrefix="reservation-"
      resolved={(res) => (
        <>
          <Fact label={t('reservations.detail.roomTypeId')}>
            {res.roomTypeId} <span className="muted">({res.roomCode})</span>
          </Fact>
          <Fact label={t('reservations.detail.boardId')}>
            {res.boardId} <span className="muted">({res.boardCode})</span>
          </Fact>
          <Fact label={t('reservations.detail.nationalities')}>
            {res.nationalities.length ? (
              res.nationalities.map((n) => `${n.value} → ${n.name} (${n.countryId})`).join(', ')
            ) : (
              <None />
            )}
          </Fact>
        </>
      )}
    />
  )
}
