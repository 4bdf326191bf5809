/**
 * "Export diagnostics" (Settings) and `diagnostics --to FILE`: one zip staff can e-mail to whoever supports
 * them — versions, the database's integrity and counts, the end of the log. Nothing secret and no guest
 * data goes in: accounts are listed without name, username or password; the log tail passes the log's
 * own redaction again (an older line may predate it), loses Authorization headers, and loses every field
 * and word that names a guest the database still holds, and Sedna usernames (the log does not carry guest data by design;
 * this is the net under that).
 */
import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { release } from 'node:os'
import { dirname, isAbsolute } from 'node:path'
import type Database from 'better-sqlite3'
import { strToU8, zipSync } from 'fflate'
import { message } from '../../shared/messages'
import type { ReservationGuest } from '../../shared/reservations'
import { failure } from '../db/restore'
import { readJournal, schemaState } from '../db/schema-version'
import { AppFailure } from '../errors'
import type { Logger } from '../log'
import { PRIVATE_FILE_MODE } from '../private-files'
import { redactText } from '../sedna/redact'
import { scrubberFor, type Scrubber } from './guest-data-scrub'

export interface DiagnosticsExport {
  file: string
  bytes: number
  entries: string[]
}

export interface DiagnosticsService {
  /** Writes the zip as the new file `file` (absolute); an existing file is never replaced. */
  exportTo(file: string): Promise<DiagnosticsExport>
  /**
   * "Export diagnostics…" (Settings): main's save dialog picks the file, the zip is written there; null when
   * staff cancelled. Without a dialog (command line, tests) it fails 'unavailable' (diagnostics.noChooser).
   */
  save(): Promise<DiagnosticsExport | null>
}

export interface DiagnosticsDeps {
  version: string
  dataDir: string
  databaseFile: string
  sqlite: Database.Database
  migrationsFolder: string
  logger: Logger
  /** The queue's size (sync.status()). */
  queue: () => { waiting: number; waitingStopSales: number; waitingReservations: number; running: boolean }
  /** The mirror per account (mirror.status()). */
  mirror: () => {
    accounts: {
      profileId: number
      records: number
      lastPull: { kind: string; finishedAt: string } | null
      lastFullAt: string | null
      lastFailure: { at: string } | null
    }[]
  }
  now?: () => Date
  /** Shows the save dialog offering `suggestedName` (the Electron app); answers the path chosen, null: cancelled. */
  chooseSaveFile?: ((suggestedName: string) => Promise<string | null>) | undefined
}

/** How many of the log's last lines go in. */
export const LOG_TAIL_LINES = 500

export const DIAGNOSTICS_ENTRIES = ['about.json', 'database.json', 'log-tail.txt'] as const

/** The name the save dialog offers: `sedna-diagnostics-YYYY-MM-DD-HHmm.zip`, in local time. */
export function suggestedDiagnosticsName(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const day = `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`
  return `sedna-diagnostics-${day}-${p(at.getHours())}${p(at.getMinutes())}.zip`
}

