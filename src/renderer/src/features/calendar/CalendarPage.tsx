/**
 * A hotel's calendar (#/calendar): which nights of which rooms are closed — in Sedna, or waiting to be
 * closed or opened from here — one to three months at a time, each cell decided by the notice declared
 * last (main's `calendar.get`, the net-state rule). The view is in the hash (hotel, month, months,
 * board), so a record's "Calendar" link opens it; a bare #/calendar opens the last one seen.
 */
import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import type { Calendar } from '../../../../shared/contracts/calendar'
import { calendarQueries } from '../../data/calendar'
import { appError } from '../../data/client'
import { profileQueries } from '../../data/profiles'
import { stopSaleQueries } from '../../data/stop-sales'
import { formatDateTime } from '../../format'
import { useLanguage, type TFunction } from '../../i18n'
import { formatDate } from '../../ui/dates'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'
import { CalendarGrid, type Cell, type GridWords } from './CalendarGrid'
import { HotelChooser } from './HotelChooser'
import { Legend } from './Legend'
import { NoticeList } from './NoticeList'
import {
  addMonths,
  calendarHref,
  hashHasView,
  monthOf,
  monthRange,
  paramsFromHash,
  todayIso,
  type CalendarParams,
  type MonthsShown,
} from './params'

/** The last view shown (a bare #/calendar, e.g. from the top bar, opens it again). */
let lastView: string | undefined

function useCalendarParams(): CalendarParams {
  const [hash, setHash] = useState(() => window.location.hash)
  useEffect(() => {
    const onHash = () => setHash(window.location.hash)
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    // Only the calendar's own hashes (leaving it changes the hash before the page is gone).
    if (!/^#\/?calendar(\?|\/?$)/.test(hash)) return
    if (hashHasView(hash)) lastView = hash
    else if (lastView) window.location.replace(lastView)
  }, [hash])
  return useMemo(() => paramsFromHash(hash), [hash])
}

const go = (p: CalendarParams) => {
  window.location.hash = calendarHref(p)
}

/**
 * A message with slots ({{room}}…) as a function that only joins strings: i18next's interpolation,
 * run once per language instead of once per cell.
 */
function compile<K extends string>(template: string): (values: Record<K, string>) => string {
  const parts = template.split('\u0000')
  return (values) => {
    let out = parts[0]!
    for (let i = 1; i < parts.length; i += 2) out += values[parts[i] as K] + parts[i + 1]!
    return out
  }
}
const slot = (name: string) => `\u0000${name}\u0000`

function gridWords(t: TFunction, language: string, hotel: string): GridWords {
  const locale = language === 'tr' ? 'tr-TR' : 'en-GB'
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })
  const weekdayName = new Intl.DateTimeFormat(locale, { weekday: 'narrow', timeZone: 'UTC' })
  const pattern = t('dates.pattern')
  const cell = compile<'room' | 'day' | 'state'>(
    t('calendar.cell', { room: slot('room'), day: slot('day'), state: slot('state') }),
  )
  return {
    gridLabel: t('calendar.gridLabel', { hotel }),
    roomType: t('calendar.roomType'),
    allRooms: t('calendar.allRooms'),
    states: {
      closed: t('calendar.states.closed'),
      open: t('calendar.states.open'),
      closing: t('calendar.states.closing'),
      opening: t('calendar.states.opening'),
    },
    changed: t('calendar.changedSuffix'),
    day: (iso) => formatDate(iso, pattern),
    cell: (room, day, state) => cell({ room, day, state }),
    month: (m) => monthName.format(new Date(`${m}-01T00:00:00Z`)),
    weekday: (iso) => weekdayName.format(new Date(`${iso}T00:00:00Z`)),
  }
}

