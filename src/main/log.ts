/**
 * The app's log: one JSON object per line in <data dir>/logs/app.log. Everything written is
 * scrubbed of credentials first. Small on purpose; a rotated file keeps it bounded.
 */
import { appendFileSync, renameSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ensurePrivateDir, PRIVATE_FILE_MODE, tighten } from './private-files'
import { scrub } from './secrets'

export type LogLevel = 'info' | 'warn' | 'error'

export interface Logger {
  readonly file: string | undefined
  info(message: string, data?: unknown): void
  warn(message: string, data?: unknown): void
  error(message: string, data?: unknown): void
}

const MAX_BYTES = 5 * 2 ** 20

export function createFileLogger(dataDir: string): Logger {
  const file = join(dataDir, 'logs', 'app.log')
  // Owner-only, like the rest of the data folder (an older version left them 0644).
  ensurePrivateDir(dirname(file))
  tighten(file, PRIVATE_FILE_MODE)
  tighten(`${file}.1`, PRIVATE_FILE_MODE)
  const write = (level: LogLevel, message: string, data?: unknown) => {
    const line = scrub(JSON.stringify({ at: new Date().toISOString(), level, message, data: serialise(data) }))
    try {
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`)
      appendFileSync(file, `${line}\n`, { mode: PRIVATE_FILE_MODE })
    } catch {
      // Logging must never take the app down.
    }
  }
  return {
    file,
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  }
}

/** For tests that want to read what was logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const write = (level: LogLevel) => (message: string, data?: unknown) =>
    lines.push(scrub(JSON.stringify({ level, message, data: serialise(data) })))
  return { file: undefined, lines, info: write('info'), warn: write('warn'), error: write('error') }
}

function serialise(data: unknown): unknown {
  if (data instanceof Error) return { name: data.name, message: data.message, stack: data.stack }
  return data
}
