/**
 * A date field written as the staff's language writes dates (dd.MM.yyyy in Turkish): a text input
 * with a parse/format pair, no calendar. It reports ISO dates (yyyy-MM-dd), '' when empty; what is
 * not a real date (yet) reports '' and, once the field is left, is marked invalid.
 */
import { useState, type InputHTMLAttributes } from 'react'
import { useLanguage } from '../i18n'
import { formatDate, parseDate } from './dates'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: string
  onChange: (iso: string) => void
}

/** The ISO date a text means: '' when empty or not a real date. */
const meaning = (text: string, pattern: string) => (text.trim() === '' ? '' : (parseDate(text, pattern) ?? ''))

export function DateInput({ value, onChange, onBlur, onFocus, ...rest }: Props) {
  const { t } = useLanguage()
  const pattern = t('dates.pattern')
  const [text, setText] = useState(() => formatDate(value, pattern))
  const [editing, setEditing] = useState(false)
  // The value set from outside (Clear filters) or a language with another pattern: show it anew.
  const [seen, setSeen] = useState({ value, pattern })
  if (seen.value !== value || seen.pattern !== pattern) {
    setSeen({ value, pattern })
    if (meaning(text, seen.pattern) !== value || seen.pattern !== pattern) setText(formatDate(value, pattern))
  }
  const invalid = !editing && text.trim() !== '' && parseDate(text, pattern) === undefined
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      size={11}
      value={text}
      placeholder={t('dates.placeholder')}
      aria-invalid={invalid || undefined}
      title={invalid ? t('dates.invalid', { example: formatDate('2025-05-12', pattern) }) : undefined}
      onFocus={(e) => {
        setEditing(true)
        onFocus?.(e)
      }}
      onChange={(e) => {
        setText(e.target.value)
        const iso = meaning(e.target.value, pattern)
        if (iso !== value) onChange(iso)
      }}
      onBlur={(e) => {
        setEditing(false)
        const iso = parseDate(text, pattern)
        if (iso) setText(formatDate(iso, pattern))
        onBlur?.(e)
      }}
    />
  )
}
