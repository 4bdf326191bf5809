/** A room code or board code from an e-mail that Sedna does not know: one list to choose from, then Remember. */
import { useQuery, type UseQueryResult } from '@tanstack/react-query'
import type { BoardOption, RoomTypeOption } from '../../../../shared/mappings'
import { call } from '../../api'
import { appError } from '../../data/client'
import { referenceQueries } from '../../data/profiles'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { ChooseAndRemember, PickerForm, useChoice, type PickerProps } from './PickerParts'
import { mappingFor, useMapping, type Mapped, type MappingToSave } from './use-mapping'

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
  save: (option: T) => MappingToSave
  onMapped: (mapped: Mapped) => void
}) {
  const { t } = useLanguage()
  const { options } = props
  const choice = useChoice(options.data)
  const { chosen } = choice
  const { busy, error, save } = useMapping(props.onMapped)
  const loadError = appError(options.error)
  const footnote = options.data && props.footnote?.(options.data)

  return (
    <PickerForm
      testId={props.testId}
      title={props.title}
      note={props.note}
      error={error}
      onSubmit={() => chosen && save(props.save(chosen))}
    >
      {loadError && <ErrorBanner error={loadError} onRetry={() => void options.refetch()} />}
      {options.data?.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <div className="row-inline">
          <ChooseAndRemember
            label={props.selectLabel}
            placeholder={options.data ? t('mapping.choose') : t('mapping.loading')}
            options={options.data}
            optionText={codeOptionText}
            choice={choice}
            busy={busy}
          />
        </div>
      )}
      {footnote && <p className="hint">{footnote}</p>}
    </PickerForm>
  )
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
