/**
 * For a page: `open(scope)` shows the preview of a sync (PreviewDialog), `dialog` is where it renders.
 * The dialog is its own chunk, loaded when first opened: the home screen's first load does not carry it.
 */
import { lazy, Suspense, useCallback, useState } from 'react'
import type { PreviewScope } from '../../data/preview'

const PreviewDialog = lazy(() => import('./PreviewDialog').then((m) => ({ default: m.PreviewDialog })))

interface Opened {
  scope: PreviewScope
  /** After the send (not after a refusal): e.g. the list clears its selection. */
  onSent: (() => void) | undefined
}

export function useSyncPreview() {
  const [opened, setOpened] = useState<Opened | null>(null)
  const open = useCallback((scope: PreviewScope, onSent?: () => void) => setOpened({ scope, onSent }), [])
  const dialog = opened && (
    <Suspense fallback={null}>
      <PreviewDialog scope={opened.scope} onSent={opened.onSent} onClose={() => setOpened(null)} />
    </Suspense>
  )
  return { open, dialog }
}
