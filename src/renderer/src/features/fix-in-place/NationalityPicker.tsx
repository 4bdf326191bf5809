/**
 * A guest nationality as vouchers write it ("Ukrayna", "UA", "Ukraine") that matches no country of
 * Sedna's list: the countries matching what staff type (at first, all of them), one to choose.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { CountryOption } from '../../../../shared/reservations'
import { call } from '../../api'
import { appError } from '../../data/client'
import { referenceQueries } from '../../data/profiles'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { ChooseAndRemember, PickerForm, SearchField, useChoice, useTypedSearch, type PickerProps } from './PickerParts'
import { mappingFor, useMapping } from './use-mapping'

const countryText = (c: CountryOption) => `${c.name}${c.code ? ` (${c.code})` : ''} — id ${c.id}`

export function NationalityPicker({ scope, value, onMapped }: PickerProps & { value: string }) {
  const { t } = useLanguage()
  const { query, setQuery, settled } = useTypedSearch()
  const options = useQuery({
    ...referenceQueries.countries(scope.profileId, settled),
    placeholderData: keepPreviousData,
  })
  const choice = useChoice(options.data)
  const { chosen } = choice
  const { busy, error, save } = useMapping(onMapped)
  const loadError = appError(options.error)

  return (
    <PickerForm
      testId="nationality-picker"
      title={t('reservations.mapping.nationalityTitle', { value })}
      note={t('reservations.mapping.nationalityNote', { value })}
      error={error}
      onSubmit={() =>
        chosen &&
        save({
          run: () =>
            call('mappings.setNationality', { ...mappingFor(scope), nationality: value, countryId: chosen.id }),
          what: t('reservations.mapping.nationalityWhat', { value, country: countryText(chosen) }),
        })
      }
    >
      {loadError && <ErrorBanner error={loadError} onRetry={() => void options.refetch()} />}
      <div className="row-inline">
        <SearchField
          label={t('reservations.mapping.nationalitySearch')}
          placeholder={t('reservations.mapping.nationalityPlaceholder')}
          value={query}
          onChange={(typed) => {
            setQuery(typed)
            choice.setChosenId('')
          }}
        />
        <ChooseAndRemember
          label={t('reservations.mapping.nationalitySelect', { value })}
          placeholder={
            !options.data
              ? t('mapping.loading')
              : options.data.length === 0
                ? t('reservations.mapping.nationalityNone')
                : t('mapping.choose')
          }
          options={options.data}
          optionText={countryText}
          choice={choice}
          busy={busy}
        />
      </div>
    </PickerForm>
  )
}
