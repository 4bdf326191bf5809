/**
 * Languages of the renderer: English (the source of truth, `en.ts`) and Turkish (`tr.ts`, typed so
 * that it has every key). Only the language shown is loaded (choose.ts); the other is loaded when
 * staff switch to it. i18next only looks strings up and interpolates them: no eval, so the strict CSP
 * holds.
 */
import i18next from 'i18next'
import { initReactI18next, useTranslation } from 'react-i18next'
import { initialLanguage, isLanguage, loadStrings, storageKey, type Language } from './choose'

export { languages, type Language } from './choose'
/** Each language's name in itself, for the switcher. */
export const languageNames: Record<Language, string> = { tr: 'Türkçe', en: 'English' }

const applyLang = (lng: string) => document.documentElement.setAttribute('lang', lng)

/** Starts i18next in the window's language, with that language's strings (before the first render). */
export async function startLanguage(): Promise<void> {
  const lng = initialLanguage()
  await i18next.use(initReactI18next).init({
    resources: { [lng]: { translation: await loadStrings(lng) } },
    lng,
    // Every language has every key (tr.ts is typed against en.ts): nothing to fall back to.
    fallbackLng: false,
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  })
  applyLang(i18next.language)
  i18next.on('languageChanged', applyLang)
}

/** Switches the language (loading its strings the first time) and remembers the choice. */
export async function setLanguage(lng: Language) {
  try {
    window.localStorage.setItem(storageKey, lng)
  } catch {
    // not remembered, still switched
  }
  if (!i18next.hasResourceBundle(lng, 'translation'))
    i18next.addResourceBundle(lng, 'translation', await loadStrings(lng))
  await i18next.changeLanguage(lng)
}

/** The current language and `t`, re-rendering when the language changes. */
export function useLanguage() {
  const { t, i18n } = useTranslation()
  const language: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en'
  return { t, language }
}

/** Numbers with the language's grouping (1,234 / 1.234). */
export const formatNumber = (n: number, language: Language) => n.toLocaleString(language === 'tr' ? 'tr-TR' : 'en-US')

export default i18next

/** The `t` of `useLanguage`, for helpers that take it. */
export type TFunction = ReturnType<typeof useLanguage>['t']
