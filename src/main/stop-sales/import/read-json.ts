/** The JSON side of the stop-sale file reader: the splitter finds each record's text, JSON.parse reads it. */
import { canonicalizeRecord, fieldsFromJsonRecord, type RowResult, type TextNote } from './canonical'
import { cleanValue } from '../../files/clean-text'
import { JsonRecordSplitter, type RawValue } from './json-records'
import { MAX_RECORD_BYTES } from './file-facts'

/** A JSON record's verdict; `line` is where the record starts in the file. */
function jsonRow(row: number, line: number, value: unknown): RowResult {
  const { fields, errors } = fieldsFromJsonRecord(value)
  if (errors.length > 0 && fields.size === 0 && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    return { row, line, ok: false, errors }
  }
  let notes: TextNote[] | undefined
  for (const [name, v] of fields) {
    const c = cleanValue(v)
    if (c.removed === 0) continue
    ;(notes ??= []).push({ field: name, removed: c.removed })
    fields.set(name, c.value)
  }
  const noted = notes ? { notes } : {}
  const out = canonicalizeRecord(fields)
  const all = out.ok ? errors : [...errors, ...out.errors]
  if (all.length > 0 || !out.ok) return { row, line, ok: false, errors: all, ...noted }
  return { row, line, ok: true, stopSales: out.stopSales, ...noted }
}

/** Records of a JSON file: the splitter finds each record's text, JSON.parse reads it. */
export async function* readJson(
  text: AsyncGenerator<string, void, undefined>,
): AsyncGenerator<RowResult[], void, undefined> {
  const splitter = new JsonRecordSplitter(MAX_RECORD_BYTES)
  const found: RawValue[] = []
  let row = 0
  /** The records the splitter found, read; a record JSON.parse refuses ends the file after those before it. */
  const read = (): { rows: RowResult[]; failure?: unknown } => {
    const rows: RowResult[] = []
    for (const v of found.splice(0)) {
      let value: unknown
      try {
        value = JSON.parse(v.text)
      } catch (e) {
        return { rows, failure: splitter.explain(v, e) }
      }
      if (!v.ignored) rows.push(jsonRow(++row, v.line, value))
    }
    return { rows }
  }
  for await (const s of text) {
    let fileProblem: { error: unknown } | undefined
    try {
      splitter.write(s, found)
    } catch (error) {
      fileProblem = { error }
    }
    // The records completed before a problem still come out (like CSV rows before an unclosed quote).
    const { rows, failure } = read()
    if (rows.length) yield rows
    if (failure !== undefined) throw failure
    if (fileProblem) throw fileProblem.error
  }
  splitter.end()
}
