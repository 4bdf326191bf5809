/**
 * The command table and argument parsing (node:util parseArgs). Every command takes the global
 * options; anything else unknown is bad usage (exit 2) with one line that says what and how.
 */
import { parseArgs } from 'node:util'
import { CliError } from './errors'

export const PROGRAM = 'sedna-stop-sales'

interface OptionSpec {
  type: 'string' | 'boolean'
  multiple?: boolean
  short?: string
  /** e.g. "DIR"; shown in the usage. */
  value?: string
}

/** Every option any command knows, with one type each (parsing needs it before it knows the command). */
const OPTIONS = {
  'data-dir': { type: 'string', value: 'DIR' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  url: { type: 'string', value: 'URL' },
  username: { type: 'string', value: 'NAME' },
  name: { type: 'string', value: 'N' },
  'operator-code': { type: 'string', value: 'CODE' },
  authority: { type: 'string', value: 'ID' },
  'record-user': { type: 'string', value: 'NAME' },
  'all-rooms': { type: 'string', value: 'explicit|empty' },
  'all-boards': { type: 'string', value: 'explicit|empty' },
  'dry-run': { type: 'boolean' },
  status: { type: 'string', multiple: true, value: 'STATUS' },
  all: { type: 'boolean' },
  flush: { type: 'boolean' },
  wait: { type: 'string', value: 'SECONDS' },
  port: { type: 'string', value: 'P' },
  yes: { type: 'boolean' },
  to: { type: 'string', value: 'FILE' },
  'allow-http': { type: 'boolean' },
  lang: { type: 'string', value: 'en|tr' },
  full: { type: 'boolean' },
  accept: { type: 'string', value: 'ID' },
  resend: { type: 'string', value: 'ID' },
  confirm: { type: 'boolean' },
  from: { type: 'string', value: 'DATE' },
  board: { type: 'string', value: 'CODE' },
} as const satisfies Record<string, OptionSpec>

type OptionName = keyof typeof OPTIONS
const GLOBAL_OPTIONS: OptionName[] = ['data-dir', 'json', 'help', 'version', 'lang']

export type CommandName =
  | 'profile set'
  | 'profile show'
  | 'profile test'
  | 'refs refresh'
  | 'refs countries'
  | 'import'
  | 'list'
  | 'sync'
  | 'queue'
  | 'pull'
  | 'reconcile'
  | 'calendar'
  | 'map hotel'
  | 'map room'
  | 'map board'
  | 'map nationality'
  | 'reservations import'
  | 'reservations list'
  | 'reservations sync'
  | 'reservations cancel'
  | 'backup'
  | 'diagnostics'
  | 'restore'
  | 'sim'
  | 'help'

interface CommandSpec {
  name: CommandName
  /** Arguments after the command words, as shown in the usage. */
  args: string
  positionals: { min: number; max: number }
  options: OptionName[]
  summary: string
}

const SYNC_WAIT = '[--wait SECONDS]'

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'profile set',
    args: '--url URL --username NAME [--name N] [--operator-code CODE] [--authority ID] [--record-user NAME] [--all-rooms explicit|empty] [--all-boards explicit|empty] [--allow-http]',
    positionals: { min: 0, max: 0 },
    options: [
      'url',
      'username',
      'name',
      'operator-code',
      'authority',
      'record-user',
      'all-rooms',
      'all-boards',
      'allow-http',
    ],
    summary:
      'Set up the Sedna account the command line uses (and make it active). The password comes from SEDNA_PASSWORD or stdin, never from an argument; a changed address or username needs it again. An http:// address needs --allow-http (the password would travel unencrypted).',
  },
  {
    name: 'profile show',
    args: '',
    positionals: { min: 0, max: 0 },
    options: [],
    summary: 'The Sedna accounts, which one is active, and whether the keychain answers.',
  },
  {
    name: 'profile test',
    args: '',
    positionals: { min: 0, max: 0 },
    options: [],
    summary: 'Log in to Sedna with the active account and print the operator id.',
  },
  {
    name: 'refs refresh',
    args: '',
    positionals: { min: 0, max: 0 },
    options: [],
    summary: 'Fetch hotels, room types, boards and countries from Sedna now; print the counts.',
  },
  {
    name: 'refs countries',
    args: '[QUERY]',
    positionals: { min: 0, max: 1 },
    options: [],
    summary: 'Sedna’s countries (guest nationalities) with their ids, for "map nationality"; QUERY: a code or a name.',
  },
  {
    name: 'import',
    args: 'FILE [--dry-run]',
    positionals: { min: 1, max: 1 },
    options: ['dry-run'],
    summary: 'Import a parsed stop-sales file (JSON or CSV); --dry-run only says what it would do.',
  },
  {
    name: 'list',
    args: '[--status STATUS]…',
    positionals: { min: 0, max: 0 },
    options: ['status'],
    summary: 'The stop sales with their status, Sedna RecId and last error (oldest first).',
  },
  {
    name: 'sync',
    args: `ID… | --all ${SYNC_WAIT} | (ID… | --all) --dry-run`,
    positionals: { min: 0, max: 10_000 },
    options: ['all', 'wait', 'dry-run'],
    summary:
      'Send these stop sales with the two-phase sync (--all: every pending stop sale and reservation, and everything waiting in the queue), and wait until each is synced, parked or queued. --dry-run: only say what it would do with what it marks for sending — the ids, or with --all every pending stop sale and reservation (what already waits in the queue goes on as it is; see `queue`) — nothing sent, a fresh look in Sedna: { create, adopt, overlap: [{ id, recIds, nights }], reopen: [{ id, nights }], update, blocked, fresh, items, reservations }.',
  },
  {
    name: 'queue',
    args: `[--flush ${SYNC_WAIT}]`,
    positionals: { min: 0, max: 0 },
    options: ['flush', 'wait'],
    summary: 'What waits to be sent (stop sales and reservations) and why; --flush tries it all now and waits.',
  },
  {
    name: 'pull',
    args: '[--full]',
    positionals: { min: 0, max: 0 },
    options: ['full'],
    summary:
      "Read Sedna's stop sales into the app's copy (the mirror) now: what changed since the last pull, or with --full every record from 30 nights ago to 18 months ahead (deletions in Sedna are noticed then); print the counts.",
  },
  {
    name: 'reconcile',
    args: `[--accept ID | --resend ID [--confirm] ${SYNC_WAIT}]`,
    positionals: { min: 0, max: 0 },
    options: ['accept', 'resend', 'confirm', 'wait'],
    summary:
      "Read every stop sale in Sedna (as pull --full), then compare each stop sale sent from here with its copy there: { pulled, adopted, changedInSedna: [{ id, recId, fields }], missingInSedna: [{ id, recId }] }. pulled: records Sedna listed; adopted: stop sales of this account that were found already in Sedna before their first send (linked to that record, nothing written); fields: [{ field, ours, sedna }] ('*' = all rooms or boards). Exit 4 when any changed in Sedna or is no longer there. --accept ID: that stop sale takes Sedna's version. --resend ID: ours is sent again on the same RecId; one deleted in Sedna is created anew only with --confirm (waited for as sync ID).",
  },
  {
    name: 'calendar',
    args: 'HOTEL --from DATE --to DATE [--board CODE]',
    positionals: { min: 1, max: 1 },
    options: ['from', 'to', 'board'],
    summary:
      "A hotel's nights × room types, each night closed or open in Sedna, or closing / opening (this desk's, waiting to be sent), decided by the notice declared last — Sedna's records from the app's copy (run pull first for a fresh one) and this desk's own. HOTEL: a Sedna hotel id or a name (one clear match among the cached hotels); DATE: YYYY-MM-DD or dd.MM.yyyy, at most 400 nights; --board: only notices covering that board count. Text: a grid (# closed, . open, c closing, o opening); --json: { hotel: { id, name }, nights, rows: [{ roomTypeId, code, states }], board, unplaced, mirrorPulledAt } (roomTypeId null and code '*' for the all-rooms row).",
  },
  {
    name: 'map hotel',
    args: '"NAME" HOTEL_ID',
    positionals: { min: 2, max: 2 },
    options: [],
    summary: 'This hotel name (as the e-mails write it) is that Sedna hotel.',
  },
  {
    name: 'map room',
    args: 'HOTEL_ID CODE ROOM_TYPE_ID',
    positionals: { min: 3, max: 3 },
    options: [],
    summary: 'This room code at this hotel is that Sedna room type.',
  },
  {
    name: 'map board',
    args: 'CODE BOARD_ID',
    positionals: { min: 2, max: 2 },
    options: [],
    summary: 'This board code is that Sedna board.',
  },
  {
    name: 'map nationality',
    args: '"NATIONALITY" COUNTRY_ID',
    positionals: { min: 2, max: 2 },
    options: [],
    summary:
      'This guest nationality (a code like UA or a name like Ukrayna, as the vouchers write it) is that Sedna country (see "refs countries").',
  },
  {
    name: 'reservations import',
    args: 'FILE [--dry-run]',
    positionals: { min: 1, max: 1 },
    options: ['dry-run'],
    summary: 'Import a parsed reservations file (JSON or CSV); --dry-run only says what it would do.',
  },
  {
    name: 'reservations list',
    args: '[--status STATUS]…',
    positionals: { min: 0, max: 0 },
    options: ['status'],
    summary: 'The reservations with voucher, hotel, stay, pax, status, Sedna RecId and last error (oldest first).',
  },
  {
    name: 'reservations sync',
    args: `ID… | --all ${SYNC_WAIT}`,
    positionals: { min: 0, max: 10_000 },
    options: ['all', 'wait'],
    summary:
      'Send these reservations to Sedna (InsertReservation, exactly once; --all: every pending one and every reservation waiting in the queue), and wait until each is synced, parked or queued.',
  },
  {
    name: 'reservations cancel',
    args: `ID --yes ${SYNC_WAIT}`,
    positionals: { min: 1, max: 1 },
    options: ['yes', 'wait'],
    summary:
      'Cancel this reservation in Sedna (one never sent is cancelled here only). It cannot be undone: --yes confirms it.',
  },
  {
    name: 'backup',
    args: '[--to FILE]',
    positionals: { min: 0, max: 0 },
    options: ['to'],
    summary:
      'Back the database up now (SQLite online backup, checked before it counts) into the backups folder, where the newest 7 of each kind are kept; --to: a new file of your own (or into that folder), never deleted by the app.',
  },
  {
    name: 'diagnostics',
    args: '--to FILE',
    positionals: { min: 0, max: 0 },
    options: ['to'],
    summary:
      'Write a zip for support: app and runtime versions, the database check, counts per status, the last log lines. No password, no username and no guest data go in; FILE must be new.',
  },
  {
    name: 'restore',
    args: 'FILE --yes',
    positionals: { min: 1, max: 1 },
    options: ['yes'],
    summary:
      'Replace the data with this backup (a path, or a name from the backups folder); the current data is backed up first. FILE is checked first: a damaged, foreign or newer file changes nothing. --yes confirms it.',
  },
  {
    name: 'sim',
    args: '[--port P]',
    positionals: { min: 0, max: 0 },
    options: ['port'],
    summary: 'Run the Sedna simulator (demo login demo/demo) until Ctrl+C, for demos and trials.',
  },
  {
    name: 'help',
    args: '[COMMAND]',
    positionals: { min: 0, max: 2 },
    options: [],
    summary: 'This help, or one command’s.',
  },
]

