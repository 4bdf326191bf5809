/** A room code or board code from an e-mail that Sedna does not know: one list to choose from, then Remember. */
import { useQuery, type UseQueryResult } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import type { BoardOption, MappingResult, RoomTypeOption } from '../../../../shared/mappings'
import { call } from '../../api'
import { appError } from '../../data/client'
import { referenceQueries } from '../../data/profiles'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { mappingFor, useMapping, type FixScope, type Mapped } from './use-mapping'

/** The list to choose from and "Remember" (enabled once something is chosen). */
export function ChooseAndRemember<O extends { id: number }>(props: {
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

type CodeOption = { id: number; code: string; name: string | null }

/** A code picker: one select over a cached list, then "Remember". */
function CodePicker<T extends CodeOption>(props: {
  title: string
  selectLabel: string
  note: string
  testId: string
  /** The cached list to choose from. */
  options: UseQueryResult<T[]>
  empty: string
  footnote?: (options: T[]) => string | null
  save: (option: T) => { run: () => Promise<MappingResult>; what: string }
  onMapped: (mapped: Mapped) => void
}) {
  const { t } = useLanguage()
  const ids = useId()
  const { options } = props
  const [chosenId, setChosenId] = useState('')
  const { busy, error, save } = useMapping(props.onMapped)
  const loadError = appError(options.error)
  const list = options.data ?? []
  const chosen = list.find((o) => String(o.id) === chosenId)
  const footnote = options.data && props.footnote?.(list)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!chosen) return
    const { run, what } = props.save(chosen)
    save(run, what)
  }

  return (
    <form className="picker" onSubmit={submit} aria-labelledby={`${ids}-title`} data-testid={props.testId}>
      <h3 id={`${ids}-title`}>{props.title}</h3>
      {loadError && <ErrorBanner error={loadError} onRetry={() => void options.refetch()} />}
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
      {footnote && <p className="hint">{footnote}</p>}
      <p className="hint remember-note">{props.note}</p>
      {error && <ErrorBanner error={error} />}
    </form>
  )
}

interface PickerProps {
  scope: FixScope
  onMapped: (mapped: Mapped) => void
}

export function RoomPicker({ scope, code, hotelId, onMapped }: PickerProps & { code: string; hotelId: number }) {
  const { t } = useLanguage()
  const options = useQuery(referenceQueries.roomTypes(scope.profileId, hotelId))
  return (
    <CodePicker<RoomTypeOption>
      title={t('mapping.roomTitle', { hotelId, code })}
      selectLabel={t('mapping.roomSelect', { code })}
      note={
        scope.kind === 'reservation'
          ? t('reservations.mapping.roomNote', { code, hotelId })
          : t('mapping.roomNote', { code, hotelId })
      }
      testId="room-picker"
      options={options}
      empty={t('mapping.roomEmpty', { hotelId })}
      footnote={(list) => (list.some((o) => o.hotelId === 0) ? t('mapping.roomOperatorWide') : null)}
      save={(o) => ({
        run: () => call('mappings.setRoom', { ...mappingFor(scope), code, roomTypeId: o.id }),
        what: t('mapping.roomWhat', { code, hotelId, option: codeOptionText(o) }),
      })}
      onMapped={onMapped}
    />
  )
}

export function BoardPicker({ scope, code, onMapped }: PickerProps & { code: string }) {
  const { t } = useLanguage()
  const options = useQuery(referenceQueries.boards(scope.profileId))
  return (
    <CodePicker<BoardOption>
      title={t('mapping.boardTitle', { code })}
      selectLabel={t('mapping.boardSelect', { code })}
      note={
        scope.kind === 'reservation' ? t('reservations.mapping.boardNote', { code }) : t('mapping.boardNote', { code })
      }
      testId="board-picker"
      options={options}
      empty={t('mapping.boardEmpty')}
      save={(o) => ({
        run: () => call('mappings.setBoard', { ...mappingFor(scope), code, boardId: o.id }),
        what: t('mapping.boardWhat', { code, option: codeOptionText(o) }),
      })}
      onMapped={onMapped}
    />
  )
}

/** Nothing to choose from yet: the reference data must be refreshed first (in Settings). */
export function RefreshReferenceNote({ title, text }: { title: string; text: string }) {
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
