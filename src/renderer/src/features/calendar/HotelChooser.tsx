/**
 * Which hotel's calendar: a search over the account's cached hotels as staff type (main ranks them,
 * Turkish-aware: "istanbul" finds "İstanbul"), each result a link to its calendar. The search box and
 * the wording of a hotel are the fix-in-place pickers' own.
 */
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { appError } from '../../data/client'
import { referenceQueries } from '../../data/profiles'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { hotelFacts } from '../fix-in-place/HotelPicker'
import { SearchField, useTypedSearch } from '../fix-in-place/PickerParts'

export function HotelChooser({ profileId, hrefFor }: { profileId: number; hrefFor: (hotelId: number) => string }) {
  const { t } = useLanguage()
  const id = useId()
  const { query, setQuery, settled } = useTypedSearch()
  const search = useQuery({ ...referenceQueries.hotels(profileId, settled, 20), enabled: settled !== '' })
  const error = appError(search.error)
  const hotels = settled && search.data ? search.data : undefined
  return (
    <div className="cal-hotel-chooser" data-testid="calendar-hotel-chooser">
      <SearchField
        label={t('calendar.findHotel')}
        placeholder={t('calendar.findHotelPlaceholder')}
        value={query}
        onChange={setQuery}
        describedBy={`${id}-status`}
      />
      <p id={`${id}-status`} className="muted" role="status">
        {hotels ? (hotels.length === 0 ? t('calendar.noHotel', { query: settled }) : '') : ''}
      </p>
      {error && <ErrorBanner error={error} onRetry={() => void search.refetch()} />}
      {hotels && hotels.length > 0 && (
        <ul className="cal-hotel-results" data-testid="calendar-hotel-results">
          {hotels.map((h) => (
            <li key={h.id}>
              <a href={hrefFor(h.id)} onClick={() => setQuery('')}>
                {h.name}
              </a>{' '}
              <span className="muted">{hotelFacts(h, t)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
