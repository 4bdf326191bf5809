/** A failure from main, shown in the staff's language (see words.ts), with Try again when it can be retried. */
import type { AppError } from '../../../shared/result'
import { useWords } from './words'

export function ErrorBanner({ error, onRetry }: { error: AppError; onRetry?: (() => void) | undefined }) {
  const { t, wordError } = useWords()
  return (
    <p className="banner banner-error" role="alert" data-error-code={error.code}>
      {wordError(error)}
      {onRetry && (
        <>
          {' '}
          <button type="button" className="secondary" onClick={onRetry}>
            {t('common.tryAgain')}
          </button>
        </>
      )}
    </p>
  )
}
