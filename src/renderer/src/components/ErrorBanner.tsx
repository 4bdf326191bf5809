/**
 * A failure from main, shown in the staff's language: main sends a code with parameters where it has
 * one (`errors.<code>` in the language files); otherwise its English message is shown as is.
 */
import type { AppError } from '../../../shared/result'
import i18next from '../i18n'
import { useLanguage, type TFunction } from '../i18n'

/** The error in the current language: its code's wording when the language files have it, else its message. */
export function wordError(t: TFunction, error: Pick<AppError, 'message' | 'code' | 'params'>): string {
  const key = error.code ? `errors.${error.code}` : undefined
  if (key && i18next.exists(key)) return (t as unknown as (k: string, p?: object) => string)(key, error.params ?? {})
  return error.message
}

export function ErrorBanner({ error, onRetry }: { error: AppError; onRetry?: () => void }) {
  const { t } = useLanguage()
  return (
    <p className="banner banner-error" role="alert" data-error-code={error.code}>
      {wordError(t, error)}
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
