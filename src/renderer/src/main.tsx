/**
 * The entry: asks for the home screen's first page at once (early.ts), then loads the app (start.tsx).
 * This file is tiny and imports nothing heavy, so main answers while the browser fetches, reads and
 * starts React — instead of after.
 */
import './early'
import { initialLanguage, loadStrings } from './i18n/choose'

// The app and the strings of its language, fetched side by side.
void loadStrings(initialLanguage())
void import('./start')
