/** A form's parts: a labelled field with its hint or error, and Save with what came of it. */
import type { ReactNode } from 'react'
import type { AppError } from '../../../shared/result'
import { useLanguage } from '../i18n'
import { ErrorBanner } from './ErrorBanner'

/** A labelled form field with its hint, or the error that replaces the hint. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string
  hint?: string
  error?: string | undefined
  children: ReactNode
}) {
  return (
    <label className={`field ${error ? 'invalid' : ''}`}>
      <span className="label">{label}</span>
      {children}
      {error ? <span className="field-error">{error}</span> : hint ? <span className="hint">{hint}</span> : null}
    </label>
  )
}

/** The save's failure (unless its fields say what was wrong), Save (Saving… while it runs), and "Saved." */
export function SaveBar({
  error,
  pending,
  saved,
  label,
}: {
  error: AppError | undefined
  pending: boolean
  saved: boolean
  label: string
}) {
  const { t } = useLanguage()
  return (
    <>
      {error && !error.issues?.length && <ErrorBanner error={error} />}
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? t('common.saving') : label}
        </button>
        {saved && (
          <span className="ok-text" role="status">
            {t('settings.saved')}
          </span>
        )}
      </div>
    </>
  )
}
