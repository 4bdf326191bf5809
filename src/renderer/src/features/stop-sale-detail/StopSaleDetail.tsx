/**
 * One stop sale, everything about it: the record as imported, what it resolves to in Sedna, the exact
 * bodies of both phases, every request made for it; Sync; when it waits for a mapping, the pickers
 * that fix it in place; and Sedna's copy of it beside ours, with the choices when it moved away (#14).
 * Fetched again when main says this stop sale changed — never polled.
 */
import { stopSaleQueries } from '../../data/stop-sales'
import { codesText, formatNight, kindText } from '../../format'
import { useDetailQuery, DetailHeader, FactColumns } from '../../ui/DetailLayout'
import { DetailLoadState, LastErrorBanner } from '../../ui/DetailParts'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'
import { FixInPlace } from '../fix-in-place/FixInPlace'
import { unresolvedOf } from '../fix-in-place/unresolved'
import { useMapped } from '../fix-in-place/use-mapping'
import { CalendarLink, calendarLinkWords } from '../calendar/CalendarLink'
import { allows } from '../status/actions'
import { StopSaleStatusBadge } from '../status/labels'
import { SyncButton, SyncNotices } from '../sync/DetailSync'
import { runSync, useSyncState } from '../sync/store'
import { MappedBanner } from './banners'
import { StopSaleSednaVersion } from './SednaVersion'
import { ImportedFacts, SednaFacts, StopSaleResolution } from './StopSaleFacts'
import { StopSaleRequests } from './StopSaleRequests'

export function StopSaleDetail({ id }: { id: number }) {
  const { t, word } = useWords()
  const { detail, heading, error, retry } = useDetailQuery(stopSaleQueries.detail(id))
  const sync = useSyncState()
  const { mapped, dismiss, onMapped } = useMapped()

  // Not found (also when it was deleted while open): nothing left to show but the way back.
  if (!detail.data || error?.kind === 'not-found') {
    return <DetailLoadState kind="stopSale" id={id} error={error} onRetry={retry} />
  }

  const d = detail.data
  const r = d.record
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
  const unresolved = unresolvedOf(d.resolution)
  const canFix = allows(r, 'fix') && unresolved.length > 0
  const res = d.resolution.resolution
  const hotelId = res?.ok ? res.hotelId : r.hotelId

  return (
    <section aria-labelledby="detail-title" className="detail" data-testid="stop-sale-detail" data-id={id}>
      <DetailHeader
        kind="stopSale"
        titleId="detail-title"
        headingRef={heading}
        title={t('detail.title', { id, hotel: r.hotelName })}
        status={<StopSaleStatusBadge status={r.status} title={word(r.lastError)} large testId="detail-status" />}
        refreshing={detail.isFetching}
      >
        <CalendarLink
          hotelId={hotelId}
          firstNight={r.firstNight}
          words={calendarLinkWords(t)}
          className="cal-detail-link"
          showDisabled
        />
        {allows(r, 'sync') && (
          <SyncButton
            disabled={sync.running}
            testId="detail-sync"
            onClick={() => {
              dismiss()
              void runSync({ ids: [id] })
            }}
          />
        )}
      </DetailHeader>
      <p className="detail-sub">
        {kindText(r.kind, kinds)} · {formatNight(r.firstNight)} – {formatNight(r.lastNight)} (
        {t('detail.nights', { count: r.nights })}) · {codesText(r.roomCodes, t('common.allRooms'))} ·{' '}
        {codesText(r.boardCodes, t('common.allBoards'))}
      </p>

      {error && <ErrorBanner error={error} onRetry={retry} />}
      <SyncNotices kind="stopSale" id={id}>
        {mapped && <MappedBanner mapped={mapped} id={id} status={r.status} onClose={dismiss} />}
      </SyncNotices>
      {r.status !== 'synced' && !canFix && <LastErrorBanner error={word(r.lastError)} testId="detail-last-error" />}

      {canFix && <FixInPlace kind="stopSale" detail={d} unresolved={unresolved} onMapped={onMapped} />}
      <StopSaleSednaVersion detail={d} busy={sync.running} />

      <FactColumns
        idPrefix=""
        imported={<ImportedFacts record={r} from={d.import} />}
        sedna={<SednaFacts record={r} account={d.account} />}
        resolution={<StopSaleResolution resolution={d.resolution} />}
      />
      <StopSaleRequests detail={d} />
    </section>
  )
}
