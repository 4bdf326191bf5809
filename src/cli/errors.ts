/**
 * Exit codes of the command line and the one error type commands throw. Errors from the services
 * arrive as the app's `{ kind, message }` data and keep their kind, so a script can branch on it
 * the same way the window does.
 */
import type { AppError, ErrorKind, Issue } from '../shared/result'

export const EXIT = {
  /** Everything asked for was done. */
  ok: 0,
  /** Some stop sales failed or need a person (a mapping, a review, the credentials). */
  attention: 1,
  /** Bad usage or input: unknown command or option, missing argument, unreadable file, no profile. */
  usage: 2,
  /** Sedna could not be reached (or asked to wait): the stop sales stay queued for the next run. */
  unreachable: 3,
} as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** A failure to report as one line on stderr (and in the JSON with --json), ending the command. */
export class CliError extends Error {
  constructor(
    readonly kind: ErrorKind | 'usage',
    message: string,
    readonly exitCode: ExitCode,
    readonly issues?: Issue[],
    /** The app's code for it, when it has one (e.g. db.busy). */
    readonly code?: string,
  ) {
    super(message)
    this.name = 'CliError'
  }

  static usage(message: string): CliError {
    return new CliError('usage', message, EXIT.usage)
  }

  static fromAppError(error: AppError): CliError {
    return new CliError(error.kind, error.message, exitCodeOfKind(error.kind), error.issues, error.code)
  }
}

/** What an error kind of the app means for a script. */
export function exitCodeOfKind(kind: ErrorKind | 'usage'): ExitCode {
  switch (kind) {
    case 'usage':
    case 'validation':
    case 'not-found':
      return EXIT.usage
    case 'network':
      return EXIT.unreachable
    default:
      return EXIT.attention
  }
}
