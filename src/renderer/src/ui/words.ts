/**
 * Main's outcomes in the staff's language. Main sends a code with parameters (`Message`, or an
 * `AppError` with `code`); the wording is `errors.<code>` in the language files, so switching the
 * language re-words what is already on screen. Only text without a code (an older error) is shown
 * as main sent it.
 */
import type { MessageParams } from '../../../shared/messages'
import type { AppError } from '../../../shared/result'
import i18next, { useLanguage, type TFunction } from '../i18n'

/** A coded message as it crosses IPC (the code is a string: a newer main may send one this screen lacks). */
export interface Coded {
  code: string
  params?: MessageParams | undefined
}

const say = (t: TFunction) => t as unknown as (key: string, params?: object) => string

/** The message in the current language; an unknown code is shown as the code itself. */
export function wordMessage(t: TFunction, m: Coded): string {
  const key = `errors.${m.code}`
  // With the parameters: a plural code (x_one / x_other) exists for a count.
  return i18next.exists(key, { ...m.params }) ? say(t)(key, { ...m.params }) : m.code
}

/** The error in the current language: its code's wording when the language files have it, else its message. */
export function wordError(t: TFunction, error: Pick<AppError, 'message' | 'code' | 'params'>): string {
  const key = error.code ? `errors.${error.code}` : undefined
  if (key && i18next.exists(key, { ...error.params })) return say(t)(key, { ...error.params })
  return error.message
}

/**
 * `word(x)` for whatever main sent: a coded message, an error, or (not coded yet) a plain string.
 * Re-renders when the language changes.
 */
export function useWords() {
  const { t } = useLanguage()
  const word = (m: Coded | string | null | undefined): string | null =>
    m === null || m === undefined ? null : typeof m === 'string' ? m : wordMessage(t, m)
  return { t, word, wordError: (e: Pick<AppError, 'message' | 'code' | 'params'>) => wordError(t, e) }
}
