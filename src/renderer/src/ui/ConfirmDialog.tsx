/**
 * A modal question before something that cannot simply be undone (cancelling a reservation, replacing
 * the data): the safe answer has the focus, so Enter alone never does it; Escape keeps everything.
 */
import { useEffect, useRef, type ReactNode } from 'react'

export function ConfirmDialog({
  titleId,
  testId,
  title,
  text,
  children,
  confirmLabel,
  confirmTestId,
  keepLabel,
  busy,
  onConfirm,
  onClose,
}: {
  titleId: string
  testId: string
  title: ReactNode
  text: ReactNode
  /** More about what is concerned, between the text and the buttons. */
  children?: ReactNode
  confirmLabel: string
  confirmTestId: string
  keepLabel: string
  busy: boolean
  onConfirm: () => void
  onClose: () => void
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const keep = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
    keep.current?.focus()
    return () => d?.close()
  }, [])
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={`${titleId}-text`}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault()
        if (!busy) onClose()
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={`${titleId}-text`}>{text}</p>
      {children}
      <div className="actions">
        <button type="button" className="danger" onClick={onConfirm} disabled={busy} data-testid={confirmTestId}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" ref={keep} onClick={onClose} disabled={busy}>
          {keepLabel}
        </button>
      </div>
    </dialog>
  )
}
