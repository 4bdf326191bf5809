/** The import screen around its preview: the error, the file chooser (with the last result), and the reading state. */
import type { ReactNode } from 'react'
import type { AppError } from '../../../../shared/result'
import { formatNumber, useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { DropZone } from './DropZone'
import type { Stage } from './use-import'

export function ImportSteps<P, R>({
  stage,
  error,
  dropText,
  testId,
  canChoose,
  drop,
  choose,
  done,
  preview,
}: {
  stage: Stage<P, R>
  error: AppError | undefined
  dropText: string
  testId: string
  canChoose: boolean
  drop: (file: File) => Promise<void>
  choose: () => Promise<void>
  /** The last import's result. */
  done: (result: R) => ReactNode
  /** The preview, committing or not. */
  preview: (preview: P, busy: boolean) => ReactNode
}) {
  const { t, language } = useLanguage()
  return (
    <>
      {error && <ErrorBanner error={error} />}
      {(stage.step === 'choose' || stage.step === 'done') && (
        <>
          {stage.step === 'done' && done(stage.result)}
          <DropZone
            dropText={dropText}
            testId={testId}
            onFile={(file) => void drop(file)}
            onChoose={canChoose ? () => void choose() : undefined}
          />
        </>
      )}
      {stage.step === 'reading' && (
        <div className="card" role="status" aria-live="polite">
          <p>
            {t('import.reading')} <strong>{stage.fileName}</strong>…{' '}
            {stage.rows > 0 && t('import.rowsSoFar', { rows: formatNumber(stage.rows, language) })}
          </p>
          <progress aria-label={t('import.readingLabel')} />
        </div>
      )}
      {(stage.step === 'preview' || stage.step === 'committing') && preview(stage.preview, stage.step === 'committing')}
    </>
  )
}
