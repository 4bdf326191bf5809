/**
 * The two nets for control characters: what the import removes from text (clean-text.ts) and what the
 * command line escapes on the way to the terminal (output.ts). Checked on every code point class they
 * treat, and with fast-check over arbitrary text and JSON values.
 */
/* eslint-disable no-control-regex -- these tests are about control characters: the patterns must name them */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeControls } from '../../src/cli/output'
import { cleanText, cleanValue } from '../../src/main/files/clean-text'

const ch = (code: number) => String.fromCharCode(code)
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ch(from + i))

const C0_BUT_TAB_LF_CR = range(0x00, 0x1f).filter((c) => !'\t\n\r'.includes(c))
const DEL_C1 = range(0x7f, 0x9f)
const BIDI = [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)]
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/

/** Text with a good share of the characters that matter (fast-check's strings rarely hold them). */
const tricky = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.constantFrom(...C0_BUT_TAB_LF_CR, ...DEL_C1, ...BIDI, '\t', '\n', '\r', '\\', '"', 'İ', 'ş', '\u2028'),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''))

describe('cleanText (import)', () => {
  it('removes C0 but tab/LF/CR, DEL, C1 and bidi controls, and counts them', () => {
    for (const c of [...C0_BUT_TAB_LF_CR, ...DEL_C1, ...BIDI]) {
      expect(cleanText(`a${c}b`)).toEqual({ text: 'ab', removed: 1 })
    }
    expect(cleanText('Kemer\tIşıklar\r\nResort')).toEqual({ text: 'Kemer\tIşıklar\r\nResort', removed: 0 })
    expect(cleanText('Antalya\u0000 Beach\u001b[2J Otel\u009b\u202e')).toEqual({
      text: 'Antalya Beach[2J Otel',
      removed: 4,
    })
  })

  it('returns the very same string when there is nothing to remove (no copy on the clean path)', () => {
    const s = 'Çamyuva Güneş Otel'
    expect(cleanText(s).text).toBe(s)
  })

  it('property: nothing removable is left, everything else is kept in order, the count is exact', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const { text, removed } = cleanText(s)
        expect(text).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/)
        expect(text).toBe(
          [...s].filter((c) => !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(c)).join(''),
        )
        expect(removed).toBe(s.length - text.length)
      }),
    )
  })

  it('cleanValue cleans every string in lists and objects, keeps keys, and the same value when clean', () => {
    const clean = { a: ['x', { b: 'y' }], n: 1 }
    expect(cleanValue(clean).value).toBe(clean)
    const dirty = JSON.parse('{"__proto__": "p\\u0000", "guests": [{"first_name": "A\\u202el"}, 5, null]}')
    const out = cleanValue(dirty)
    expect(out.removed).toBe(2)
    expect(Object.getPrototypeOf(out.value)).toBe(Object.prototype)
    expect(JSON.stringify(out.value)).toBe('{"__proto__":"p","guests":[{"first_name":"Al"},5,null]}')
    expect(JSON.stringify(dirty)).toContain('\\u0000') // the original is not changed
  })
})

describe('escapeControls (command line)', () => {
  it('writes every unsafe character as \\uXXXX and leaves line feed, tab and other text alone', () => {
    for (const c of [...C0_BUT_TAB_LF_CR, '\r', ...DEL_C1, ...BIDI]) {
      expect(escapeControls(`a${c}b`)).toBe(`a\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}b`)
    }
    expect(escapeControls('ID  HOTEL\n1   İstanbul\tBoğaz')).toBe('ID  HOTEL\n1   İstanbul\tBoğaz')
  })

  it('property: no unsafe character is left in text', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        expect(escapeControls(s)).not.toMatch(UNSAFE)
      }),
    )
  })

  it('property: --json output stays valid JSON, parses back to the same value, and is terminal-safe', () => {
    const value = fc
      .jsonValue()
      .chain((v) => fc.record({ v: fc.constant(v), name: tricky, list: fc.array(tricky, { maxLength: 3 }) }))
    fc.assert(
      fc.property(value, (doc) => {
        const out = escapeControls(JSON.stringify(doc, null, 2))
        expect(out).not.toMatch(UNSAFE)
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(doc)))
      }),
    )
  })
})
