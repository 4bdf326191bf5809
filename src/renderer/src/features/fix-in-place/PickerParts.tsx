/**
 * What the fix-in-place pickers are made of: the form (its heading, the note on what Remember does,
 * a failed save), a search box that asks as staff type, and a list to choose from with Remember.
 */
import { useId, useState, type ReactNode } from 'react'
import type { AppError } from '../../../../shared/result'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useDebounced } from '../../ui/hooks'
import type { FixScope, Mapped } from './use-mapping'

/** A picker: its heading, what it offers (`children`), what Remember will do, and a failed save. */
export function PickerForm({
  testId,
  title,
  note,
  error,
  onSubmit,
  children,
}: {
  testId: string
  title: ReactNode
  note: string
  error: AppError | undefined
  /** Remember the choice (when there is one). */
  onSubmit: () => void
  children: ReactNode
}) {
  const titleId = `${useId()}-title`
  return (
    <form
      className="picker"
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit()
      }}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <h3 id={titleId}>{title}</h3>
      {children}
      <p className="hint remember-note">{note}</p>
      {error && <ErrorBanner error={error} />}
    </form>
  )
}

/** What staff type in a picker's search box, and the same settled for a moment after the last key (what is asked). */
export function useTypedSearch() {
  const [query, setQuery] = useState('')
  const settled = useDebounced(query.trim(), 200)
  return { query, setQuery, settled }
}

/** A picker's search box. */
export function SearchField({
  label,
  placeholder,
  value,
  onChange,
  describedBy,
}: {
  label: string
  placeholder: string
  value: string
  onChange: (value: string) => void
  /** The id of what says how the search went. */
  describedBy?: string
}) {
  return (
    <label className="field">
      <span className="label">{label}</span>
      <input
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
      />
    </label>
  )
}

/** What every picker is given: the record and account it fixes, and whom to tell once it stored a mapping. */
export interface PickerProps {
  scope: FixScope
  onMapped: (mapped: Mapped) => void
}

/** The option chosen in a picker's list (the select holds its id as text); none until one is. */
export function useChoice<O extends { id: number }>(options: readonly O[] | undefined) {
  const [chosenId, setChosenId] = useState('')
  return { chosenId, setChosenId, chosen: options?.find((o) => String(o.id) === chosenId) }
}

/** The list to choose from (disabled until it is loaded) and "Remember" (enabled once something is chosen). */
export function ChooseAndRemember<O extends { id: number }>(props: {
  label: string
  placeholder: string
  /** Undefined while loading. */
  options: readonly O[] | undefined
  optionText: (o: O) => string
  choice: ReturnType<typeof useChoice<O>>
  busy: boolean
}) {
  const { t } = useLanguage()
  const { choice } = props
  const loaded = props.options !== undefined
  return (
    <>
      <label className="field">
        <span className="label">{props.label}</span>
        <select
          value={choice.chosenId}
          onChange={(e) => choice.setChosenId(e.target.value)}
          disabled={!loaded}
          aria-busy={!loaded}
        >
          <option value="">{props.placeholder}</option>
          {props.options?.map((o) => (
            <option key={o.id} value={o.id}>
              {props.optionText(o)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="picker-submit" disabled={!choice.chosen || props.busy}>
        {props.busy ? t('common.saving') : t('mapping.remember')}
      </button>
    </>
  )
}
