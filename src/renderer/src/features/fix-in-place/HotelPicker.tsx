/** An unknown hotel name: ranked suggestions first, a search over every cached hotel for the others. */
import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import type { HotelOption } from '../../../../shared/mappings'
import { call } from '../../api'
import { appError } from '../../data/client'
import { referenceQueries } from '../../data/profiles'
import { useLanguage, type TFunction } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { PickerForm, SearchField, useTypedSearch, type PickerProps } from './PickerParts'
import { mappingFor, useMapping } from './use-mapping'

/** Region, code and id: what tells two similar names apart. */
export const hotelFacts = (h: HotelOption, t: TFunction) =>
  [h.region, h.code ? t('mapping.code', { code: h.code }) : null, t('mapping.id', { id: h.id })]
    .filter(Boolean)
    .join(' · ')

export function HotelPicker({ scope, name, onMapped }: PickerProps & { name: string }) {
  const { t } = useLanguage()
  const ids = useId()
  const suggestions = useQuery(referenceQueries.hotels(scope.profileId, name, 5))
  // Search as staff type, a moment after the last key.
  const { query, setQuery, settled } = useTypedSearch()
  const search = useQuery({ ...referenceQueries.hotels(scope.profileId, settled, 20), enabled: settled !== '' })
  const [chosen, setChosen] = useState<HotelOption>()
  const { busy, error, save } = useMapping(onMapped)
  const suggestionsError = appError(suggestions.error)
  const searchError = appError(search.error)

  const suggested = suggestions.data ?? []
  const suggestedIds = new Set(suggested.map((h) => h.id))
  const results = settled && search.data ? { query: settled, hotels: search.data } : undefined
  const others = (results?.hotels ?? []).filter((h) => !suggestedIds.has(h.id))

  /** Hotels to choose from, one radio button each, with what tells similar names apart. */
  const choices = (testId: string, hotels: HotelOption[]) =>
    hotels.length > 0 && (
      <ul className="choice-list" data-testid={testId}>
        {hotels.map((h) => (
          <li key={h.id}>
            <label className="choice">
              <input
                type="radio"
                name={`${ids}-hotel`}
                value={h.id}
                checked={chosen?.id === h.id}
                onChange={() => setChosen(h)}
              />
              <span className="choice-name">{h.name}</span>
              <span className="muted">{hotelFacts(h, t)}</span>
              {h.score !== null && (
                <span className={`badge match ${h.exact ? 'status-synced' : ''}`}>
                  {h.exact ? t('mapping.sameName') : t('mapping.alike', { pct: Math.round(h.score * 100) })}
                </span>
              )}
            </label>
          </li>
        ))}
      </ul>
    )

  return (
    <PickerForm
      testId="hotel-picker"
      title={
        <>
          {t('mapping.whichHotel')}
          <span className="as-received">{name}</span>
          {t('mapping.whichHotelEnd')}
        </>
      }
      note={
        scope.kind === 'reservation' ? t('reservations.mapping.hotelNote', { name }) : t('mapping.hotelNote', { name })
      }
      error={error}
      onSubmit={() =>
        chosen &&
        save({
          run: () => call('mappings.setHotel', { ...mappingFor(scope), hotelId: chosen.id }),
          what: t('mapping.hotelWhat', { name, hotel: chosen.name, id: chosen.id }),
        })
      }
    >
      <fieldset className="choices">
        <legend>{t('mapping.closest')}</legend>
        {suggestionsError && <ErrorBanner error={suggestionsError} onRetry={() => void suggestions.refetch()} />}
        {suggestions.isPending && (
          <p className="muted" aria-busy="true">
            {t('mapping.lookingSimilar')}
          </p>
        )}
        {suggestions.data && suggested.length === 0 && <p className="muted">{t('mapping.noSimilar')}</p>}
        {choices('hotel-suggestions', suggested)}
      </fieldset>
      <fieldset className="choices">
        <legend>{t('mapping.another')}</legend>
        <SearchField
          label={t('mapping.searchAll')}
          placeholder={t('mapping.searchPlaceholder')}
          value={query}
          onChange={setQuery}
          describedBy={`${ids}-search-status`}
        />
        <p id={`${ids}-search-status`} className="muted" role="status">
          {results
            ? results.hotels.length === 0
              ? t('mapping.noMatch', { query: results.query })
              : others.length === 0
                ? t('mapping.allAbove', { query: results.query })
                : t('mapping.moreMatch', { count: others.length, query: results.query })
            : ''}
        </p>
        {searchError && <ErrorBanner error={searchError} />}
        {choices('hotel-search-results', others)}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={!chosen || busy}>
          {busy
            ? t('common.saving')
            : chosen
              ? t('mapping.useHotel', { name: chosen.name })
              : t('mapping.useThisHotel')}
        </button>
        {chosen && <span className="muted">{hotelFacts(chosen, t)}</span>}
      </div>
    </PickerForm>
  )
}
