/**
 * Fix in place: pickers that tell the app which Sedna hotel, room type, board or (for reservations'
 * guests) country a name or code from an e-mail means. Each choice is stored as a mapping of the Sedna
 * account, so the next stop sale or reservation with the same name or code resolves by itself.
 */
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { BoardOption, HotelOption, MappingResult, RoomTypeOption } from '../../../shared/mappings'
import type { CountryOption, ReservationUnresolved } from '../../../shared/reservations'
import type { AppError } from '../../../shared/result'
import type { Unresolved } from '../../../shared/resolution'
import { call, toAppError } from '../api'
import { useLanguage, type TFunction } from '../i18n'
import { useLoad } from '../use-call'
import { useDebounced } from '../use-debounced'
import { ErrorBanner } from './ErrorBanner'

/** What a picker reports after a mapping was stored: what was remembered, and what it did. */
export interface Mapped {
  /** For staff, e.g. `"Mandarin Resrt Side" is Mandarin Resort (hotel 18)`. */
  what: string
  result: MappingResult
}

interface PickerProps {
  profileId: number
  onMapped: (mapped: Mapped) => void
  /** Whose screen it is on, for the note on what is remembered (the mapping serves both). */
  subject?: 'stopSales' | 'reservations'
}

/** A stored mapping with a busy flag and an error, shared by the three pickers. */
function useSave() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError>()
  async function save(run: () => Promise<MappingResult>, what: string, onMapped: (m: Mapped) => void) {
    setBusy(true)
    setError(undefined)
    try {
      const result = await run()
      onMapped({ what, result })
    } catch (err) {
      setError(toAppError(err))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, save }
}

/** Region, code and id: what tells two similar names apart. */
const hotelFacts = (h: HotelOption, t: TFunction) =>
  [h.region, h.code ? t('mapping.code', { code: h.code }) : null, t('mapping.id', { id: h.id })]
    .filter(Boolean)
    .join(' · ')

