/**
 * What a preview says a sync will do (issue #15): the counts, why some cannot go, which records share
 * nights with records already in Sedna and which closed nights an open-sale opens, how fresh the look
 * was, the records themselves (capped: a preview may hold 10,000) and each hotel's calendar.
 */
import type { PreviewItem, SyncPreview } from '../../../../shared/contracts/calendar'
import { calendarHref, hotelsOf, nightRanges } from '../../data/preview'
import { formatDateTime, formatNight, kindText } from '../../format'
import { formatNumber, useLanguage } from '../../i18n'
import { useWords } from '../../ui/words'
import { ageText } from '../shell/MirrorIndicator'

/** Rows of the records table, lines of the overlap and reopen lists, hotels: beyond these, "…and N more". */
const ROWS_SHOWN = 100
const LINES_SHOWN = 50
const HOTELS_SHOWN = 30
const IDS_SHOWN = 10

/** "12.07.2026–15.07.2026, 20.07.2026" */
export const rangesText = (nights: readonly string[]) =>
  nightRanges(nights)
    .map((r) => (r.from === r.to ? formatNight(r.from) : `${formatNight(r.from)}–${formatNight(r.to)}`))
    .join(', ')

const idsText = (ids: readonly number[]) =>
  ids
    .slice(0, IDS_SHOWN)
    .map((id) => `#${id}`)
    .join(', ') + (ids.length > IDS_SHOWN ? ` +${ids.length - IDS_SHOWN}` : '')

function More({ count }: { count: number }) {
  const { t } = useLanguage()
  if (count <= 0) return null
  return (
    <p className="muted preview-more" data-testid="preview-more">
      {t('preview.more', { count })}
    </p>
  )
}

export function PreviewSummary({ preview }: { preview: SyncPreview }) {
  return (
    <>
      <PreviewCounts preview={preview} />
      <Freshness preview={preview} />
      <Overlaps preview={preview} />
      <Reopens preview={preview} />
      {preview.items.length > 0 && <PreviewItems items={preview.items} />}
    </>
  )
}

function PreviewCounts({ preview }: { preview: SyncPreview }) {
  const { t, language } = useLanguage()
  const { word } = useWords()
  const counts = [
    ['create', preview.create],
    ['adopt', preview.adopt],
    ['update', preview.update],
    ['blocked', preview.blocked],
  ] as const
  // The same reason (worded) once, with the records it holds back.
  const why = new Map<string, number[]>()
  for (const item of preview.items) {
    if (item.action !== 'blocked') continue
    const reason = word(item.reason) ?? '—'
    why.set(reason, [...(why.get(reason) ?? []), item.id])
  }
  const reasons = [...why]
  return (
    <section aria-labelledby="preview-counts-title">
      <h3 id="preview-counts-title">{t('preview.counts')}</h3>
      <dl className="preview-counts" data-testid="preview-counts">
        {counts.map(([key, n]) => (
          <div key={key} data-count={key} data-value={n} className={key === 'blocked' && n > 0 ? 'bad' : undefined}>
            <dt>{t(`preview.${key}`)}</dt>
            <dd>{formatNumber(n, language)}</dd>
          </div>
        ))}
        {preview.reservations.length > 0 && (
          <div data-count="reservations" data-value={preview.reservations.length}>
            <dt>{t('preview.reservations')}</dt>
            <dd>{formatNumber(preview.reservations.length, language)}</dd>
          </div>
        )}
      </dl>
      {reasons.length > 0 && (
        <ul className="preview-lines" data-testid="preview-blocked">
          {reasons.slice(0, LINES_SHOWN).map(([reason, ids]) => (
            <li key={reason}>{t('preview.blockedWhy', { ids: idsText(ids), reason })}</li>
          ))}
        </ul>
      )}
      <More count={reasons.length - LINES_SHOWN} />
    </section>
  )
}

/** Fresh: Sedna was asked just now. Not fresh: why, and how old the app's copy that answered instead is. */
function Freshness({ preview }: { preview: SyncPreview }) {
  const { t, word } = useWords()
  if (preview.fresh)
    return (
      <p className="banner banner-info" data-testid="preview-fresh" data-fresh="true">
        {t('preview.fresh', { at: formatDateTime(preview.previewedAt, 'minute') })}
      </p>
    )
  return (
    <p className="banner banner-warn" data-testid="preview-fresh" data-fresh="false">
      {t('preview.notFresh', {
        notice: word(preview.notice) ?? '',
        age: ageText(t, preview.mirrorPulledAt ?? undefined, Date.parse(preview.previewedAt) || Date.now()),
      })}
    </p>
  )
}

