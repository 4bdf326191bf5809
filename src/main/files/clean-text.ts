/**
 * Control characters have no place in a hotel name, a code or a reason: a NUL, a terminal escape
 * (ESC[2J clears the screen of whoever lists the rows) or a bidi override (U+202E shows "lbd" for "dbl")
 * comes from a broken or hostile file, never from a person typing. They are removed from every text
 * field at import, both kinds, JSON and CSV; the row still imports and its preview says what was removed.
 *
 * Removed: C0 controls except tab, line feed and carriage return (free text may hold line breaks), DEL,
 * C1 controls (U+0080–U+009F) and the bidi embedding/override/isolate controls (U+202A–U+202E,
 * U+2066–U+2069). All of them are single UTF-16 units, so the count is a length difference.
 *
 * Cost: a text without any of them (all of a normal file) costs one regex test and no copy.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds and removes
const UNWANTED = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/
const UNWANTED_ALL = new RegExp(UNWANTED.source, 'g')

/** `text` without the unwanted characters, and how many there were. */
export function cleanText(text: string): { text: string; removed: number } {
  if (!UNWANTED.test(text)) return { text, removed: 0 }
  const cleaned = text.replace(UNWANTED_ALL, '')
  return { text: cleaned, removed: text.length - cleaned.length }
}

/**
 * A value as JSON or CSV gave it, with every string in it cleaned (list items, object values; not the
 * names of an object's keys, which only select fields). Returns the same value when nothing was removed.
 */
export function cleanValue(value: unknown): { value: unknown; removed: number } {
  if (typeof value === 'string') {
    const c = cleanText(value)
    return { value: c.text, removed: c.removed }
  }
  if (typeof value !== 'object' || value === null) return { value, removed: 0 }
  let removed = 0
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    value.forEach((item, i) => {
      const c = cleanValue(item)
      if (c.removed === 0) return
      removed += c.removed
      copy ??= [...value]
      copy[i] = c.value
    })
    return { value: copy ?? value, removed }
  }
  let copy: Record<string, unknown> | undefined
  for (const [k, v] of Object.entries(value)) {
    const c = cleanValue(v)
    if (c.removed === 0) continue
    removed += c.removed
    copy ??= { ...(value as Record<string, unknown>) }
    // Defined, not assigned: a key "__proto__" (JSON.parse makes it an own key) must stay a key.
    Object.defineProperty(copy, k, { value: c.value, enumerable: true, writable: true, configurable: true })
  }
  return { value: copy ?? value, removed }
}

/** Something the preview says about a row that is not a problem: control characters removed from a field. */
export interface TextNote {
  /** The field as the file names it (hotel_name, room_types, …). */
  field: string
  /** Characters removed. */
  removed: number
}

/** The note's code: the screen words it from `import.notes.controlsRemoved` with `count` and `field`. */
export const CONTROLS_REMOVED = 'controlsRemoved'

/** "3 control characters removed from hotel_name": the file's own field name (the command line's words; the screen has its own). */
export function controlsRemovedMessage(field: string, removed: number): string {
  return `${removed} control character${removed === 1 ? '' : 's'} removed from ${field}`
}

/** A note as the contract carries it (code, params, English message). */
export function rowNote(n: { field: string; removed: number }) {
  return {
    code: CONTROLS_REMOVED,
    params: { field: n.field, count: n.removed },
    message: controlsRemovedMessage(n.field, n.removed),
  }
}
