/**
 * Splits a JSON stop-sale file into its records' text, chunk by chunk, so that each record is parsed
 * by the engine's own JSON.parse. Only the outer structure is scanned here — the root list, or the
 * root object with its "stopSales" list, the commas between records — with string and bracket
 * tracking inside a record to find where it ends; what a record holds is JSON.parse's business.
 *
 * Why not a streaming JSON library for the whole file: @streamparser/json tokenizes every character
 * in JavaScript, ~1.5 s for 100,000 records, against ~0.2 s for this scan plus JSON.parse per record
 * (bench:import). The library is still used where it is good: explaining exactly what is wrong with
 * a record JSON.parse refused (`explain`), which happens only for a broken file.
 *
 * Memory: one chunk plus the record being completed (capped at MAX_RECORD_BYTES).
 */
import { found, locateJsonError } from '../../files/json-errors'
import { ImportFileError } from '../../files/file-error'
import { normalizeFieldName } from './canonical'

export const NOT_A_LIST =
  'The JSON file must hold a list of stop sales ([ {...}, {...} ]) or an object with a "stopSales" list ({ "stopSales": [ ... ] }).'

/** One value at record level: a record of the list, or (ignored) the value of another root key. */
export interface RawValue {
  text: string
  /** Line of the file where it starts (1-based). */
  line: number
  /** The value of a root key other than stopSales: checked to be JSON, then dropped. */
  ignored: boolean
  /** Records of the list before it. */
  recordsBefore: number
}

const enum S {
  RootBefore,
  ArrFirst,
  ArrNext,
  ArrAfter,
  ObjFirst,
  ObjKey,
  ObjColon,
  ObjValue,
  ObjAfter,
  RootAfter,
  InValue,
  InKey,
}

/** The character codes the scan looks for: white space, and JSON's punctuation. */
const WS = { tab: 9, lf: 10, cr: 13, space: 32 } as const
const P = { quote: 34, comma: 44, colon: 58, bslash: 92, lbrack: 91, rbrack: 93, lbrace: 123, rbrace: 125 } as const

/** How many backslashes stand right before `at` (not looking before `from`). */
function backslashesBefore(chunk: string, at: number, from: number): number {
  let k = at - 1
  while (k >= from && chunk.charCodeAt(k) === P.bslash) k--
  return at - 1 - k
}

const isSpace = (c: number) => c === WS.space || c === WS.lf || c === WS.cr || c === WS.tab

export class JsonRecordSplitter {
  private state = S.RootBefore
  private mode: 'array' | 'object' | undefined
  private line = 1
  /** Records handed out so far (for "after record N"). */
  private records = 0
  private inStopSales = false
  private stopSalesSeen = false
  /** Names in the root object other than stopSales. */
  private rootKeys = 0
  private keyIsStopSales = false
  // The value or key being completed: its pieces from earlier chunks, their size, where it began.
  private pieces: string[] = []
  private pieceBytes = 0
  private startLine = 0
  private depth = 0
  private inString = false
  private escaped = false
  private scalar = false
  private ignoredValue = false

  constructor(private readonly maxValueBytes: number) {}

