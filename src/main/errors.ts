import type { ErrorKind, Issue } from '../shared/result'

/** A failure a service expects and can describe to staff; handlers turn it into `{ ok: false }`. */
export class AppFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message)
    this.name = 'AppFailure'
  }
}
