/**
 * Fix in place: pickers that tell the app which Sedna hotel, room type or board a name or code from
 * an e-mail means. Each choice is stored as a mapping of the Sedna account, so the next stop sale
 * with the same name or code resolves by itself.
 */
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { BoardOption, HotelOption, MappingResult, RoomTypeOption } from '../../../shared/mappings'
import type { AppError } from '../../../shared/result'
import type { Unresolved } from '../../../shared/resolution'
import { call, toAppError } from '../api'
import { useLoad } from '../use-call'
import { ErrorBanner } from './SettingsPage'

/** What a picker reports after a mapping was stored: what was remembered, and what it did. */
export interface Mapped {
  /** For staff, e.g. `"Mandarin Resrt Side" is Mandarin Resort (hotel 18)`. */
  what: string
  result: MappingResult
}

interface PickerProps {
  profileId: number
  onMapped: (mapped: Mapped) => void
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
const hotelFacts = (h: HotelOption) =>
  [h.region, h.code ? `code ${h.code}` : null, `id ${h.id}`].filter(Boolean).join(' · ')

/** An unknown hotel name: ranked suggestions first, a search over every cached hotel for the others. */
export function HotelPicker({ profileId, name, onMapped }: PickerProps & { name: string }) {
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
        <span className="muted">{hotelFacts(h)}</span>
        {h.score !== null && (
          <span className={`badge match ${h.exact ? 'status-synced' : ''}`}>
            {h.exact ? 'same name' : `${Math.round(h.score * 100)}% alike`}
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
      `“${name}” is ${chosen.name} (hotel ${chosen.id})`,
      onMapped,
    )
  }

  return (
    <form className="picker" onSubmit={submit} aria-labelledby={`${ids}-title`} data-testid="hotel-picker">
      <h3 id={`${ids}-title`}>
        Which Sedna hotel is “<span className="as-received">{name}</span>”?
      </h3>
      <fieldset className="choices">
        <legend>Closest matches</legend>
        {suggestions.state === 'error' && <ErrorBanner error={suggestions.error} onRetry={reloadSuggestions} />}
        {suggestions.state === 'loading' && !suggestions.data && (
          <p className="muted" aria-busy="true">
            Looking for similar hotels…
          </p>
        )}
        {suggestions.data && suggested.length === 0 && (
          <p className="muted">No hotel in the Sedna account has a similar name. Search for it below.</p>
        )}
        {suggested.length > 0 && (
          <ul className="choice-list" data-testid="hotel-suggestions">
            {suggested.map(option)}
          </ul>
        )}
      </fieldset>
      <fieldset className="choices">
        <legend>Another hotel</legend>
        <label className="field">
          <span className="label">Search all hotels of the Sedna account</span>
          <input
            type="search"
            value={query}
            placeholder="Name, e.g. Çamyuva"
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby={`${ids}-search-status`}
          />
        </label>
        <p id={`${ids}-search-status`} className="muted" role="status">
          {results
            ? results.hotels.length === 0
              ? `No hotel matches “${results.query}”.`
              : others.length === 0
                ? `Every match for “${results.query}” is among the closest matches above.`
                : `${others.length} more ${others.length === 1 ? 'hotel matches' : 'hotels match'} “${results.query}”.`
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
          {busy ? 'Saving…' : chosen ? `Use ${chosen.name}` : 'Use this hotel'}
        </button>
        {chosen && <span className="muted">{hotelFacts(chosen)}</span>}
      </div>
      <p className="hint remember-note">
        Your choice is remembered for this Sedna account: later stop sales from “{name}” go to this hotel without asking
        again.
      </p>
      {error && <ErrorBanner error={error} />}
    </form>
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
          <label className="field">
            <span className="label">{props.selectLabel}</span>
            <select
              value={chosenId}
              onChange={(e) => setChosenId(e.target.value)}
              disabled={!options.data}
              aria-busy={!options.data}
            >
              <option value="">{options.data ? 'Choose…' : 'Loading…'}</option>
              {list.map((o) => (
                <option key={o.id} value={o.id}>
                  {codeOptionText(o)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="picker-submit" disabled={!chosen || busy}>
            {busy ? 'Saving…' : 'Remember this choice'}
          </button>
        </div>
      )}
      {options.data && props.footnote?.(list) && <p className="hint">{props.footnote(list)}</p>}
      <p className="hint remember-note">{props.note}</p>
      {error && <ErrorBanner error={error} />}
    </form>
  )
}

export function RoomPicker({ profileId, code, hotelId, onMapped }: PickerProps & { code: string; hotelId: number }) {
  return (
    <CodePicker<RoomTypeOption>
      title={`Which room type of hotel ${hotelId} is “${code}”?`}
      selectLabel={`Sedna room type for “${code}”`}
      note={`Your choice is remembered for this Sedna account: later stop sales with room code “${code}” at hotel ${hotelId} use this room type without asking again.`}
      testId="room-picker"
      load={() => call('reference.roomTypes', { profileId, hotelId })}
      deps={[profileId, hotelId]}
      empty={`No room types of hotel ${hotelId} are known yet. Refresh the reference data in Settings, then come back.`}
      footnote={(list) =>
        list.some((o) => o.hotelId === 0)
          ? 'The hotel has no room types of its own in Sedna: these are the operator-wide ones.'
          : null
      }
      save={(o) => ({
        run: () => call('mappings.setRoom', { profileId, hotelId, code, roomTypeId: o.id }),
        what: `room code “${code}” at hotel ${hotelId} is ${codeOptionText(o)}`,
      })}
      onMapped={onMapped}
    />
  )
}

export function BoardPicker({ profileId, code, onMapped }: PickerProps & { code: string }) {
  return (
    <CodePicker<BoardOption>
      title={`Which board is “${code}”?`}
      selectLabel={`Sedna board for “${code}”`}
      note={`Your choice is remembered for this Sedna account: later stop sales with board code “${code}” use this board without asking again.`}
      testId="board-picker"
      load={() => call('reference.boards', { profileId })}
      deps={[profileId]}
      empty="No boards are known yet. Refresh the reference data in Settings, then come back."
      save={(o) => ({
        run: () => call('mappings.setBoard', { profileId, code, boardId: o.id }),
        what: `board code “${code}” is ${codeOptionText(o)}`,
      })}
      onMapped={onMapped}
    />
  )
}

/** One thing a person has to fix, with the picker that fixes it (or what to do when no picker can). */
export function FixUnresolved({ item, ...props }: PickerProps & { item: Unresolved }) {
  switch (item.kind) {
    case 'hotel':
      return <HotelPicker {...props} name={item.name} />
    case 'room':
      return <RoomPicker {...props} code={item.code} hotelId={item.hotelId} />
    case 'board':
      return <BoardPicker {...props} code={item.code} />
    case 'hotel-rooms-unknown':
      return (
        <div className="picker">
          <h3>No room types are known for hotel {item.hotelId}</h3>
          <p>
            The e-mail names no rooms, so every room type of the hotel is to be stopped, but none is known yet.{' '}
            <a href="#/settings">Refresh the reference data in Settings</a>, then press Sync again.
          </p>
        </div>
      )
    case 'boards-unknown':
      return (
        <div className="picker">
          <h3>No boards are known</h3>
          <p>
            The e-mail names no boards, so every board is to be stopped, but none is known yet.{' '}
            <a href="#/settings">Refresh the reference data in Settings</a>, then press Sync again.
          </p>
        </div>
      )
  }
}
