import type { ReactNode } from 'react'

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
