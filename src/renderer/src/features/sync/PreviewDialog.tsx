/**
 * "Sync all pending" and "Sync selected" look first (issue #15): a dialog shows what the sync would do,
 * and its one button sends exactly the records it showed, as they were then. A record changed since is
 * refused by main with nothing sent (`preview.stale`): the dialog says so and offers a new look. Once
 * the send is under way (main's first progress of it), the dialog closes and the list's sync panel shows
 * its progress and summary, as for any sync.
 */
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { AppError } from '../../../../shared/result'
import { appError } from '../../data/client'
import { previewedCount, previewedInput, previewQuery, type PreviewScope } from '../../data/preview'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'
import { PreviewSummary } from './PreviewSummary'
import { dismissSyncError, runSync, useSyncState, type SyncProgress } from './store'

/** main's code for a send refused because a previewed record changed since. */
const CHANGED_SINCE = 'preview.stale'

/** Looking (and showing the look), sending what it showed, or refused: a record changed since (main's words). */
type Phase = 'look' | 'sending' | { changed: AppError }

export function PreviewDialog({
  scope,
  onSent,
  onClose,
}: {
  scope: PreviewScope
  onSent: (() => void) | undefined
  onClose: () => void
}) {
  const { t, wordError } = useWords()
  // Each look is its own query: "Preview again" is a new one, never the old answer.
  const [look, setLook] = useState(() => Date.now())
  const preview = useQuery(previewQuery(scope, look))
  const { progress } = useSyncState()
  const [phase, setPhase] = useState<Phase>('look')
  const dialog = useRef<HTMLDialogElement>(null)
  const safe = useRef<HTMLButtonElement>(null)
  const mounted = useRef(true)
  /** The sync's progress when Send was pressed: a newer one means main took the send. */
  const progressAtSend = useRef<SyncProgress | undefined | null>(null)

  useEffect(() => {
    mounted.current = true
    const d = dialog.current
    if (d && !d.open) d.showModal()
    return () => {
      mounted.current = false
      d?.close()
    }
  }, [])
  // The safe answer of each step has the focus (Cancel; during the send, closing the window; Preview again).
  useEffect(() => safe.current?.focus(), [phase])
  // Under way: nothing more to decide here, the list's panel follows the sync (the answer comes at its end).
  useEffect(() => {
    if (phase === 'sending' && progress !== progressAtSend.current) onClose()
  }, [phase, progress, onClose])

  const send = async () => {
    if (!preview.data) return
    progressAtSend.current = progress
    setPhase('sending')
    const failure = await runSync({ previewed: previewedInput(preview.data) })
    if (failure?.code === CHANGED_SINCE) {
      // Said here with "Preview again"; closed already, the list's panel says it.
      if (mounted.current) {
        dismissSyncError()
        setPhase({ changed: failure })
      }
      return
    }
    onSent?.()
    if (mounted.current) onClose()
  }
  const again = () => {
    setLook(Date.now())
    setPhase('look')
  }

  const data = phase === 'look' ? preview.data : undefined
  const count = data ? previewedCount(data) : 0
  const error = appError(preview.error)
  let body: ReactNode
  if (typeof phase === 'object')
    body = (
      <p className="banner banner-warn" role="alert" data-testid="preview-changed">
        {wordError(phase.changed)}
      </p>
    )
  else if (phase === 'sending')
    body = (
      <p className="muted" role="status" data-testid="preview-sending">
        {t('sync.sending')}
      </p>
    )
  else if (error) body = <ErrorBanner error={error} onRetry={() => void preview.refetch()} />
  else if (!data)
    body = (
      <p className="muted" role="status" data-testid="preview-loading">
        {t('preview.looking')}
      </p>
    )
  else
    body = (
      <>
        {count === 0 && (
          <p className="banner banner-info" data-testid="preview-nothing">
            {t('preview.nothing')}
          </p>
        )}
        <PreviewSummary preview={data} />
      </>
    )

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog preview-dialog"
      aria-labelledby="preview-title"
      aria-busy={phase === 'look' && preview.isFetching}
      data-testid="sync-preview"
      data-phase={typeof phase === 'object' ? 'changed' : phase}
      onCancel={(e) => {
        // Escape: nothing sent, or (while sending) the sync goes on without the window.
        e.preventDefault()
        onClose()
      }}
    >
      <h2 id="preview-title">{scope === 'all-pending' ? t('preview.titleAll') : t('preview.titleSelected')}</h2>
      <div className="preview-body">{body}</div>
      <div className="actions">
        {phase === 'look' && count > 0 && (
          <button type="button" onClick={() => void send()} data-testid="preview-send">
            {t('preview.send', { count })}
          </button>
        )}
        {typeof phase === 'object' && (
          <button type="button" ref={safe} onClick={again} data-testid="preview-again">
            {t('preview.again')}
          </button>
        )}
        {phase === 'sending' ? (
          <button type="button" className="secondary" ref={safe} onClick={onClose} data-testid="preview-background">
            {t('preview.background')}
          </button>
        ) : (
          <button
            type="button"
            className="secondary"
            ref={phase === 'look' ? safe : undefined}
            onClick={onClose}
            data-testid="preview-cancel"
          >
            {data && count === 0 ? t('common.close') : t('common.cancel')}
          </button>
        )}
      </div>
    </dialog>
  )
}
