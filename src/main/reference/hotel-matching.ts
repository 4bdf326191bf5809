/**
 * Matching hotel names from stop-sale e-mails against Sedna's hotel list.
 *
 * Pure and dependency-free: no electron, no node:*. Hotels write their own name in many ways
 * ("Çamyuva Güneş Otel", "CAMYUVA GUNES HOTEL", typed on a non-Turkish keyboard, with or without
 * "Resort & Spa"), so names are compared through a folded key, and anything short of an exact key
 * match is only a *suggestion* for a person to confirm.
 */

export interface HotelCandidate {
  id: number
  name: string
}

export interface HotelSuggestion {
  id: number
  name: string
  /** 0..1; 1 only for an exact (normalized-equal) match. */
  score: number
  exact: boolean
}

/**
 * Words hotels add or drop freely. "beach", "palace", "club"… are kept: they tell hotels apart
 * ("Grand Palace Hotel" is not "Grand Palace Beach Hotel"). "oteli" is Turkish "hotel" with the
 * possessive suffix ("Güneş Oteli").
 */
const NOISE_WORDS: ReadonlySet<string> = new Set([
  'otel',
  'oteli',
  'hotel',
  'hotels',
  'resort',
  'resorts',
  'spa',
  'and',
  've',
  'the',
  'by',
])

/** Letters that Unicode decomposition does not reduce to a base letter plus marks. */
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ı: 'i', // Turkish dotless i (its capital 'I' lower-cases to plain 'i' below)
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
}
const EXTRA_FOLDS_RE = /[ıßæœøłđðþ]/g

/** Folds a name to lower-case tokens: diacritics stripped, both Turkish i's → 'i', punctuation → breaks. */
function foldTokens(name: string): string[] {
  const folded = name
    // NFKD: 'İ' → 'I' + U+0307, 'ş' → 's' + U+0327, 'â' → 'a' + U+0302, ligatures/full-width → plain.
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    // Locale-independent lower-casing: 'I' → 'i' (never 'ı'); 'İ' was already split above, so the
    // "'İ'.toLowerCase() === 'i\u0307'" trap cannot occur.
    .toLowerCase()
    .replace(EXTRA_FOLDS_RE, (ch) => EXTRA_FOLDS[ch] ?? ch)
    // Apostrophes join ("D'Ali" → "dali", "Kemer'in" → "kemerin"); other punctuation separates words.
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
  return folded === '' ? [] : folded.split(' ')
}

function keyTokens(name: string): string[] {
  const tokens = foldTokens(name)
  const meaningful = tokens.filter((t) => !NOISE_WORDS.has(t))
  // Never let noise removal empty the key: a hotel called "The Resort & Spa" keeps its whole name.
  return meaningful.length > 0 ? meaningful : tokens
}

/**
 * Folds a hotel name to a comparison key: Turkish-aware (İ/I/ı/i all → 'i', ş→s, ğ→g, ç→c, ö→o,
 * ü→u, â/î/û → a/i/u, other diacritics stripped), lower-case, punctuation removed, noise words
 * (otel, hotel, resort, spa, and, ve, the, by…) dropped, single spaces. Non-Latin scripts pass
 * through (lower-cased). A name without any letter or digit folds to ''; an empty key matches nothing.
 */
export function normalizeHotelName(name: string): string {
  return keyTokens(name).join(' ')
}

/**
 * Folds any name (a country, a nationality as written) to a comparison key the same Turkish-aware way
 * as hotel names — diacritics stripped, İ/I/ı/i → 'i', punctuation → spaces, lower-case — but without
 * dropping any word: "Türkiye" and "TURKIYE" fold alike, "Ukrayna" and "UKRAYNA" too.
 */
export function foldName(name: string): string {
  return foldTokens(name).join(' ')
}

/**
 * Room/board code key: trimmed, inner whitespace collapsed to one space, upper-cased for ASCII
 * codes the Turkish-safe way: 'i' and 'ı' → 'I', 'İ' → 'I' ("dbl " → "DBL", "uaı" → "UAI").
 */
export function normalizeCode(code: string): string {
  return code.trim().replace(/\s+/g, ' ').replace(/[İı]/g, 'I').toUpperCase() // locale-independent: 'i' → 'I', never 'İ'
}

interface PreparedKey {
  key: string
  tokens: ReadonlySet<string>
  bigrams: ReadonlyMap<string, number>
  bigramCount: number
}

function prepare(key: string): PreparedKey {
  const tokens = new Set(key.split(' '))
  // Bigrams over the key without spaces, so "grandpalace" still meets "grand palace".
  const compact = key.replace(/ /g, '')
  const bigrams = new Map<string, number>()
  let bigramCount = 0
  for (let i = 0; i + 1 < compact.length; i++) {
    const bg = compact.slice(i, i + 2)
    bigrams.set(bg, (bigrams.get(bg) ?? 0) + 1)
    bigramCount++
  }
  return { key, tokens, bigrams, bigramCount }
}

