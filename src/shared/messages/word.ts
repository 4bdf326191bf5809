/**
 * Words messages outside the renderer (main's English for logs and error `message`s; the command line in
 * English or Turkish) with the same i18next rules the screen uses: {{params}}, plurals, $t nesting.
 * Codes live under `errors.` as they do in the renderer's resources.
 */
import i18next, { type i18n } from 'i18next'
import { messagesEn } from './en'
import { messagesTr } from './tr'
import type { Message } from './index'

export type MessageLanguage = 'en' | 'tr'

let instance: i18n | undefined
function words(): i18n {
  if (!instance) {
    instance = i18next.createInstance()
    void instance.init({
      resources: { en: { translation: { errors: messagesEn } }, tr: { translation: { errors: messagesTr } } },
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      initAsync: false,
    })
  }
  return instance
}

/** The message in `language`; an unknown code (a newer version's) is shown as the code itself. */
export function wordMessage(
  m: Message | { code: string; params?: Message['params'] },
  language: MessageLanguage = 'en',
): string {
  // Untyped on purpose: the renderer's typed resources (i18next.d.ts) do not describe this instance.
  const t = words().getFixedT(language) as unknown as (key: string, options?: object) => string
  const key = `errors.${m.code}`
  return words().exists(key, { ...m.params, lng: language }) ? t(key, { ...m.params }) : m.code
}
