/**
 * A guest nationality as vouchers write it ("Ukrayna", "UA", "Ukraine") that matches no country of
 * Sedna's list: the countries matching what staff type (at first, all of them), one to choose.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import type { CountryOption } from '../../../../shared/reservations'
import { call } from '../../api'
import { appError } from '../../data/client'
import { referenceQueries } from '../../data/profiles'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useDebounced } from '../../ui/hooks'
import { ChooseAndRemember } from './CodePickers'
import { mappingFor, useMapping, type FixScope, type Mapped } from './use-mapping'

const countryText = (c: CountryOption) => `${c.name}${c.code ? ` (${c.code})` : ''} — id ${c.id}`

export function NationalityPicker({
  scope,
  value,
  onMapped,
}: {
  scope: FixScope
  value: string
  onMapped: (m: Mapped) => void
}) {
  const { t } = useLanguage()
  const ids = useId()
  const [query, setQuery] = useState('')
  const settled = useDebounced(query.trim(), 200)
  const options = useQuery({
    ...referenceQueries.countries(scope.profileId, settled),
    placeholderData: keepPreviousData,
  })
  const [chosenId, setChosenId] = useState('')
  const { busy, error, save } = useMapping(onMapped)
  const loadError = appError(options.error)
  const list = options.data ?? []
  const chosen = list.find((o) => String(o.id) === chosenId)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!chosen) return
    save(
      () => call('mappings.setNationality', { ...mappingFor(scope), nationality: value, countryId: chosen.id }),
      t('reservations.mapping.nationalityWhat', { value, country: countryText(chosen) }),
    )
  }

  return (
    <form className="picker" onSubmit={submit} aria-labelledby={`${ids}-title`} data-testid="nationality-picker">
      <h3 id={`${ids}-title`}>{t('reservations.mapping.nationalityTitle', { value })}</h3>
      {loadError && <ErrorBanner error={loadError} onRetry={() => void options.refetch()} />}
      <div className="row-inline">
        <label className="field">
          <span className="label">{t('reservations.mapping.nationalitySearch')}</span>
          <input
            type="search"
            value={query}
            placeholder={t('reservations.mapping.nationalityPlaceholder')}
            onChange={(e) => {
              setQuery(e.target.value)
              setChosenId('')
            }}
          />
        </label>
        <ChooseAndRemember
          label={t('reservations.mapping.nationalitySelect', { value })}
          placeholder={
            !options.data
              ? t('mapping.loading')
              : list.length === 0
                ? t('reservations.mapping.nationalityNone')
                : t('mapping.choose')
          }
          loaded={Boolean(options.data)}
          options={list}
          optionText={countryText}
          chosenId={chosenId}
          onChoose={setChosenId}
          canSubmit={Boolean(chosen)}
          busy={busy}
        />
      </div>
      <p className="hint remember-note">{t('reservations.mapping.nationalityNote', { value })}</p>
      {error && <ErrorBanner error={error} />}
    </form>
  )
}
