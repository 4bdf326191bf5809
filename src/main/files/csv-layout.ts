/**
 * The layout of a CSV file's first lines, for both importers: which separator it uses (the most
 * frequent of ",", ";" and tab outside quotes in the header line, or Excel's "sep=" line) and whether
 * a "sep=" line precedes the header.
 */
import { ImportFileError } from './file-error'

export type Delimiter = ',' | ';' | '\t'

export interface HeaderLayout {
  delimiter: Delimiter
  /** The file starts with Excel's "sep=;" line, which is not the header. */
  sepLine: boolean
}

const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'] // tie order
export const delimiterName = (d: Delimiter) => (d === '\t' ? 'tab' : `"${d}"`)

/** Index of the first line break outside quotes at or after `from`, or -1. */
function lineEnd(text: string, from: number): number {
  let quoted = false
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) quoted = !quoted
    else if (!quoted && (c === 10 || c === 13)) return i
  }
  return -1
}

/** Counts ',', ';' and tab outside quotes; the most frequent wins, ties → ';' before ',' before tab. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1)
  }
  let best: Delimiter = ';'
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d
  return best
}

/** Finds the header line (after blank lines and an optional "sep=" line). Undefined: need more text. */
export function scanHeader(text: string, eof: boolean): HeaderLayout | undefined {
  let pos = 0
  let sep: Delimiter | undefined
  for (;;) {
    const end = lineEnd(text, pos)
    if (end === -1 && !eof) return undefined
    const line = text.slice(pos, end === -1 ? text.length : end)
    if (line.trim() !== '') {
      const m = sep === undefined ? /^sep=(.)$/i.exec(line.replace(/^\uFEFF/, '')) : null
      if (!m) return { delimiter: sep ?? detectDelimiter(line), sepLine: sep !== undefined }
      const d = m[1]!
      if (d !== ',' && d !== ';' && d !== '\t') {
        throw new ImportFileError(
          'importFile.separatorLine',
          'The file\'s "sep=" line asks for a separator other than ",", ";" or tab, which are the only ones supported.',
        )
      }
      sep = d
    }
    if (end === -1) return { delimiter: sep ?? ';', sepLine: sep !== undefined }
    pos = end + 1
  }
}
