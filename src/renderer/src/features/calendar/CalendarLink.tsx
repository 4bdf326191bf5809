/**
 * "Calendar" beside a record: its hotel's calendar from the month of its first night. A list row knows
 * the hotel id only when the file gave it: otherwise it links by the record (`stopSaleId`), and the
 * calendar finds the hotel the record resolves to. The detail knows its resolution: a record whose
 * hotel is not known in Sedna yet is shown greyed there, with why. No hook inside: a list row passes
 * the words it looked up once.
 */
import type { TFunction } from '../../i18n'
import { calendarHref, monthOf } from './params'

export interface CalendarLinkWords {
  text: string
  title: (month: string) => string
  noHotel: string
}

export function calendarLinkWords(t: TFunction): CalendarLinkWords {
  // Looked up once with a placeholder, filled per row: a list page words every visible row's link.
  const [before, after = ''] = t('calendar.link.title', { month: '\u0000' }).split('\u0000')
  return {
    text: t('calendar.link.text'),
    title: (month) => `${before}${month}${after}`,
    noHotel: t('calendar.link.noHotel'),
  }
}

export function CalendarLink({
  hotelId,
  firstNight,
  stopSaleId,
  words,
  tabIndex,
  className,
  showDisabled,
}: {
  hotelId: number | null
  firstNight: string
  /** Without a hotel id: link by the record, the calendar finds its hotel. */
  stopSaleId?: number | undefined
  words: CalendarLinkWords
  tabIndex?: number | undefined
  className: string
  /** Without a hotel: shown greyed with why (true), or not at all. */
  showDisabled?: boolean
}) {
  if (hotelId === null && stopSaleId === undefined) {
    return showDisabled ? (
      <span className={`${className} disabled`} aria-disabled="true" title={words.noHotel} data-testid="calendar-link">
        {words.text}
      </span>
    ) : null
  }
  const month = monthOf(firstNight)
  return (
    <a
      className={className}
      href={calendarHref({ hotel: hotelId, stopSale: stopSaleId ?? null, month })}
      title={words.title(`${month.slice(5)}.${month.slice(0, 4)}`)}
      tabIndex={tabIndex}
      data-testid="calendar-link"
    >
      {words.text}
    </a>
  )
}
