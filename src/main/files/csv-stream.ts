/**
 * CSV records streamed out of csv-parse with their line numbers: batches with backpressure, the
 * records before a broken one still delivered, and csv-parse's errors in words for staff.
 */
import { CsvError, type Parser } from 'csv-parse'
import { ImportFileError } from './file-error'

/**
 * Line numbers of CSV records, from csv-parse's byte counts (csv-parse's own line count is off
 * after quoted CRLF line breaks). Holds only bytes csv-parse has not finished with.
 */
export class LineTracker {
  private chunks: Buffer[] = []
  private index = 0
  private offset = 0
  private line = 1
  private afterCR = false

  push(chunk: Buffer): void {
    if (chunk.length > 0) this.chunks.push(chunk)
  }

  /** Moves to byte `end` (a record's end); returns the line where the record's first character is. */
  advance(end: number): number {
    let start: number | undefined
    while (this.offset < end) {
      const chunk = this.chunks[0]
      if (!chunk) break
      const byte = chunk[this.index]!
      if (start === undefined && byte !== 10 && byte !== 13) start = this.line
      if (byte === 10) {
        if (!this.afterCR) this.line++
        this.afterCR = false
      } else if (byte === 13) {
        this.line++
        this.afterCR = true
      } else this.afterCR = false
      this.offset++
      if (++this.index === chunk.length) {
        this.chunks.shift()
        this.index = 0
      }
    }
    return start ?? this.line
  }

  /** Line of the first character not yet part of a record. */
  pendingLine(): number {
    let line = this.line
    let afterCR = this.afterCR
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!
      for (let i = c === 0 ? this.index : 0; i < chunk.length; i++) {
        const byte = chunk[i]!
        if (byte === 10) {
          if (!afterCR) line++
          afterCR = false
        } else if (byte === 13) {
          line++
          afterCR = true
        } else return line
      }
    }
    return line
  }
}

export interface CsvRecord {
  record: string[]
  info: { bytes: number }
}

/**
 * csv-parse's records as they come, in batches, with backpressure. Unlike the stream's own async
 * iterator, the records parsed before an error are still delivered (then the error is thrown), so
 * the rows before an unclosed quote come out and the line numbers stay right.
 */
export async function* csvRecords(parser: Parser): AsyncGenerator<CsvRecord[], void, undefined> {
  let queue: CsvRecord[] = []
  let failure: { error: unknown } | undefined
  let ended = false
  let wake: (() => void) | undefined
  const signal = () => {
    const w = wake
    wake = undefined
    w?.()
  }
  parser.on('data', (record: string[]) => {
    // The parser's live counters, read as each record is pushed: where the record ends (csv-parse's
    // per-record `info` option would copy all its counters for every record).
    queue.push({ record, info: { bytes: parser.info.bytes } })
    if (queue.length >= 1024) parser.pause()
    signal()
  })
  parser.on('error', (error: unknown) => {
    failure = { error }
    signal()
  })
  parser.on('end', () => {
    ended = true
    signal()
  })
  try {
    for (;;) {
      if (queue.length) {
        const batch = queue
        queue = []
        if (parser.isPaused() && !failure) parser.resume()
        yield batch
        continue
      }
      if (failure) throw failure.error
      if (ended) return
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    parser.destroy()
  }
}

export function csvFileError(e: unknown, lines: LineTracker): unknown {
  if (e instanceof ImportFileError || !(e instanceof CsvError)) return e
  const line = lines.pendingLine()
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ImportFileError(
      'importFile.quoteNotClosed',
      `A quote (") opened in the row starting on line ${line} is never closed, so the rest of the file cannot be read. Fix the quotes in that row and import the file again.`,
      { line },
      { cause: e },
    )
  }
  if (e.code === 'CSV_MAX_RECORD_SIZE') {
    return new ImportFileError(
      'importFile.rowTooLong',
      `The row starting on line ${line} is longer than 1 MiB; most likely a quote (") opened there is never closed.`,
      { line },
      { cause: e },
    )
  }
  // csv-parse's own message may quote the row: only its code is given.
  return new ImportFileError(
    'importFile.csvBroken',
    `The CSV file cannot be read near line ${line} (${e.code}): check the quotes and separators there.`,
    { line, reason: e.code },
    { cause: e },
  )
}
