/** The command line's parsing and exit-code rules, in-process (the integration test runs the real thing). */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMMANDS, helpText, parseCli } from '../../src/cli/args'
import { CliError, EXIT, exitCodeOfKind } from '../../src/cli/errors'
import { syncExitCode } from '../../src/cli/commands/sync'
import type { SettledSummary } from '../../src/main/outbox/settle'
import { precheck } from '../../src/cli/validate'

function usageError(argv: string[]): string {
  try {
    const args = parseCli(argv)
    precheck(args)
  } catch (err) {
    expect(err).toBeInstanceOf(CliError)
    expect((err as CliError).exitCode).toBe(EXIT.usage)
    return (err as CliError).message
  }
  throw new Error(`"${argv.join(' ')}" was accepted`)
}

describe('command-line arguments', () => {
  it('finds one- and two-word commands, with global options anywhere', () => {
    expect(parseCli(['--data-dir', '/d', 'sync', '--all', '--json'])).toMatchObject({
      command: 'sync',
      positionals: [],
      json: true,
      dataDir: '/d',
      options: { all: true },
    })
    expect(parseCli(['map', 'hotel', 'Grand Palace Otel', '1187', '--data-dir=/x'])).toMatchObject({
      command: 'map hotel',
      positionals: ['Grand Palace Otel', '1187'],
      dataDir: '/x',
    })
    expect(parseCli(['list', '--status', 'queued', '--status', 'failed']).options.status).toEqual(['queued', 'failed'])
    expect(parseCli(['sync', '3', '1', '2']).positionals).toEqual(['3', '1', '2'])
    expect(parseCli(['reservations', 'cancel', '7', '--yes', '--json'])).toMatchObject({
      command: 'reservations cancel',
      positionals: ['7'],
      options: { yes: true },
    })
    expect(parseCli(['reservations', 'sync', '--all', '--wait', '10'])).toMatchObject({
      command: 'reservations sync',
      options: { all: true, wait: '10' },
    })
    expect(parseCli(['map', 'nationality', 'Ukrayna', '214'])).toMatchObject({
      command: 'map nationality',
      positionals: ['Ukrayna', '214'],
    })
  })

  it('--help and help give a topic; --version needs no command', () => {
    expect(parseCli(['sync', '--help'])).toMatchObject({ command: 'help', positionals: ['sync'] })
    expect(parseCli(['map', '--help'])).toMatchObject({ command: 'help', positionals: ['map'] })
    expect(parseCli(['help', 'profile'])).toMatchObject({ command: 'help', positionals: ['profile'] })
    expect(parseCli(['--version'])).toMatchObject({ command: 'help', version: true })
    expect(helpText('map')).toMatch(/map room HOTEL_ID CODE ROOM_TYPE_ID/)
    expect(helpText('map')).toMatch(/map nationality "NATIONALITY" COUNTRY_ID/)
    expect(helpText('reservations')).toMatch(/reservations cancel ID --yes/)
    expect(parseCli(['reservations', '--help'])).toMatchObject({ command: 'help', positionals: ['reservations'] })
    for (const c of COMMANDS) expect(helpText()).toContain(`sedna-stop-sales ${c.name}`)
  })

  it('refuses unknown commands and options, missing values and arguments, with a usage hint', () => {
    expect(usageError([])).toMatch(/no command given/)
    expect(usageError(['synk'])).toMatch(/unknown command "synk".*help/)
    expect(usageError(['profile'])).toMatch(/"profile" needs one of: set, show, test/)
    expect(usageError(['refs', 'reload'])).toMatch(/unknown command "refs reload"/)
    expect(usageError(['sync', '--force'])).toMatch(/unknown option --force for "sync".*help sync/)
    expect(usageError(['list', '--all'])).toMatch(/unknown option --all for "list"/)
    expect(usageError(['list', '--status'])).toMatch(/--status needs a value/)
    expect(usageError(['sync', '--all=yes'])).toMatch(/--all takes no value/)
    expect(usageError(['import'])).toMatch(/"import" needs FILE/)
    expect(usageError(['import', 'a.json', 'b.json'])).toMatch(/does not take "b.json"/)
    expect(usageError(['map', 'room', '18', 'DBL'])).toMatch(/needs HOTEL_ID CODE ROOM_TYPE_ID/)
    expect(usageError(['reservations'])).toMatch(/"reservations" needs one of: import, list, sync, cancel/)
    expect(usageError(['reservations', 'show', '1'])).toMatch(/unknown command "reservations show"/)
    expect(usageError(['reservations', 'cancel'])).toMatch(/"reservations cancel" needs ID --yes/)
    expect(usageError(['reservations', 'list', '--all'])).toMatch(/unknown option --all for "reservations list"/)
    expect(usageError(['sync', '1', '--yes'])).toMatch(/unknown option --yes for "sync"/)
  })

  it('checks values before the database is opened', () => {
    expect(usageError(['sync'])).toMatch(/stop sale ids, or --all/)
    expect(usageError(['sync', '1', '--all'])).toMatch(/not both/)
    expect(usageError(['sync', '1', 'x'])).toMatch(/a stop sale id must be a whole number, got "x"/)
    expect(usageError(['sync', '--all', '--wait', 'soon'])).toMatch(/--wait must be a whole number/)
    expect(usageError(['queue', '--wait', '5'])).toMatch(/--wait goes with --flush/)
    expect(usageError(['list', '--status', 'synced,done'])).toMatch(/--status must be one of .*"done"/)
    expect(usageError(['map', 'board', 'AI', '0'])).toMatch(/BOARD_ID/)
    expect(usageError(['profile', 'set', '--url', 'http://x'])).toMatch(/--url URL and --username NAME/)
    expect(usageError(['profile', 'set', '--url', 'u', '--username', 'n', '--all-rooms', 'some'])).toMatch(/explicit/)
    expect(usageError(['sim', '--port', '70000'])).toMatch(/--port/)
    expect(() => precheck(parseCli(['list', '--status', 'needs-attention']))).not.toThrow()
    expect(usageError(['reservations', 'sync'])).toMatch(/reservation ids, or --all/)
    expect(usageError(['reservations', 'sync', '1', '--all'])).toMatch(/not both/)
    expect(usageError(['reservations', 'sync', '0'])).toMatch(/a reservation id must be a whole number, got "0"/)
    expect(usageError(['reservations', 'list', '--status', 'creating'])).toMatch(/--status must be one of .*cancelled/)
    expect(() => precheck(parseCli(['reservations', 'list', '--status', 'cancelled,needs-attention']))).not.toThrow()
    expect(usageError(['list', '--status', 'cancelled'])).toMatch(/--status must be one of/)
    expect(usageError(['map', 'nationality', 'UA', 'x'])).toMatch(/COUNTRY_ID must be a whole number/)
  })

  it('a cancel is confirmed with --yes, or nothing happens (exit 2)', () => {
    expect(usageError(['reservations', 'cancel', '5'])).toMatch(
      /cancelling reservation #5 in Sedna cannot be undone: add --yes to confirm/,
    )
    expect(usageError(['reservations', 'cancel', 'x', '--yes'])).toMatch(/a reservation id must be a whole number/)
    expect(() => precheck(parseCli(['reservations', 'cancel', '5', '--yes']))).not.toThrow()
  })
})