export function createDiagnosticsService(d: DiagnosticsDeps): DiagnosticsService {
  const now = d.now ?? (() => new Date())

  function about() {
    const journal = readJournal(d.migrationsFolder)
    const applied = d.sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get() as number
    return {
      app: 'Sedna Stop Sales',
      version: d.version,
      createdAt: now().toISOString(),
      runtime: {
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        chromium: process.versions.chrome ?? null,
        platform: process.platform,
        arch: process.arch,
        osRelease: release(),
      },
      dataDir: d.dataDir,
      databaseFile: d.databaseFile,
      databaseBytes: statSync(d.databaseFile, { throwIfNoEntry: false })?.size ?? null,
      schema: {
        state: schemaState(d.sqlite, journal).kind,
        appliedMigrations: applied,
        newestKnown: journal.at(-1)?.tag ?? null,
      },
    }
  }

  function database() {
    const found = (d.sqlite.pragma('integrity_check(20)') as Record<string, unknown>[]).map((r) =>
      String(Object.values(r)[0]),
    )
    const perStatus = (table: string) =>
      Object.fromEntries(
        (
          d.sqlite.prepare(`select status, count(*) as n from ${table} group by status order by status`).all() as {
            status: string
            n: number
          }[]
        ).map((r) => [r.status, r.n]),
      )
    const accounts = (
      d.sqlite.prepare('select id, kind, base_url, operator_code, is_active from sedna_profiles order by id').all() as {
        id: number
        kind: string
        base_url: string
        operator_code: string | null
        is_active: number
      }[]
    ).map((a) => ({
      // No name, username or password: the host tells which Sedna it talks to.
      account: a.id,
      kind: a.kind,
      host: hostOf(a.base_url),
      operatorCode: a.operator_code,
      active: a.is_active === 1,
    }))
    const mirror = d.mirror().accounts.map((a) => ({
      account: a.profileId,
      records: a.records,
      lastPullKind: a.lastPull?.kind ?? null,
      lastPullAt: a.lastPull?.finishedAt ?? null,
      lastFullAt: a.lastFullAt,
      lastFailureAt: a.lastFailure?.at ?? null,
    }))
    return {
      integrity: found.length === 1 && found[0] === 'ok' ? 'ok' : found,
      stopSales: perStatus('stop_sales'),
      reservations: perStatus('reservations'),
      queue: d.queue(),
      mirror,
      accounts,
    }
  }

  function logTail(): string {
    const file = d.logger.file
    if (!file) return '(this process logs to no file)\n'
    const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : [])
    let lines = read(file)
    if (lines.length < LOG_TAIL_LINES) lines = [...read(`${file}.1`), ...lines]
    const guests = guestScrubber(d.sqlite)
    return (
      lines
        .slice(-LOG_TAIL_LINES)
        .map((line) => scrubLogLine(line, guests))
        .join('\n') + '\n'
    )
  }

  /** `replace`: the file may exist and is replaced whole (see save()); otherwise an existing file is refused. */
  async function write(file: string, replace: boolean): Promise<DiagnosticsExport> {
    if (!isAbsolute(file)) {
      throw failure(
        'validation',
        'diagnostics.notAbsolute',
        `Choose where to save the diagnostics with a full path, not ${file}.`,
        {
          file,
        },
      )
    }
    if (!replace && existsSync(file)) {
      throw failure(
        'validation',
        'diagnostics.exists',
        `${file} already exists: choose a new name. Nothing was written.`,
        {
          file,
        },
      )
    }
    if (!statSync(dirname(file), { throwIfNoEntry: false })?.isDirectory()) {
      throw failure('validation', 'diagnostics.noFolder', `There is no folder ${dirname(file)}. Nothing was written.`, {
        dir: dirname(file),
      })
    }
    const temp = `${file}.${process.pid}.tmp`
    try {
      const zip = zipSync({
        'about.json': strToU8(JSON.stringify(about(), null, 2)),
        'database.json': strToU8(JSON.stringify(database(), null, 2)),
        'log-tail.txt': strToU8(logTail()),
      })
      // Temp file then rename: a zip is whole or absent, never half-written under the name chosen (and a
      // file it replaces stays as it was until the new zip is complete).
      writeFileSync(temp, zip, { flag: 'wx', mode: PRIVATE_FILE_MODE })
      renameSync(temp, file)
      d.logger.info('diagnostics written', { file, bytes: zip.byteLength })
      return { file, bytes: zip.byteLength, entries: [...DIAGNOSTICS_ENTRIES] }
    } catch (err) {
      try {
        unlinkSync(temp)
      } catch {
        // Not written, or already renamed.
      }
      if (err instanceof AppFailure) throw err
      const detail = err instanceof Error ? err.message : String(err)
      throw failure(
        'unavailable',
        'diagnostics.writeFailed',
        `The diagnostics could not be written to ${file} (${detail}). Check that the disk is not full and the folder is writable.`,
        { file, detail },
      )
    }
  }

  async function save(): Promise<DiagnosticsExport | null> {
    if (!d.chooseSaveFile) {
      throw AppFailure.coded('unavailable', message('diagnostics.noChooser'))
    }
    const file = await d.chooseSaveFile(suggestedDiagnosticsName(now()))
    if (file === null) return null
    // A file chosen in the save dialog may exist: the dialog itself asked staff whether to replace it
    // (index.ts asks for that confirmation on Linux too), so it is replaced — by the rename over it, the
    // same atomic step as for a new file: until the new zip is whole the old file stays untouched, and a
    // failed write leaves it as it was. `diagnostics --to FILE` and diagnostics.export were asked nothing,
    // so they still refuse an existing file.
    return write(file, true)
  }

  return { exportTo: (file) => write(file, false), save }
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host
  } catch {
    return '(not a web address)'
  }
}

/** Every guest the database still holds personal data of (purged ones have none left). */
function guestScrubber(sqlite: Database.Database): Scrubber {
  const guests = (
    sqlite.prepare('select guests from reservations where guest_data_purged_at is null').pluck().all() as string[]
  ).flatMap((g) => JSON.parse(g) as ReservationGuest[])
  return scrubberFor(guests)
}

/** `"Authorization": "Basic …"` in JSON and `Authorization: Bearer …` in free text. */
const AUTH_JSON = /("(?:proxy-)?authorization"\s*:\s*)"(?:[^"\\]|\\.)*"/giu
const AUTH_TEXT = /(\b(?:proxy-)?authorization:\s*)[^\s",]+(?:\s+[^\s",]+)?/giu

/** Sedna usernames (not secret in the app, but support has no need of them): `username=…`, `"username": "…"`. */
const USER_QUERY = /((?:^|[?&;\s])username=)[^&#\s"<>]*/giu
const USER_JSON = /("username"\s*:\s*)"(?:[^"\\]|\\.)*"/giu

/** One log line: the log's redaction (by name), no Authorization value or username, no guest's field or word. */
export function scrubLogLine(line: string, guests: Scrubber): string {
  const redacted = redactText(line)
    .replace(AUTH_JSON, '$1"***"')
    .replace(AUTH_TEXT, '$1***')
    .replace(USER_QUERY, '$1***')
    .replace(USER_JSON, '$1"***"')
  return guests.body(redacted) ?? ''
}