/**
 * Prepared keys of candidate names, by raw name: the hotel list is the same from one call to the next,
 * so folding 5,000 names is paid once, not per e-mail. Bounded; output never depends on it.
 */
const preparedByName = new Map<string, PreparedKey>()
const PREPARED_CACHE_MAX = 50_000

function preparedCandidate(name: string): PreparedKey {
  let p = preparedByName.get(name)
  if (p === undefined) {
    if (preparedByName.size >= PREPARED_CACHE_MAX) preparedByName.clear()
    p = prepare(normalizeHotelName(name))
    preparedByName.set(name, p)
  }
  return p
}

/** Bonus when one name's words are all contained in the other's ("Güneş" vs "Güneş Beach"). */
const SUBSET_BONUS = 0.1
/** Highest score of a non-exact match: 1 is reserved for normalized equality. */
const MAX_INEXACT = 0.99

/**
 * Similarity of two different keys, in 0..MAX_INEXACT:
 *   max(Sørensen–Dice over the token sets — word order and missing words,
 *       Sørensen–Dice over character-bigram multisets of the space-less keys — typos, joined words)
 *   + SUBSET_BONUS when one token set contains the other (same words in another order → 0.99).
 * Linear in the keys' lengths.
 */
function similarity(q: PreparedKey, c: PreparedKey): number {
  let common = 0
  for (const t of q.tokens) if (c.tokens.has(t)) common++
  const tokenDice = (2 * common) / (q.tokens.size + c.tokens.size)

  let bigramDice: number
  if (q.bigramCount === 0 || c.bigramCount === 0) {
    bigramDice = 0 // one-letter keys: only the token comparison can speak
  } else {
    const [small, large] = q.bigrams.size <= c.bigrams.size ? [q.bigrams, c.bigrams] : [c.bigrams, q.bigrams]
    let shared = 0
    for (const [bg, n] of small) {
      const m = large.get(bg)
      if (m !== undefined) shared += Math.min(n, m)
    }
    bigramDice = (2 * shared) / (q.bigramCount + c.bigramCount)
  }

  const subset = common > 0 && (common === q.tokens.size || common === c.tokens.size)
  const score = Math.max(tokenDice, bigramDice) + (subset ? SUBSET_BONUS : 0)
  return Math.min(MAX_INEXACT, score)
}

/** Deterministic order: exact first, then higher score, then name (code-unit order), then id. */
function compareSuggestions(a: HotelSuggestion, b: HotelSuggestion): number {
  if (a.exact !== b.exact) return a.exact ? -1 : 1
  if (a.score !== b.score) return b.score - a.score
  if (a.name !== b.name) return a.name < b.name ? -1 : 1
  return a.id - b.id
}

/**
 * Exact (normalized-equal) matches first, then ranked suggestions, best first; at most `limit`
 * (default 5); suggestions below `minScore` (default 0.35) are left out. Stable order for equal
 * scores (by name, then id). An input whose key is empty matches nothing.
 */
export function rankHotels(
  name: string,
  hotels: readonly HotelCandidate[],
  opts?: { limit?: number; minScore?: number },
): HotelSuggestion[] {
  const limit = opts?.limit ?? 5
  const minScore = opts?.minScore ?? 0.35
  const key = normalizeHotelName(name)
  if (key === '' || !(limit > 0)) return []
  const query = prepare(key)

  const out: HotelSuggestion[] = []
  const seen = new Set<number>() // a hotel listed twice (same id) is suggested once
  for (const hotel of hotels) {
    if (seen.has(hotel.id)) continue
    seen.add(hotel.id)
    const candidate = preparedCandidate(hotel.name)
    if (candidate.key === '') continue
    if (candidate.key === key) {
      out.push({ id: hotel.id, name: hotel.name, score: 1, exact: true })
      continue
    }
    const score = similarity(query, candidate)
    if (score >= minScore) out.push({ id: hotel.id, name: hotel.name, score, exact: false })
  }
  out.sort(compareSuggestions)
  return out.length > limit ? out.slice(0, limit) : out
}

/**
 * The single hotel whose normalized name equals the input's, or undefined when there is none or
 * more than one (ambiguous: a person must choose). The same id listed twice counts as one hotel.
 */
export function exactHotelMatch(name: string, hotels: readonly HotelCandidate[]): HotelCandidate | undefined {
  const key = normalizeHotelName(name)
  if (key === '') return undefined
  let found: HotelCandidate | undefined
  for (const hotel of hotels) {
    if (preparedCandidate(hotel.name).key !== key) continue
    if (found === undefined) found = hotel
    else if (found.id !== hotel.id) return undefined // two different hotels: a person must choose
  }
  return found
}
