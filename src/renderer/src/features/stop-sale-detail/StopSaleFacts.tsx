/** A stop sale's facts: as imported, as it stands in Sedna, and the Sedna ids it resolves to. */
import type { DetailResolution, StopSaleRecord } from '../../../../shared/detail'
import { codesText, formatDateTime, formatNight, kindText } from '../../format'
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
import { StopSaleStatusBadge } from '../status/labels'

/** The e-mail's time as the hotel wrote it (its own clock and offset), not converted. */
function formatWallClock(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso)
  if (!m) return iso
  const zone = m[7] === undefined ? '' : m[7] === 'Z' ? ' (UTC)' : ` (UTC${m[7]})`
  return `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''}${zone}`
}

export function ImportedFacts({
  record: r,
  from,
}: {
  record: StopSaleRecord
  from: { id: number; fileName: string; createdAt: string } | null
}) {
  const { t } = useWords()
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
  return (
    <dl className="facts" data-testid="imported-facts">
      <Fact label={t('detail.hotelAsReceived')}>{r.hotelName}</Fact>
      {r.hotelId !== null && <Fact label={t('detail.hotelIdOnRecord')}>{r.hotelId}</Fact>}
      <Fact label={t('columns.firstNight')}>{formatNight(r.firstNight)}</Fact>
      <Fact label={t('columns.lastNight')}>{formatNight(r.lastNight)}</Fact>
      <Fact label={t('columns.nights')}>{r.nights}</Fact>
      <Fact label={t('columns.rooms')}>{codesText(r.roomCodes, t('common.allRooms'))}</Fact>
      <Fact label={t('columns.boards')}>{codesText(r.boardCodes, t('common.allBoards'))}</Fact>
      <Fact label={t('detail.markets')}>{r.marketIds.length ? r.marketIds.join(', ') : t('detail.allMarkets')}</Fact>
      <Fact label={t('columns.kind')}>{kindText(r.kind, kinds)}</Fact>
      <Fact label={t('detail.reason')}>{r.reason ?? <None />}</Fact>
      <Fact label={t('detail.sourceMessageId')}>
        {r.sourceMessageId ? <code className="wrap">{r.sourceMessageId}</code> : <None />}
      </Fact>
      <Fact label={t('detail.subject')}>{r.sourceSubject ?? <None />}</Fact>
      <Fact label={t('detail.received')}>{r.sourceReceivedAt ? formatWallClock(r.sourceReceivedAt) : <None />}</Fact>
      {r.sourceEmailId && <Fact label={t('detail.emailId')}>{r.sourceEmailId}</Fact>}
      <OriginFacts from={from} sourceRow={r.sourceRow} createdAt={r.createdAt} />
    </dl>
  )
}

export function SednaFacts({ record: r, account }: SednaFactsProps<StopSaleRecord>) {
  const { t, word } = useWords()
  return (
    <dl className="facts" data-testid="sedna-facts">
      <StatusFacts badge={<StopSaleStatusBadge status={r.status} />} record={r} recIdTestId="detail-rec-id" />
      <AccountFact record={r} account={account} />
      <Fact label={t('detail.requestsMade')}>{r.attempts}</Fact>
      {r.phase1SentAt && <Fact label={t('detail.phase1SentAt')}>{formatDateTime(r.phase1SentAt)}</Fact>}
      {r.declareDate && (
        <Fact label={t('detail.declareDate')}>
          <code>{r.declareDate}</code>
        </Fact>
      )}
      {r.syncedAt && <Fact label={t('detail.synced')}>{formatDateTime(r.syncedAt)}</Fact>}
      {r.nextAttemptAt && r.status !== 'synced' && (
        <Fact label={t('detail.nextTry')}>{formatDateTime(r.nextAttemptAt)}</Fact>
      )}
      <LastErrorFact error={word(r.lastError)} />
    </dl>
  )
}

/** Ids or codes as a list, or a dash when there are none. */
const listed = (items: ReadonlyArray<number | string>) => (items.length ? items.join(', ') : <None />)

export function StopSaleResolution({ resolution }: { resolution: DetailResolution }) {
  const { t } = useWords()
  return (
    <ResolutionFrame
      resolution={resolution}
      testIdPrefix=""
      resolved={(res) => (
        <>
          <Fact label={t('detail.roomTypeIds')}>
            {listed(res.roomTypeIds)}
            {res.allRooms && <span className="muted">{t('detail.allRoomsNote')}</span>}
          </Fact>
          <Fact label={t('detail.roomRemarkCodes')}>{listed(res.roomRemarkCodes)}</Fact>
          <Fact label={t('detail.boardIds')}>
            {listed(res.boardIds)}
            {res.allBoards && <span className="muted">{t('detail.allBoardsNote')}</span>}
          </Fact>
          <Fact label={t('detail.boardRemarkCodes')}>{listed(res.boardRemarkCodes)}</Fact>
        </>
      )}
    />
  )
}
