/** A stop sale's facts: as imported, as it stands in Sedna, and the Sedna ids it resolves to. */
import type { DetailResolution, StopSaleRecord } from '../../../../shared/detail'
import { codesText, formatDateTime, formatNight, kindText } from '../../format'
import { AccountName, Fact, ImportedFrom, None } from '../../ui/DetailParts'
import { useWords } from '../../ui/words'
import { ResolutionFrame } from '../fix-in-place/ResolutionFrame'
import { useStopSaleStatusLabels } from '../status/labels'

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
      <Fact label={t('detail.import')}>
        <ImportedFrom from={from} sourceRow={r.sourceRow} />
      </Fact>
      <Fact label={t('detail.added')}>{formatDateTime(r.createdAt)}</Fact>
    </dl>
  )
}

export function SednaFacts({
  record: r,
  account,
}: {
  record: StopSaleRecord
  /** The account it was sent with, or (not sent yet) the one the next Sync uses. */
  account: { name: string } | null
}) {
  const { t, word } = useWords()
  const labels = useStopSaleStatusLabels()
  const lastError = word(r.lastError)
  return (
    <dl className="facts" data-testid="sedna-facts">
      <Fact label={t('detail.status')}>
        <span className={`badge status-${r.status}`}>{labels[r.status]}</span>
        {r.waitingForNetwork && <span className="muted">{t('detail.waitingForNetwork')}</span>}
      </Fact>
      <Fact label={t('columns.recId')}>
        <strong data-testid="detail-rec-id">{r.sednaRecId ?? '—'}</strong>
      </Fact>
      <Fact label={t('detail.account')}>
        <AccountName sent={r.profileId !== null} name={account?.name} />
      </Fact>
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
      <Fact label={t('detail.lastError').replace(/:$/, '')}>
        {lastError ? <span className="error-text">{lastError}</span> : <None />}
      </Fact>
    </dl>
  )
}

export function StopSaleResolution({ resolution }: { resolution: DetailResolution }) {
  const { t } = useWords()
  const res = resolution.resolution
  return (
    <ResolutionFrame
      resolution={resolution}
      testId="resolution"
      unresolvedTestId="unresolved"
      resolved={
        res?.ok && (
          <dl className="facts">
            <Fact label={t('detail.hotelId')}>
              <strong data-testid="resolved-hotel-id">{res.hotelId}</strong>
            </Fact>
            <Fact label={t('detail.roomTypeIds')}>
              {res.roomTypeIds.length ? res.roomTypeIds.join(', ') : <None />}
              {res.allRooms && <span className="muted">{t('detail.allRoomsNote')}</span>}
            </Fact>
            <Fact label={t('detail.roomRemarkCodes')}>
              {res.roomRemarkCodes.length ? res.roomRemarkCodes.join(', ') : <None />}
            </Fact>
            <Fact label={t('detail.boardIds')}>
              {res.boardIds.length ? res.boardIds.join(', ') : <None />}
              {res.allBoards && <span className="muted">{t('detail.allBoardsNote')}</span>}
            </Fact>
            <Fact label={t('detail.boardRemarkCodes')}>
              {res.boardRemarkCodes.length ? res.boardRemarkCodes.join(', ') : <None />}
            </Fact>
          </dl>
        )
      }
    />
  )
}
