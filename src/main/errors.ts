import type { Message } from '../shared/messages'
import { wordMessage } from '../shared/messages/word'
import type { ErrorKind, Issue, MessageParams } from '../shared/result'

/**
 * A failure a service expects and can describe to staff; handlers turn it into `{ ok: false }`.
 * `message` is English (logs, command line); `code` and `params`, when given, let the screen word it
 * in the staff's language.
 */
export class AppFailure extends Error {
  readonly code: string | undefined
  readonly params: MessageParams | undefined

  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly issues?: Issue[],
    coded?: { code: string; params?: MessageParams },
  ) {
    super(message)
    this.name = 'AppFailure'
    this.code = coded?.code
    this.params = coded?.params
  }

  /** A failure worded from its code: the English message comes from the shared wording. */
  static coded(kind: ErrorKind, message: Message, issues?: Issue[]): AppFailure {
    return new AppFailure(kind, wordMessage(message), issues, {
      code: message.code,
      ...(message.params ? { params: message.params } : {}),
    })
  }
}
