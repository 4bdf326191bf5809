/**
 * Which language the window starts in: the person's last choice (localStorage), else the OS language
 * as Electron reports it in `navigator.language` (`tr*` → Turkish), else English. No dependencies: the
 * entry reads it to start loading that language's strings at once.
 */
export const languages = ['en', 'tr'] as const
export type Language = (typeof languages)[number]

export const storageKey = 'sedna.language'

export const isLanguage = (v: unknown): v is Language =>
  typeof v === 'string' && (languages as readonly string[]).includes(v)

let initial: Language | undefined
/** (Read once: the entry and i18next's start both ask, and the storage is slow to open.) */
export const initialLanguage = (): Language => (initial ??= readInitialLanguage())

function readInitialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(storageKey)
    if (isLanguage(saved)) return saved
  } catch {
    // storage unavailable: fall back to the OS language
  }
  return /^tr\b/i.test(navigator.language ?? '') ? 'tr' : 'en'
}

/** One language's strings, loaded when it is first needed (only the one shown is read at start). */
export const loadStrings = (lng: Language) =>
  lng === 'tr' ? import('./tr').then((m) => m.tr) : import('./en').then((m) => m.en)
