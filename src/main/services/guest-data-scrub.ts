/**
 * How guests' personal data is taken out of what the app stored (pure functions; guest-data.ts decides
 * which rows and when). A guest keeps what is not personal — Sedna's title, the title as received and
 * the nationality — and loses names, birth date and passport number. Stored requests and answers lose
 * every field that names or identifies a person (by key, wherever it is in the JSON), and every
 * remaining mention of this reservation's guests (by value: names, passport numbers, birth dates), which
 * also covers answers that are not JSON.
 */
import type { ReservationGuest } from '../../shared/reservations'

/** What stands in for a removed value inside text. */
export const REMOVED = '***'

/** A guest without the personal fields. */
export function anonymousGuest(g: ReservationGuest): ReservationGuest {
  return { ...g, firstName: '', lastName: '', birthDate: null, passportNo: null }
}

/** Field names (lower case, letters and digits only) that name or identify a person, anywhere. */
const PERSONAL_KEYS = new Set([
  'firstname',
  'lastname',
  'middlename',
  'surname',
  'givenname',
  'familyname',
  'fullname',
  'birthdate',
  'dateofbirth',
  'dob',
  'birthplace',
  'passno',
  'passportno',
  'passportnumber',
  'passport',
  'passserial',
  'passportserial',
  'passexpiredate',
  'passportexpiry',
  'passissuedate',
  'identityno',
  'identitynumber',
  'nationalid',
  'tckimlikno',
  'email',
  'mail',
  'phone',
  'telephone',
  'tel',
  'mobile',
  'gsm',
  'address',
])
/** Inside a list of people, a bare "Name" is a person's too (elsewhere it may be the hotel's). */
const PERSON_LIST = /customer|guest|passenger|pax|person|travel+er/i
const keyOf = (k: string) => k.toLowerCase().replace(/[^a-z0-9]/g, '')

/** A word of free text (letters and digits, dash-joined parts kept together: 1980-03-02, Mary-Ann). */
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu
/** Words compare as Sedna writes names: upper case, locale-independent. */
const wordKey = (w: string) => w.toUpperCase()
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/

/**
 * The words by which these guests could be found in free text: every word of their names and passport
 * numbers (and each part of a double-barrelled one), and their birth dates (one-letter words would
 * remove every such letter).
 */
export function personalWords(guests: readonly ReservationGuest[]): Set<string> {
  const words = new Set<string>()
  for (const g of guests) {
    for (const value of [g.firstName, g.lastName, g.passportNo ?? '']) {
      for (const w of value.match(WORD) ?? []) {
        for (const part of [w, ...w.split('-')]) if (part.length >= 2) words.add(wordKey(part))
      }
    }
    if (g.birthDate) words.add(g.birthDate)
  }
  return words
}

export interface Scrubber {
  text(text: string | null): string | null
  /** A stored request or answer body: JSON scrubbed field by field, anything else as text. */
  body(body: string | null): string | null
}

export function scrubberFor(guests: readonly ReservationGuest[]): Scrubber {
  const words = personalWords(guests)
  // One pass over the text with a regex compiled once, a set look-up per word: the purge may go
  // through tens of thousands of reservations.
  const personal = (w: string) => words.has(wordKey(w)) || (DATE_TIME.test(w) && words.has(w.slice(0, 10)))
  const scrubWord = (w: string) =>
    personal(w)
      ? REMOVED
      : w.includes('-')
        ? w
            .split('-')
            .map((part) => (words.has(wordKey(part)) ? REMOVED : part))
            .join('-')
        : w
  const text = (s: string | null) => (s === null || words.size === 0 ? s : s.replace(WORD, scrubWord))

  function json(value: unknown, inPersonList: boolean): unknown {
    if (typeof value === 'string') return text(value)
    if (Array.isArray(value)) return value.map((v) => json(v, inPersonList))
    if (value === null || typeof value !== 'object') return value
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      const key = keyOf(k)
      if (PERSONAL_KEYS.has(key) || (inPersonList && key === 'name')) continue
      out[k] = json(v, inPersonList || PERSON_LIST.test(k))
    }
    return out
  }

  return {
    text,
    body(body) {
      if (body === null) return null
      let parsed: unknown
      try {
        parsed = JSON.parse(body)
      } catch {
        return text(body)
      }
      const scrubbed = JSON.stringify(json(parsed, false))
      // Unchanged: keep the bytes as they were stored.
      return scrubbed === JSON.stringify(parsed) ? body : scrubbed
    },
  }
}

/**
 * An invalid import row's reason quotes what the file held ("Guest 1 is not an object (\"JOHN SMITH\")",
 * "birth date 2031-02-01 is after check-in"): those values go, the explanation stays.
 */
export function scrubInvalidReason(reason: string): string {
  return reason.replace(/"(?:[^"\\]|\\.)*"…?/g, '(removed)').replace(/(birth date )\d{4}-\d{2}-\d{2}/g, '$1(removed)')
}

/** Parameters of a row's reasons that name a place in the record, never a value from it: kept. */
const PLACE_PARAMS = new Set(['field', 'kind', 'at', 'end', 'separator', 'plural', 'singular', 'guest', 'record'])

/** The same for an invalid row's reasons as codes: every value they quote goes, the codes and places stay. */
export function scrubReasonMessages<M extends { params?: Record<string, string | number> }>(messages: M[]): M[] {
  return messages.map((m) =>
    m.params
      ? {
          ...m,
          params: Object.fromEntries(
            Object.entries(m.params).map(([k, v]) => [k, PLACE_PARAMS.has(k) ? v : '(removed)']),
          ),
        }
      : m,
  )
}

/** Whether an invalid row's reason still holds values scrubInvalidReason would remove (an SQL GLOB). */
export const INVALID_REASON_UNSCRUBBED_GLOB = ['*"*', '*birth date [0-9]*'] as const