const GROUPS = new Set(['profile', 'refs', 'map', 'reservations'])

export interface ParsedArgs {
  /** 'help' also for --help (positionals then hold the topic) and --version. */
  command: CommandName
  positionals: string[]
  options: Partial<Record<OptionName, string | boolean | string[]>>
  json: boolean
  dataDir: string | undefined
  version: boolean
  /** --lang, when given (else the environment decides: see cliLanguage). */
  lang: 'en' | 'tr' | undefined
}

/** True when the raw arguments ask for JSON, for errors that happen before parsing finishes. */
export const wantsJson = (argv: readonly string[]) => argv.includes('--json')

function tokenize(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true })
  } catch (err) {
    throw CliError.usage(`${(err as Error).message.split('\n')[0]} ${hint()}`)
  }
}

export function parseCli(argv: readonly string[]): ParsedArgs {
  const parsed = tokenize(argv)
  const options = parsed.values as ParsedArgs['options']
  const words = parsed.positionals
  const json = options.json === true
  const dataDir = typeof options['data-dir'] === 'string' ? options['data-dir'] : undefined
  const version = options.version === true
  const langOption = options.lang
  if (langOption !== undefined && langOption !== 'en' && langOption !== 'tr') {
    throw CliError.usage(`--lang takes en or tr, not "${String(langOption)}". ${hint()}`)
  }
  const lang = langOption as 'en' | 'tr' | undefined
  const help = (topic: string[]): ParsedArgs => ({
    command: 'help',
    positionals: topic,
    options,
    json,
    dataDir,
    version,
    lang,
  })
  if (version) return help([])

  const first = words[0]
  if (first === undefined) {
    if (options.help === true) return help([])
    throw CliError.usage(`no command given. ${hint()}`)
  }
  let spec: CommandSpec | undefined
  let used: number
  if (GROUPS.has(first)) {
    const second = words[1]
    spec = COMMANDS.find((c) => c.name === `${first} ${second}`)
    if (!spec) {
      if (options.help === true && second === undefined) return help([first])
      const subs = COMMANDS.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name.split(' ')[1])
      throw CliError.usage(
        second === undefined
          ? `"${first}" needs one of: ${subs.join(', ')}. ${hint(first)}`
          : `unknown command "${first} ${second}" ("${first}" takes ${subs.join(', ')}). ${hint(first)}`,
      )
    }
    used = 2
  } else {
    spec = COMMANDS.find((c) => c.name === first)
    if (!spec) throw CliError.usage(`unknown command "${first}". ${hint()}`)
    used = 1
  }

  const allowed = new Set<string>([...GLOBAL_OPTIONS, ...spec.options])
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue
    if (!allowed.has(token.name)) {
      throw CliError.usage(`unknown option ${token.rawName} for "${spec.name}". ${hint(spec.name)}`)
    }
    const type = (OPTIONS as Record<string, OptionSpec>)[token.name]!.type
    if (type === 'string' && (token.value === undefined || token.value === '')) {
      throw CliError.usage(`${token.rawName} needs a value. ${hint(spec.name)}`)
    }
    if (type === 'boolean' && token.value !== undefined) {
      throw CliError.usage(`${token.rawName} takes no value. ${hint(spec.name)}`)
    }
  }
  if (options.help === true) return help([spec.name])

  const positionals = words.slice(used)
  const { min, max } = spec.positionals
  if (positionals.length < min) {
    throw CliError.usage(`"${spec.name}" needs ${spec.args.split(' [')[0]}. ${hint(spec.name)}`)
  }
  if (positionals.length > max) {
    throw CliError.usage(`"${spec.name}" does not take "${positionals[max]}". ${hint(spec.name)}`)
  }
  return { command: spec.name, positionals, options, json, dataDir, version, lang }
}