  /**
   * Scans a chunk: the complete values it finishes go to `out`, in order. A problem with the file
   * is thrown only after `out` holds what came before it, so the caller can hand those out first:
   * call as `try { s.write(chunk, out) } finally { use(out) }`.
   */
  write(chunk: string, out: RawValue[]): void {
    let valueStart = this.state === S.InValue || this.state === S.InKey ? 0 : -1
    const n = chunk.length
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i)
      switch (this.state) {
        case S.InValue: {
          if (this.inString) {
            // Jump from quote to quote: strings are most of a record. (A raw line break inside a
            // string is not JSON: JSON.parse refuses it, so lines need not be counted here.)
            let from = i
            if (this.escaped) {
              this.escaped = false
              from = i + 1
            }
            let q = chunk.indexOf('"', from)
            while (q !== -1 && backslashesBefore(chunk, q, from) % 2 === 1) q = chunk.indexOf('"', q + 1)
            if (q === -1) {
              this.escaped = backslashesBefore(chunk, n, from) % 2 === 1
              i = n
              break
            }
            i = q
            this.inString = false
            if (this.depth === 0) this.finishValue(chunk, valueStart, i + 1, out)
            break
          }
          if (this.scalar) {
            if (isSpace(c) || c === P.comma || c === P.rbrack || c === P.rbrace) {
              this.finishValue(chunk, valueStart, i, out)
              i-- // the delimiter belongs to the list or object around
            }
            break
          }
          if (c === P.quote) this.inString = true
          else if (c === P.lbrace || c === P.lbrack) this.depth++
          else if (c === P.rbrace || c === P.rbrack) {
            if (--this.depth === 0) this.finishValue(chunk, valueStart, i + 1, out)
          } else if (c === WS.lf) this.line++
          break
        }
        case S.InKey: {
          if (this.escaped) this.escaped = false
          else if (c === P.bslash) this.escaped = true
          else if (c === P.quote) {
            this.finishKey(chunk, valueStart, i + 1)
          } else if (c === WS.lf) this.line++
          break
        }
        default: {
          if (isSpace(c)) {
            if (c === WS.lf) this.line++
            break
          }
          const started = this.structural(c, chunk, i)
          if (started) valueStart = i
        }
      }
    }
    if (this.state === S.InValue || this.state === S.InKey) {
      const piece = valueStart <= 0 ? chunk : chunk.slice(valueStart)
      this.pieces.push(piece)
      this.pieceBytes += Buffer.byteLength(piece, 'utf8')
      if (this.pieceBytes > this.maxValueBytes) {
        throw new ImportFileError(
          'importFile.recordTooLarge',
          `Record ${this.records + 1} of the file is larger than 1 MiB: this is not a stop-sale file, or a quote (") is missing.`,
          { record: this.records + 1 },
        )
      }
    }
  }

  /** The end of the file: complains when the JSON is incomplete or has no stop-sale list. */
  end(): void {
    if (this.state === S.RootBefore)
      throw new ImportFileError('importFile.notJson', `The file has no JSON in it. ${NOT_A_LIST}`)
    if (this.state !== S.RootAfter) throw this.truncated()
    if (this.mode === 'object' && !this.stopSalesSeen) {
      // The names are counted, not quoted: they are the file's content.
      const n = this.rootKeys
      const keys = n > 0 ? `it has ${n} other name${n === 1 ? '' : 's'}` : 'it is empty'
      throw new ImportFileError(
        'importFile.noStopSalesList',
        `The JSON object has no "stopSales" list (${keys}). ${NOT_A_LIST}`,
        { names: n },
      )
    }
  }

  /**
   * Why JSON.parse refused a value: the first unexpected token and its line, in words for staff.
   * The streaming parser is used here because it names the token and its position exactly.
   */
  explain(value: RawValue, cause: unknown): ImportFileError {
    const at = locateJsonError(value.text, value.line)
    return new ImportFileError(
      'importFile.jsonSyntax',
      `The file is not valid JSON: ${at.found} on line ${at.line} (after record ${value.recordsBefore}).`,
      { line: at.line, after: value.recordsBefore },
      { cause },
    )
  }

  private truncated() {
    return new ImportFileError(
      'importFile.truncated',
      `The file ends in the middle of the JSON ${this.mode === 'object' ? 'object' : 'list'} (after record ${this.records}): it looks cut off. Get the complete file and import it again.`,
      { after: this.records },
    )
  }

  private unexpected(chunk: string, i: number): ImportFileError {
    return new ImportFileError(
      'importFile.jsonSyntax',
      `The file is not valid JSON: ${found(chunk[i]!)} on line ${this.line} (after record ${this.records}).`,
      { line: this.line, after: this.records },
    )
  }

  /** A non-space character between values. Returns true when a value or key starts at it. */
  private structural(c: number, chunk: string, i: number): boolean {
    switch (this.state) {
      case S.RootBefore:
        if (c === P.lbrack) {
          this.mode = 'array'
          this.state = S.ArrFirst
          return false
        }
        if (c === P.lbrace) {
          this.mode = 'object'
          this.state = S.ObjFirst
          return false
        }
        if (c === P.quote || c === 45 /* - */ || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110)
          throw new ImportFileError('importFile.notAList', NOT_A_LIST)
        throw new ImportFileError(
          'importFile.notJson',
          `The file is not JSON: it does not start with "[" or "{" (line ${this.line}). ${NOT_A_LIST}`,
        )
      case S.ArrFirst:
      case S.ArrAfter:
        if (c === P.rbrack) {
          this.closeList()
          return false
        }
        if (this.state === S.ArrAfter) {
          if (c !== P.comma) throw this.unexpected(chunk, i)
          this.state = S.ArrNext
          return false
        }
        return this.startValue(c, false)
      case S.ArrNext:
        if (c === P.rbrack || c === P.comma || c === P.rbrace || c === P.colon) throw this.unexpected(chunk, i)
        return this.startValue(c, false)
      case S.ObjFirst:
      case S.ObjKey:
        if (c === P.rbrace && this.state === S.ObjFirst) {
          this.state = S.RootAfter
          return false
        }
        if (c !== P.quote) throw this.unexpected(chunk, i)
        this.state = S.InKey
        this.pieces = []
        this.pieceBytes = 0
        this.startLine = this.line
        return true
      case S.ObjColon:
        if (c !== P.colon) throw this.unexpected(chunk, i)
        this.state = S.ObjValue
        return false
      case S.ObjValue:
        if (this.keyIsStopSales) {
          if (c !== P.lbrack) {
            throw new ImportFileError(
              'importFile.stopSalesNotList',
              `"stopSales" must be a list [ ... ]. ${NOT_A_LIST}`,
            )
          }
          this.inStopSales = true
          this.state = S.ArrFirst
          return false
        }
        if (c === P.rbrace || c === P.rbrack || c === P.comma || c === P.colon) throw this.unexpected(chunk, i)
        return this.startValue(c, true)
      case S.ObjAfter:
        if (c === P.rbrace) {
          this.state = S.RootAfter
          return false
        }
        if (c !== P.comma) throw this.unexpected(chunk, i)
        this.state = S.ObjKey
        return false
      case S.RootAfter:
        throw new ImportFileError(
          'importFile.textAfterEnd',
          `The file is not valid JSON: there is more text after the end of the JSON ${this.mode === 'object' ? 'object' : 'list'} (line ${this.line}).`,
          { line: this.line },
        )
      default:
        return false
    }
  }

  private startValue(c: number, ignored: boolean): true {
    this.state = S.InValue
    this.ignoredValue = ignored
    this.pieces = []
    this.pieceBytes = 0
    this.startLine = this.line
    this.depth = 0
    this.escaped = false
    this.inString = false
    this.scalar = false
    if (c === P.lbrace || c === P.lbrack) this.depth = 1
    else if (c === P.quote) this.inString = true
    else this.scalar = true
    return true
  }

  private closeList() {
    if (this.mode === 'array') this.state = S.RootAfter
    else {
      this.inStopSales = false
      this.state = S.ObjAfter
    }
  }

  private take(chunk: string, from: number, to: number): string {
    const tail = chunk.slice(Math.max(0, from), to)
    if (!this.pieces.length) return tail
    const text = this.pieces.join('') + tail
    this.pieces = []
    this.pieceBytes = 0
    return text
  }

  private finishValue(chunk: string, from: number, to: number, out: RawValue[]) {
    const text = this.take(chunk, from, to)
    const ignored = this.ignoredValue
    out.push({ text, line: this.startLine, ignored, recordsBefore: this.records })
    if (!ignored) this.records++
    this.state = this.inStopSales || this.mode === 'array' ? S.ArrAfter : S.ObjAfter
  }

  private finishKey(chunk: string, from: number, to: number) {
    const text = this.take(chunk, from, to)
    let key: string
    try {
      key = JSON.parse(text) as string
    } catch (cause) {
      throw new ImportFileError(
        'importFile.brokenName',
        `The file is not valid JSON: a name on line ${this.startLine} is broken.`,
        { line: this.startLine },
        { cause },
      )
    }
    const k = normalizeFieldName(key)
    this.keyIsStopSales = k === 'stopsales' || k === 'stop_sales'
    if (this.keyIsStopSales) {
      if (this.stopSalesSeen) {
        throw new ImportFileError(
          'importFile.twoStopSalesLists',
          'The JSON file has two "stopSales" lists; keep only one.',
        )
      }
      this.stopSalesSeen = true
    } else this.rootKeys++
    this.state = S.ObjColon
  }
}
