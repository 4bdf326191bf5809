/**
 * The outbox's staff-facing words are codes with parameters (src/shared/messages): stored in the code
 * columns beside the English text (which the log and rows from before codes use), read back as Messages,
 * and composed without sentences: a note that comes with a failure nests the failure's code
 * (`{{failure}}`, worded by i18next's $t) and carries its parameters along.
 */
import { message, type Message, type MessageCode, type MessageParams } from '../../shared/messages'
import { wordMessage } from '../../shared/messages/word'
import { AppFailure } from '../errors'
import { storedMessage } from '../records/stored-message'
import { SednaError } from '../sedna/failures'

/** The last-error columns of a queue row (stop_sales, reservations) for `m`; null clears them. */
export function lastErrorColumns(m: Message | null) {
  return m
    ? { lastError: wordMessage(m), lastErrorCode: m.code as string, lastErrorParams: m.params ?? null }
    : { lastError: null, lastErrorCode: null, lastErrorParams: null }
}

/** An attempt's message columns (sync_attempts, reservation_attempts). */
export function attemptMessageColumns(m: Message | null | undefined) {
  return m
    ? { message: wordMessage(m), messageCode: m.code as string, messageParams: m.params ?? null }
    : { message: null, messageCode: null, messageParams: null }
}

/** The last error of a queue row, as a Message. */
export const lastErrorOf = (r: {
  lastError: string | null
  lastErrorCode: string | null
  lastErrorParams: MessageParams | null
}) => storedMessage(r.lastErrorCode, r.lastErrorParams, r.lastError)

/** A note that comes with a failure (`code` nests `{{failure}}`): one message, the failure's parameters kept. */
export function withFailure(code: MessageCode, failure: Message, extra: MessageParams = {}): Message {
  return message(code, { ...failure.params, ...extra, failure: failure.code })
}

/** What went wrong, as staff read it: Sedna's and the app's own failures carry their code. */
export function failureMessage(err: unknown): Message {
  if (err instanceof SednaError) {
    return err.coded ? { code: err.coded.code as MessageCode, params: err.coded.params } : stored(err.message)
  }
  if (err instanceof AppFailure) {
    return err.code
      ? { code: err.code as MessageCode, ...(err.params ? { params: err.params } : {}) }
      : stored(err.message)
  }
  return message('outbox.unexpected', { detail: err instanceof Error ? err.message : String(err) })
}

const stored = (text: string) => message('record.stored', { text })

/** A time in messages: dd.MM.yyyy HH:mm:ss in this computer's time zone, as the screens show times. */
export function formatWhen(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
}
