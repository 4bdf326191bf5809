/**
 * What the command line prints. With --json: exactly one JSON document on stdout. Without: lines
 * and tables for people. Either way every byte goes through `scrub` first, so a password the
 * process has seen can never reach a terminal or a scheduler's log, and then through
 * `escapeControls`, so no text from a file or Sedna can drive the terminal.
 */
import { scrub } from '../main/secrets'

export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean }
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean }
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
}

/** A command's answer: the JSON document, and the same for people. */
export interface CommandResult {
  exitCode: number
  json: unknown
  text: string
}

export const write = (stream: NodeJS.WritableStream, text: string): Promise<void> =>
  new Promise((resolve) => {
    if (!text) return resolve()
    stream.write(escapeControls(scrub(text)), () => resolve())
  })

/**
 * What a terminal would act on instead of showing: C0 controls except line feed and tab (ESC starts
 * escape sequences, CR overwrites a line, BEL rings), DEL, C1 controls (U+009B is a one-character CSI)
 * and the bidi embedding/override/isolate controls (which reorder what is shown). The import removes
 * them; a database from before that (or Sedna's text) may still hold them.
 */
// eslint-disable-next-line no-control-regex -- naming the control characters is the point
const TERMINAL_UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g

/**
 * Each unsafe character as `\uXXXX`: visible and exact in any terminal or log, and the same escape
 * JSON uses, so --json output stays valid JSON that parses back to the stored text (JSON.stringify
 * already escapes C0; DEL, C1 and bidi controls can only stand inside its strings, where `\uXXXX`
 * means the same character). One form for both outputs, so `write` needs not know which it prints.
 */
export function escapeControls(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Errors are one line: newlines from nested messages are folded. */
export const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim()

/** A plain-text table: a header row, columns padded to the widest cell (cells cut at `max`). */
export function table(header: string[], rows: (string | number | null | undefined)[][], max = 48): string {
  const cells = [header, ...rows.map((r) => r.map((c) => cut(c == null ? '' : String(c), max)))]
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

function cut(text: string, max: number): string {
  // Escaped before measuring, so the columns line up with what the terminal shows.
  const flat = escapeControls(oneLine(text))
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** "2025-06-15..2025-06-20" or a single night. */
export const nights = (first: string, last: string) => (first === last ? first : `${first}..${last}`)

export const codes = (list: readonly string[]) => (list.length ? list.join(',') : 'all')