const hint = (command?: string) => `Run "${PROGRAM} help${command ? ` ${command}` : ''}" for usage.`

export function usageOf(spec: CommandSpec): string {
  return `${PROGRAM} ${spec.name}${spec.args ? ` ${spec.args}` : ''}`
}

/** The help text: every command, or the commands starting with `topic` ("profile", "map sync"…). */
export function helpText(topic?: string): string {
  const specs = topic ? COMMANDS.filter((c) => c.name === topic || c.name.startsWith(`${topic} `)) : COMMANDS
  if (topic && !specs.length) throw CliError.usage(`unknown command "${topic}". ${hint()}`)
  const lines = topic
    ? []
    : [`${PROGRAM} — the Sedna Stop Sales app's work from a terminal: same database, same rules.`, '', 'Commands:']
  for (const spec of specs) {
    lines.push(`  ${usageOf(spec)}`, `      ${spec.summary}`)
  }
  lines.push(
    '',
    'Every command takes:',
    '  --data-dir DIR   the data folder (default: the app’s own; or set SEDNA_DATA_DIR)',
    '  --json           one JSON document on stdout',
    '  --lang en|tr     the language of messages (default: Turkish when LANG, LC_ALL or LC_MESSAGES starts with tr)',
    '',
    'Exit codes: 0 all done · 1 some stop sales or reservations failed or need attention ·',
    '            2 bad usage or input · 3 Sedna unreachable (they stay queued for the next run) ·',
    '            4 (reconcile) some stop sales changed in Sedna or are no longer there.',
    'Password: SEDNA_PASSWORD, else the keychain (profile set stores it there when one is available).',
  )
  return lines.join('\n')
}

/**
 * The language messages are worded in: --lang, else the locale the terminal runs with (LC_ALL, then
 * LC_MESSAGES, then LANG — the POSIX order): Turkish when it starts with "tr", English otherwise.
 */
export function cliLanguage(lang: 'en' | 'tr' | undefined, env: NodeJS.ProcessEnv): 'en' | 'tr' {
  if (lang) return lang
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return /^tr([_.@-]|$)/i.test(locale) ? 'tr' : 'en'
}