export function CalendarPage() {
  const { t, language } = useLanguage()
  const params = useCalendarParams()
  const profiles = useQuery(profileQueries.list())
  const profile = profiles.data?.profiles.find((p) => p.isActive)
  const { from, to } = monthRange(params.month, params.months)
  const query = { hotelId: params.hotel ?? 0, from, to, ...(params.board !== null ? { board: params.board } : {}) }
  const calendar = useQuery({
    ...calendarQueries.grid(query),
    enabled: params.hotel !== null && profile !== undefined,
    // While the next months load, the grid of the same hotel stays (another hotel's never does).
    placeholderData: (previous) => (previous?.hotel.id === params.hotel ? previous : undefined),
  })
  const data = calendar.data
  const hotelName = data?.hotel.name ?? ''
  const words = useMemo(() => gridWords(t, language, hotelName), [t, language, hotelName])
  const [today] = useState(todayIso)
  // The cell whose notices are listed, by room and night: it survives paging while that night is shown.
  const [opened, setOpened] = useState<{ room: number | null; night: string }>()
  const viaRecord = useRecordHotel(params)
  const error = appError(calendar.error ?? profiles.error ?? viaRecord.error)

  if (profiles.data && !profile) {
    return (
      <CalendarFrame hotelName="">
        <p className="state" data-testid="calendar-no-account">
          {t('calendar.noAccount')} <a href="#/settings">{t('app.nav.settings')}</a>
        </p>
      </CalendarFrame>
    )
  }

  const openedCell = data && opened ? cellOf(data, opened) : undefined
  const page = (delta: number) => go({ ...params, month: addMonths(params.month, delta) })
  return (
    <CalendarFrame hotelName={hotelName}>
      <div className="cal-controls">
        {profile && (
          <HotelChooser profileId={profile.id} hrefFor={(hotel) => calendarHref({ ...params, hotel, board: null })} />
        )}
        {params.hotel !== null && (
          <div className="cal-nav" role="group" aria-label={t('calendar.navLabel')}>
            <button type="button" className="secondary" onClick={() => page(-1)} data-testid="calendar-previous">
              {t('calendar.previous')}
            </button>
            <button type="button" className="secondary" onClick={() => page(1)} data-testid="calendar-next">
              {t('calendar.next')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => go({ ...params, month: monthOf(today) })}
              disabled={params.month === monthOf(today)}
              data-testid="calendar-today"
            >
              {t('calendar.today')}
            </button>
            <label className="field inline">
              <span className="label">{t('calendar.monthsShown')}</span>
              <select
                value={params.months}
                onChange={(e) => go({ ...params, months: Number(e.target.value) as MonthsShown })}
                data-testid="calendar-months"
              >
                {[1, 2, 3].map((n) => (
                  <option key={n} value={n}>
                    {t('calendar.months', { count: n })}
                  </option>
                ))}
              </select>
            </label>
            <label className="field inline">
              <span className="label">{t('calendar.board')}</span>
              <select
                value={params.board ?? ''}
                onChange={(e) => go({ ...params, board: e.target.value ? Number(e.target.value) : null })}
                disabled={!data}
                data-testid="calendar-board"
              >
                <option value="">{t('common.allBoards')}</option>
                {data?.boards.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name ? `${b.code} — ${b.name}` : b.code}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
      </div>

      {params.hotel === null && params.stopSale === null && <p className="state">{t('calendar.chooseHotel')}</p>}
      {viaRecord.noHotel && (
        <p className="banner banner-warn" data-testid="calendar-record-no-hotel">
          {t('calendar.recordNoHotel', { id: params.stopSale })}{' '}
          <a href={`#/stop-sale/${params.stopSale}`}>{t('calendar.notices.record', { id: params.stopSale })}</a>
        </p>
      )}
      {error && <ErrorBanner error={error} onRetry={() => void calendar.refetch()} />}
      {params.hotel !== null && !data && !error && (
        <p className="state" aria-busy="true">
          {t('app.loading')}
        </p>
      )}
      {data && (
        <>
          <CalendarFacts data={data} />
          <Legend />
          <div className="cal-scroll" aria-busy={calendar.isPlaceholderData || calendar.isFetching}>
            <CalendarGrid
              data={data}
              words={words}
              today={today}
              opened={openedCell}
              onOpen={(cell) => setOpened({ room: data.rows[cell.r]!.roomTypeId, night: data.nights[cell.c]! })}
              onPage={page}
            />
          </div>
          {openedCell && (
            <NoticeList
              data={data}
              cell={openedCell}
              roomLabel={roomLabel(data, openedCell, words)}
              onClose={() => setOpened(undefined)}
            />
          )}
        </>
      )}
    </CalendarFrame>
  )
}

/**
 * `#/calendar?stopSale=<id>` (a list row whose hotel id the list does not know): the hotel the record
 * resolves to, as its detail says, replaces the record in the hash; none yet is said on the page.
 */
function useRecordHotel(params: CalendarParams) {
  const id = params.hotel === null ? params.stopSale : null
  const detail = useQuery({ ...stopSaleQueries.detail(id ?? 0), enabled: id !== null })
  const resolution = detail.data?.resolution.resolution
  const hotel = resolution?.ok ? resolution.hotelId : (detail.data?.record.hotelId ?? null)
  useEffect(() => {
    if (id !== null && hotel !== null) window.location.replace(calendarHref({ ...params, hotel, stopSale: null }))
  }, [id, hotel, params])
  return {
    noHotel: id !== null && detail.data !== undefined && hotel === null,
    error: id !== null ? detail.error : null,
  }
}

const cellOf = (data: Calendar, at: { room: number | null; night: string }): Cell | undefined => {
  const r = data.rows.findIndex((row) => row.roomTypeId === at.room)
  const c = data.nights.indexOf(at.night)
  return r >= 0 && c >= 0 ? { r, c } : undefined
}

const roomLabel = (data: Calendar, cell: Cell, words: GridWords) => {
  const row = data.rows[cell.r]!
  return row.roomTypeId === null ? words.allRooms : row.code
}

function CalendarFrame({ hotelName, children }: { hotelName: string; children: ReactNode }) {
  const { t } = useLanguage()
  return (
    <section aria-labelledby="calendar-title" className="cal-page" data-testid="calendar-page">
      <header className="page-header">
        <h1 id="calendar-title">{hotelName ? t('calendar.titleOf', { hotel: hotelName }) : t('calendar.title')}</h1>
      </header>
      {children}
    </section>
  )
}

/** How old "closed in Sedna" is, and our waiting records the calendar cannot place (with why). */
function CalendarFacts({ data }: { data: Calendar }) {
  const { t, word } = useWords()
  return (
    <>
      <p className="muted" data-testid="calendar-mirror">
        {data.mirrorPulledAt
          ? t('calendar.mirrorRead', { at: formatDateTime(data.mirrorPulledAt, 'minute') })
          : t('calendar.mirrorNever')}
      </p>
      {data.unplaced.length > 0 && (
        <div className="banner banner-warn" role="alert" data-testid="calendar-unplaced">
          <p>{t('calendar.unplaced', { count: data.unplaced.length })}</p>
          <ul>
            {data.unplaced.map((u) => (
              <li key={u.stopSaleId}>
                <a href={`#/stop-sale/${u.stopSaleId}`}>{t('calendar.notices.record', { id: u.stopSaleId })}</a>:{' '}
                {word(u.reason)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}
