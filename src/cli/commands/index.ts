/** Which function answers which command (the sim command is loaded on its own). */
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError } from '../errors'
import type { CliIo, CommandResult } from '../output'
import { importCommand } from './import'
import { listCommand } from './list'
import { mapCommand } from './map'
import { profileSet, profileShow, profileTest, refsCountries, refsRefresh } from './profile'
import { reservationsCancel, reservationsImport, reservationsList, reservationsSync } from './reservations'
import { queueCommand, syncCommand, type RunControl } from './sync'

export function run(cli: CliContext, args: ParsedArgs, io: CliIo, control: RunControl): Promise<CommandResult> {
  switch (args.command) {
    case 'profile set':
      return profileSet(cli, args, io)
    case 'profile show':
      return profileShow(cli)
    case 'profile test':
      return profileTest(cli)
    case 'refs refresh':
      return refsRefresh(cli)
    case 'refs countries':
      return refsCountries(cli, args)
    case 'import':
      return importCommand(cli, args, io)
    case 'list':
      return listCommand(cli, args)
    case 'sync':
      return syncCommand(cli, args, io, control)
    case 'queue':
      return queueCommand(cli, args, io, control)
    case 'map hotel':
    case 'map room':
    case 'map board':
    case 'map nationality':
      return mapCommand(cli, args)
    case 'reservations import':
      return reservationsImport(cli, args, io)
    case 'reservations list':
      return reservationsList(cli, args)
    case 'reservations sync':
      return reservationsSync(cli, args, io, control)
    case 'reservations cancel':
      return reservationsCancel(cli, args, io, control)
    default:
      throw CliError.usage(`unknown command "${args.command}".`)
  }
}
