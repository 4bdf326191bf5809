/**
 * Languages of the renderer: English (the source of truth, `en.ts`) and Turkish (`tr.ts`, typed so
 * that it has every key). The language is the person's last choice (localStorage), else the OS
 * language as Electron reports it in `navigator.language` (`tr*` → Turkish), else English.
 * i18next only looks strings up and interpolates them: no eval, so the strict CSP holds.
 */
import i18next from 'i18next'
import { initReactI18next, useTranslation } from 'react-i18next'
import { en } from './en'
import { tr } from './tr'

export const languages = ['en', 'tr'] as const
export type Language = (typeof languages)[number]
/** Each language's name in itself, for the switcher. */
export const languageNames: Record<Language, string> = { tr: 'Türkçe', en: 'English' }

const storageKey = 'sedna.language'

const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (languages as readonly string[]).includes(v)

export function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(storageKey)
    if (isLanguage(saved)) return saved
  } catch {
    // storage unavailable: fall back to the OS language
  }
  return /^tr\b/i.test(navigator.language ?? '') ? 'tr' : 'en'
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, tr: { translation: tr } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
})

const applyLang = (lng: string) => document.documentElement.setAttribute('lang', lng)
applyLang(i18next.language)
i18next.on('languageChanged', applyLang)

/** Switches the language and remembers the choice. */
export function setLanguage(lng: Language) {
  try {
    window.localStorage.setItem(storageKey, lng)
  } catch {
    // not remembered, still switched
  }
  void i18next.changeLanguage(lng)
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
