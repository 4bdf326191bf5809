/** Which function answers which command (the sim command is loaded on its own). */
import type { CommandName, ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError } from '../errors'
import type { CliIo, CommandResult } from '../output'
import { backupCommand } from './backup'
import { calendarCommand } from './calendar'
import { diagnosticsCommand } from './diagnostics'
import { importCommand } from './import'
import { listCommand } from './list'
import { mapCommand } from './map'
import { profileSet, profileShow, profileTest, refsCountries, refsRefresh } from './profile'
import { pullCommand } from './pull'
import { reconcileCommand } from './reconcile'
import { reservationsImport, reservationsList } from './reservations'
import { queueCommand, reservationsCancel, reservationsSync, syncCommand, type RunControl } from './sync'

type Handler = (cli: CliContext, args: ParsedArgs, io: CliIo, control: RunControl) => Promise<CommandResult>

/** Each command's function (`sim`, `help` and `restore` are answered before the app context opens). */
const HANDLERS: Record<Exclude<CommandName, 'sim' | 'help' | 'restore'>, Handler> = {
  'profile set': (cli, args, io) => profileSet(cli, args, io),
  'profile show': (cli) => profileShow(cli),
  'profile test': (cli) => profileTest(cli),
  'refs refresh': (cli) => refsRefresh(cli),
  'refs countries': (cli, args) => refsCountries(cli, args),
  import: (cli, args, io) => importCommand(cli, args, io),
  list: (cli, args) => listCommand(cli, args),
  sync: (cli, args, io, control) => syncCommand(cli, args, io, control),
  queue: (cli, args, io, control) => queueCommand(cli, args, io, control),
  pull: (cli, args, io) => pullCommand(cli, args, io),
  reconcile: (cli, args, io, control) => reconcileCommand(cli, args, io, control),
  calendar: (cli, args) => calendarCommand(cli, args),
  'map hotel': (cli, args) => mapCommand(cli, args),
  'map room': (cli, args) => mapCommand(cli, args),
  'map board': (cli, args) => mapCommand(cli, args),
  'map nationality': (cli, args) => mapCommand(cli, args),
  'reservations import': (cli, args, io) => reservationsImport(cli, args, io),
  'reservations list': (cli, args) => reservationsList(cli, args),
  'reservations sync': (cli, args, io, control) => reservationsSync(cli, args, io, control),
  'reservations cancel': (cli, args, io, control) => reservationsCancel(cli, args, io, control),
  backup: (cli, args, io) => backupCommand(cli, args, io),
  diagnostics: (cli, args, io) => diagnosticsCommand(cli, args, io),
}

export function run(cli: CliContext, args: ParsedArgs, io: CliIo, control: RunControl): Promise<CommandResult> {
  const handler = Object.hasOwn(HANDLERS, args.command) ? HANDLERS[args.command as keyof typeof HANDLERS] : undefined
  if (!handler) throw CliError.usage(`unknown command "${args.command}".`)
  return handler(cli, args, io, control)
}
