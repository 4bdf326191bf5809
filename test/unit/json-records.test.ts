import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ImportFileError } from '../../src/main/files/file-error'
import { JsonRecordSplitter, type RawValue } from '../../src/main/stop-sales/import/json-records'

/** Feeds text to a splitter in chunks of the given sizes (cycled); returns what it found. */
function split(text: string, sizes: readonly number[]): RawValue[] {
  const s = new JsonRecordSplitter(1024 * 1024)
  const out: RawValue[] = []
  for (let i = 0, k = 0; i < text.length; k++) {
    const size = sizes[k % sizes.length]!
    s.write(text.slice(i, i + size), out)
    i += size
  }
  s.end()
  return out
}

// Strings that are hard for a scanner: quotes, backslashes, brackets, escapes, non-BMP characters.
const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom('"', '\\', '\\"', '\\\\', '[', ']', '{', '}', ',', ':', 'İı şğ', 'Отель', '😀', '\n', '\u2028'),
)
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(nasty, tie('v'), { maxKeys: 4 }),
  ),
})).v

describe('JsonRecordSplitter', () => {
  it('property: any list, wrapped or not, indented or not, cut anywhere → exactly its values, in order', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 8 }),
        fc.dictionary(
          fc.string().filter((k) => !/^\s*stop[\s_-]*sales\s*$/i.test(k)),
          value,
          { maxKeys: 3 },
        ),
        fc.boolean(),
        fc.constantFrom(undefined, 0, 1, 2, '\t'),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        (records, others, wrap, indent, sizes) => {
          const text = JSON.stringify(wrap ? { ...others, stopSales: records } : records, null, indent)
          const found = split(text, sizes)
          expect(found.filter((v) => !v.ignored).map((v) => JSON.parse(v.text))).toEqual(
            JSON.parse(JSON.stringify(records)),
          )
          if (wrap) expect(found.filter((v) => v.ignored)).toHaveLength(Object.keys(others).length)
          // A value's line is where its text starts in the file (checked where the text is unique).
          for (const v of found) {
            const at = text.indexOf(v.text)
            if (at === text.lastIndexOf(v.text)) expect(text.slice(0, at).split('\n').length).toBe(v.line)
          }
        },
      ),
      { numRuns: 400 },
    )
  })

  it('property: a cut-off or mutated list only ever fails with an ImportFileError', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 5 }),
        fc.nat(),
        fc.string({ minLength: 0, maxLength: 3 }),
        fc.integer({ min: 1, max: 30 }),
        (records, at, insert, size) => {
          const text = JSON.stringify({ stopSales: records })
          const cut = at % (text.length + 1)
          for (const broken of [text.slice(0, cut), text.slice(0, cut) + insert + text.slice(cut)]) {
            try {
              for (const v of split(broken, [size])) {
                try {
                  JSON.parse(v.text)
                } catch {
                  /* a record JSON.parse refuses is explained by the reader (import-parse tests) */
                }
              }
            } catch (e) {
              expect(e).toBeInstanceOf(ImportFileError)
            }
          }
        },
      ),
      { numRuns: 400 },
    )
  })

  it('tells where the structure breaks', () => {
    const fails = (text: string) => {
      try {
        split(text, [7, 100])
      } catch (e) {
        return (e as Error).message
      }
      return 'no error'
    }
    expect(fails('[{"a": 1},\n{"b": 2}\n{"c": 3}]')).toBe(
      'The file is not valid JSON: unexpected "{" on line 3 (after record 2).',
    )
    expect(fails('[{"a": 1},]')).toMatch(/unexpected "]" on line 1 \(after record 1\)/)
    // Punctuation is named; a text or a number only by its kind (the file's content is never quoted).
    expect(fails('{"meta": 1 "stopSales": []}')).toMatch(/unexpected text in quotes on line 1/) // within the 2nd chunk
    expect(fails('{"meta": 1, "x" 2}')).toMatch(/an unexpected number on line 1/)
    expect(fails(`[{"a": "x\\"]"}`)).toMatch(/ends in the middle of the JSON list \(after record 1\)/)
    expect(fails('[1, 2]  x')).toMatch(/more text after the end of the JSON list \(line 1\)/)
  })
})