const label = (item: PreviewItem | undefined, id: number) => (item ? `#${id} ${item.hotelName}` : `#${id}`)

function Overlaps({ preview }: { preview: SyncPreview }) {
  const { t } = useLanguage()
  if (preview.overlap.length === 0) return null
  const byId = new Map(preview.items.map((i) => [i.id, i]))
  return (
    <section aria-labelledby="preview-overlap-title">
      <h3 id="preview-overlap-title">
        {t('preview.overlapTitle')} ({preview.overlap.length})
      </h3>
      <ul className="preview-lines" data-testid="preview-overlap">
        {preview.overlap.slice(0, LINES_SHOWN).map((o) => {
          const item = byId.get(o.id)
          // Each Sedna record with its own nights where the item says them; else the nights in common.
          const perRecord = item?.overlap.length
            ? item.overlap.map((x) => t('preview.overlapRec', { recId: x.recId, nights: rangesText(x.nights) }))
            : [t('preview.overlapRec', { recId: o.recIds.join(', '), nights: rangesText(o.nights) })]
          return (
            <li key={o.id} data-id={o.id}>
              <strong>{label(item, o.id)}</strong> — {perRecord.join('; ')}
            </li>
          )
        })}
      </ul>
      <More count={preview.overlap.length - LINES_SHOWN} />
    </section>
  )
}

function Reopens({ preview }: { preview: SyncPreview }) {
  const { t } = useLanguage()
  const reopen = preview.reopen.filter((r) => r.nights.length > 0)
  if (reopen.length === 0) return null
  const byId = new Map(preview.items.map((i) => [i.id, i]))
  return (
    <section aria-labelledby="preview-reopen-title">
      <h3 id="preview-reopen-title">{t('preview.reopenTitle')}</h3>
      <ul className="preview-lines" data-testid="preview-reopen">
        {reopen.slice(0, LINES_SHOWN).map((r) => (
          <li key={r.id} data-id={r.id}>
            <strong>{label(byId.get(r.id), r.id)}</strong> — {rangesText(r.nights)}
          </li>
        ))}
      </ul>
      <More count={reopen.length - LINES_SHOWN} />
    </section>
  )
}

function PreviewItems({ items }: { items: readonly PreviewItem[] }) {
  const { t } = useLanguage()
  const hotels = hotelsOf(items)
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
  return (
    <section aria-labelledby="preview-items-title">
      <h3 id="preview-items-title">{t('preview.itemsTitle')}</h3>
      <p className="preview-calendars" data-testid="preview-calendars">
        {t('preview.calendars')}{' '}
        {hotels.slice(0, HOTELS_SHOWN).map((h, i) => (
          <span key={h.hotelId ?? `name:${h.hotelName}`}>
            {i > 0 && ' · '}
            {h.hotelId === null ? (
              h.hotelName
            ) : (
              <a
                href={calendarHref(h.hotelId, h.firstMonth)}
                title={t('preview.calendarOf', { hotel: h.hotelName })}
                data-testid="preview-calendar-link"
              >
                {h.hotelName}
              </a>
            )}{' '}
            ({h.count})
          </span>
        ))}
        {hotels.length > HOTELS_SHOWN && ` +${hotels.length - HOTELS_SHOWN}`}
      </p>
      <div className="preview-table-wrap">
        <table className="grid compact preview-items" data-testid="preview-items">
          <thead>
            <tr>
              <th scope="col">{t('preview.columns.id')}</th>
              <th scope="col">{t('preview.columns.hotel')}</th>
              <th scope="col">{t('preview.columns.nights')}</th>
              <th scope="col">{t('preview.columns.kind')}</th>
              <th scope="col">{t('preview.columns.action')}</th>
            </tr>
          </thead>
          <tbody>
            {items.slice(0, ROWS_SHOWN).map((item) => (
              <tr key={item.id} data-testid="preview-item" data-id={item.id} data-action={item.action}>
                <td>#{item.id}</td>
                <td>{item.hotelName}</td>
                <td>
                  {item.firstNight === item.lastNight
                    ? formatNight(item.firstNight)
                    : `${formatNight(item.firstNight)}–${formatNight(item.lastNight)}`}
                </td>
                <td>{kindText(item.kind, kinds)}</td>
                <td>
                  <span className={`preview-action preview-action-${item.action}`}>
                    {t(`preview.action.${item.action}`)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More count={items.length - ROWS_SHOWN} />
    </section>
  )
}
