/**
 * A message read back from the database: stored as a code with its parameters (JSON, parsed or not),
 * or — written before messages were codes, or by an older version — as English text only, which is
 * then carried as is (`record.stored`).
 */
import { message, type Message, type MessageCode } from '../../shared/messages'
import type { MessageParams } from '../../shared/result'

export function storedMessage(
  code: string | null,
  params: MessageParams | string | null,
  text?: string | null,
): Message | null {
  if (code) {
    const p = typeof params === 'string' ? (JSON.parse(params) as MessageParams) : params
    return p ? { code: code as MessageCode, params: p } : { code: code as MessageCode }
  }
  return text ? message('record.stored', { text }) : null
}