describe('exit codes', () => {
  it('maps the app’s error kinds', () => {
    expect(exitCodeOfKind('validation')).toBe(2)
    expect(exitCodeOfKind('not-found')).toBe(2)
    expect(exitCodeOfKind('network')).toBe(3)
    for (const kind of ['auth', 'sedna', 'conflict', 'unavailable', 'internal'] as const)
      expect(exitCodeOfKind(kind)).toBe(1)
  })

  it('a sync: queued beats needs-a-person beats done', () => {
    const kind = { synced: 0, failed: 0, queued: 0, needsAttention: 0, needsReview: 0, cancelled: 0 }
    const s = (over: Partial<SettledSummary>): SettledSummary => ({
      synced: 1,
      failed: 0,
      queued: 0,
      needsAttention: 0,
      needsReview: 0,
      connectivity: 'online',
      handledHere: 1,
      stopSales: kind,
      reservations: kind,
      results: [],
      reservationResults: [],
      errors: [],
      ...over,
    })
    expect(syncExitCode(s({}))).toBe(0)
    expect(syncExitCode(s({ needsReview: 1 }))).toBe(1)
    expect(syncExitCode(s({ failed: 1 }))).toBe(1)
    expect(syncExitCode(s({ queued: 2, failed: 1 }))).toBe(3)
  })
})

describe('boundaries', () => {
  it('the command line never imports electron', () => {
    const dir = join(import.meta.dirname, '../../src/cli')
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(5)
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/from ['"]electron['"]/)
  })
})
