/**
 * An import's steps, the same for both kinds: choose (or drop) a file → main reads it into a preview
 * (rows counted as it reads) → Import (commit) or Cancel (discard) → the result, and choose again. A
 * preview left open when the screen is left is dropped in main (nothing was imported).
 */
import { useEffect, useRef, useState } from 'react'
import type { AppError } from '../../../../shared/result'
import { onEvent, toAppError } from '../../api'
import { useImportFile, type ImportInput } from './use-import-file'

export type Stage<P, R> =
  | { step: 'choose' }
  | { step: 'reading'; fileName: string; rows: number }
  | { step: 'preview'; preview: P }
  | { step: 'committing'; preview: P }
  | { step: 'done'; result: R }

export interface ImportCalls<P, R> {
  kind: 'stopSales' | 'reservations'
  preview: (input: ImportInput) => Promise<P>
  commit: (importId: number) => Promise<R>
  discard: (importId: number) => Promise<unknown>
}

export function useImport<P extends { importId: number }, R>(calls: ImportCalls<P, R>) {
  const [stage, setStage] = useState<Stage<P, R>>({ step: 'choose' })
  const [error, setError] = useState<AppError>()
  const open = useRef<number>(undefined)
  const { discard: drop } = calls
  useEffect(
    () => () => {
      if (open.current !== undefined) void drop(open.current).catch(() => undefined)
    },
    [drop],
  )
  useEffect(
    () => onEvent('import.progress', (p) => setStage((s) => (s.step === 'reading' ? { ...s, rows: p.rows } : s))),
    [],
  )

  async function previewOf(fileName: string, input: () => Promise<ImportInput>) {
    setError(undefined)
    setStage({ step: 'reading', fileName, rows: 0 })
    try {
      const preview = await calls.preview(await input())
      open.current = preview.importId
      setStage({ step: 'preview', preview })
    } catch (err) {
      setError(toAppError(err))
      setStage({ step: 'choose' })
    }
  }
  const file = useImportFile(calls.kind, previewOf, setError)

  async function commit(preview: P) {
    setStage({ step: 'committing', preview })
    try {
      const result = await calls.commit(preview.importId)
      open.current = undefined
      setStage({ step: 'done', result })
    } catch (err) {
      setError(toAppError(err))
      setStage({ step: 'preview', preview })
    }
  }

  async function discard(preview: P) {
    open.current = undefined
    await calls.discard(preview.importId).catch(() => undefined)
    setStage({ step: 'choose' })
  }

  return { stage, error, ...file, commit, discard }
}