/** An unknown hotel name: ranked suggestions first, a search over every cached hotel for the others. */
export function HotelPicker({ profileId, name, onMapped, subject }: PickerProps & { name: string }) {
  const { t } = useLanguage()
  const ids = useId()
  const [suggestions, reloadSuggestions] = useLoad(
    () => call('reference.hotels', { profileId, query: name, limit: 5 }),
    [profileId, name],
  )
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<{ query: string; hotels: HotelOption[] }>()
  const [searchError, setSearchError] = useState<AppError>()
  const [chosen, setChosen] = useState<HotelOption>()
  const { busy, error, save } = useSave()

  // Search as staff type, a moment after the last key (each answer is for the query it was asked with).
  useEffect(() => {
    const q = query.trim()
    if (!q) {
      setResults(undefined)
      setSearchError(undefined)
      return
    }
    let current = true
    const timer = setTimeout(() => {
      call('reference.hotels', { profileId, query: q, limit: 20 }).then(
        (hotels) => {
          if (!current) return
          setResults({ query: q, hotels })
          setSearchError(undefined)
        },
        (err: unknown) => current && setSearchError(toAppError(err)),
      )
    }, 200)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [profileId, query])

  const suggested = suggestions.data ?? []
  const suggestedIds = new Set(suggested.map((h) => h.id))
  const others = (results?.hotels ?? []).filter((h) => !suggestedIds.has(h.id))

  const option = (h: HotelOption) => (
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
  )

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!chosen) return
    void save(
      () => call('mappings.setHotel', { profileId, hotelName: name, hotelId: chosen.id }),
      t('mapping.hotelWhat', { name, hotel: chosen.name, id: chosen.id }),
      onMapped,
    )
  }

  return (
    <form className="picker" onSubmit={submit} aria-labelledby={`${ids}-title`} data-testid="hotel-picker">
      <h3 id={`${ids}-title`}>
        {t('mapping.whichHotel')}
        <span className="as-received">{name}</span>
        {t('mapping.whichHotelEnd')}
      </h3>
      <fieldset className="choices">
        <legend>{t('mapping.closest')}</legend>
        {suggestions.state === 'error' && <ErrorBanner error={suggestions.error} onRetry={reloadSuggestions} />}
        {suggestions.state === 'loading' && !suggestions.data && (
          <p className="muted" aria-busy="true">
            {t('mapping.lookingSimilar')}
          </p>
        )}
        {suggestions.data && suggested.length === 0 && <p className="muted">{t('mapping.noSimilar')}</p>}
        {suggested.length > 0 && (
          <ul className="choice-list" data-testid="hotel-suggestions">
            {suggested.map(option)}
          </ul>
        )}
      </fieldset>
      <fieldset className="choices">
        <legend>{t('mapping.another')}</legend>
        <label className="field">
          <span className="label">{t('mapping.searchAll')}</span>
          <input
            type="search"
            value={query}
            placeholder={t('mapping.searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby={`${ids}-search-status`}
          />
        </label>
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
        {others.length > 0 && (
          <ul className="choice-list" data-testid="hotel-search-results">
            {others.map(option)}
          </ul>
        )}
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
      <p className="hint remember-note">
        {subject === 'reservations' ? t('reservations.mapping.hotelNote', { name }) : t('mapping.hotelNote', { name })}
      </p>
      {error && <ErrorBanner error={error} />}
    </form>
  )
}

/** Nothing to choose from yet: the reference data must be refreshed first (in Settings). */
function RefreshReferenceNote({ title, text }: { title: string; text: string }) {
  const { t } = useLanguage()
  return (
    <div className="picker">
      <h3>{title}</h3>
      <p>
        {text} <a href="#/settings">{t('mapping.refreshLink')}</a>
        {t('mapping.thenSync')}
      </p>
    </div>
  )
}

/** The list to choose from and "Remember" (enabled once something is chosen). */
function ChooseAndRemember<O extends { id: number }>(props: {
  label: string
  placeholder: string
  loaded: boolean
  options: readonly O[]
  optionText: (o: O) => string
  chosenId: string
  onChoose: (id: string) => void
  canSubmit: boolean
  busy: boolean
}) {
  const { t } = useLanguage()
  return (
    <>
      <label className="field">
        <span className="label">{props.label}</span>
        <select
          value={props.chosenId}
          onChange={(e) => props.onChoose(e.target.value)}
          disabled={!props.loaded}
          aria-busy={!props.loaded}
        >
          <option value="">{props.placeholder}</option>
          {props.options.map((o) => (
            <option key={o.id} value={o.id}>
              {props.optionText(o)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="picker-submit" disabled={!props.canSubmit || props.busy}>
        {props.busy ? t('common.saving') : t('mapping.remember')}
      </button>
    </>
  )
}

const codeOptionText = (o: { id: number; code: string; name: string | null }) =>
  `${o.code}${o.name ? ` — ${o.name}` : ''} (id ${o.id})`

/** A code picker: one select over a cached list, then "Remember". */
function CodePicker<T extends { id: number; code: string; name: string | null }>(props: {
  title: string
  selectLabel: string
  note: string
  testId: string
  load: () => Promise<T[]>
  deps: readonly unknown[]
  empty: string
  footnote?: (options: T[]) => string | null
  save: (option: T) => { run: () => Promise<MappingResult>; what: string }
  onMapped: (mapped: Mapped) => void
}) {
  const { t } = useLanguage()
  const ids = useId()
  const [options, reload] = useLoad(props.load, props.deps)
  const [chosenId, setChosenId] = useState('')
  const { busy, error, save } = useSave()
  const list = options.data ?? []
  const chosen = list.find((o) => String(o.id) === chosenId)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!chosen) return
    const { run, what } = props.save(chosen)
    void save(run, what, props.onMapped)
  }

  return (
    <form className="picker" onSubmit={submit} aria-labelledby={`${ids}-title`} data-testid={props.testId}>
      <h3 id={`${ids}-title`}>{props.title}</h3>
      {options.state === 'error' && <ErrorBanner error={options.error} onRetry={reload} />}
      {options.data && list.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <div className="row-inline">
          <ChooseAndRemember
            label={props.selectLabel}
            placeholder={options.data ? t('mapping.choose') : t('mapping.loading')}
            loaded={Boolean(options.data)}
            options={list}
            optionText={codeOptionText}
            chosenId={chosenId}
            onChoose={setChosenId}
            canSubmit={Boolean(chosen)}
            busy={busy}
          />
        </div>
      )}
      {options.data && props.footnote?.(list) && <p className="hint">{props.footnote(list)}</p>}
      <p className="hint remember-note">{props.note}</p>
      {error && <ErrorBanner error={error} />}
    </form>
  )
}

export function RoomPicker({
  profileId,
  code,
  hotelId,
  onMapped,
  subject,
}: PickerProps & { code: string; hotelId: number }) {
  const { t } = useLanguage()
  return (
    <CodePicker<RoomTypeOption>
      title={t('mapping.roomTitle', { hotelId, code })}
      selectLabel={t('mapping.roomSelect', { code })}
      note={
        subject === 'reservations'
          ? t('reservations.mapping.roomNote', { code, hotelId })
          : t('mapping.roomNote', { code, hotelId })
      }
      testId="room-picker"
      load={() => call('reference.roomTypes', { profileId, hotelId })}
      deps={[profileId, hotelId]}
      empty={t('mapping.roomEmpty', { hotelId })}
      footnote={(list) => (list.some((o) => o.hotelId === 0) ? t('mapping.roomOperatorWide') : null)}
      save={(o) => ({
        run: () => call('mappings.setRoom', { profileId, hotelId, code, roomTypeId: o.id }),
        what: t('mapping.roomWhat', { code, hotelId, option: codeOptionText(o) }),
      })}
      onMapped={onMapped}
    />
  )
}

export function BoardPicker({ profileId, code, onMapped, subject }: PickerProps & { code: string }) {
  const { t } = useLanguage()
  return (
    <CodePicker<BoardOption>
      title={t('mapping.boardTitle', { code })}
      selectLabel={t('mapping.boardSelect', { code })}
      note={
        subject === 'reservations' ? t('reservations.mapping.boardNote', { code }) : t('mapping.boardNote', { code })
      }
      testId="board-picker"
      load={() => call('reference.boards', { profileId })}
      deps={[profileId]}
      empty={t('mapping.boardEmpty')}
      save={(o) => ({
        run: () => call('mappings.setBoard', { profileId, code, boardId: o.id }),
        what: t('mapping.boardWhat', { code, option: codeOptionText(o) }),
      })}
      onMapped={onMapped}
    />
  )
}

/** One thing a person has to fix, with the picker that fixes it (or what to do when no picker can). */
export function FixUnresolved({ item, ...props }: PickerProps & { item: Unresolved }) {
  const { t } = useLanguage()
  switch (item.kind) {
    case 'hotel':
      return <HotelPicker {...props} name={item.name} />
    case 'room':
      return <RoomPicker {...props} code={item.code} hotelId={item.hotelId} />
    case 'board':
      return <BoardPicker {...props} code={item.code} />
    case 'hotel-rooms-unknown':
      return (
        <RefreshReferenceNote
          title={t('mapping.noRoomTypesTitle', { hotelId: item.hotelId })}
          text={t('mapping.noRoomTypesText')}
        />
      )
    case 'boards-unknown':
      return <RefreshReferenceNote title={t('mapping.noBoardsTitle')} text={t('mapping.noBoardsText')} />
  }
}

const countryText = (c: CountryOption) => `${c.name}${c.code ? ` (${c.code})` : ''} — id ${c.id}`

/**
 * A guest nationality as vouchers write it ("Ukrayna", "UA", "Ukraine") that matches no country of
 * Sedna's list: the countries matching what staff type (at first, the value itself), one to choose.
 */
export function NationalityPicker({ profileId, value, onMapped }: PickerProps & { value: string }) {
  const { t } = useLanguage()
  const ids = useId()
  const [query, setQuery] = useState('')
  const settled = useDebounced(query.trim(), 200)
  const [options, reload] = useLoad(
    () =>
      call('reference.countries', {
        profileId,
        ...(settled ? { query: settled } : {}),
        limit: settled ? 50 : 300,
      }),
    [profileId, settled],
  )
  const [chosenId, setChosenId] = useState('')
  const { busy, error, save } = useSave()
  const list = options.data ?? []
  const chosen = list.find((o) => String(o.id) === chosenId)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!chosen) return
    void save(
      () => call('mappings.setNationality', { profileId, nationality: value, countryId: chosen.id }),
      t('reservations.mapping.nationalityWhat', { value, country: countryText(chosen) }),
      onMapped,
    )
  }

  return (
    <form className="picker" onSubmit={submit} aria-labelledby={`${ids}-title`} data-testid="nationality-picker">
      <h3 id={`${ids}-title`}>{t('reservations.mapping.nationalityTitle', { value })}</h3>
      {options.state === 'error' && <ErrorBanner error={options.error} onRetry={reload} />}
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

/** One thing a reservation waits for, with the picker that fixes it (or what to do when none can). */
export function FixReservationUnresolved({ item, ...props }: PickerProps & { item: ReservationUnresolved }) {
  const { t } = useLanguage()
  switch (item.kind) {
    case 'hotel':
      return <HotelPicker {...props} subject="reservations" name={item.name} />
    case 'room':
      return <RoomPicker {...props} subject="reservations" code={item.code} hotelId={item.hotelId} />
    case 'board':
      return <BoardPicker {...props} subject="reservations" code={item.code} />
    case 'nationality':
      return <NationalityPicker {...props} value={item.value} />
    case 'countries-unknown':
      return (
        <RefreshReferenceNote
          title={t('reservations.mapping.noCountriesTitle')}
          text={t('reservations.mapping.noCountriesText')}
        />
      )
  }
}
