/**
 * After a restore main pushes `data.restored` and the window reloads, so every screen shows the
 * restored data; what happened is kept over the reload in this tab and said once (Settings → Backups).
 */
import type { EventPayload } from '../../../shared/ipc'

const key = 'sedna.backups.restored'
type Restored = EventPayload<'data.restored'>

export function noteRestore(payload: Restored) {
  try {
    sessionStorage.setItem(key, JSON.stringify(payload))
  } catch {
    // not said after the reload; the data is restored all the same
  }
}

function takeRestoreNote(): Restored | undefined {
  try {
    const raw = sessionStorage.getItem(key)
    if (!raw) return undefined
    sessionStorage.removeItem(key)
    return JSON.parse(raw) as Restored
  } catch {
    return undefined
  }
}

/**
 * The restore that caused this page load, taken once (a render may run more than once) when first
 * asked for — not at start: the home screen's first rows do not wait for the session storage.
 */
let restored: Restored | undefined | null = null

/** What to say about it, until `forgetRestoreNote` (once it was shown). */
export const restoreNote = () => (restored === null ? (restored = takeRestoreNote()) : restored)
export const forgetRestoreNote = () => void (restored = undefined)
