import type { MessageParams } from '../../src/shared/messages'
import { wordMessage, type MessageLanguage } from '../../src/shared/messages/word'

/** A coded message as staff read it (English unless asked), for assertions on the words. */
export const worded = (
  m: { code: string; params?: MessageParams | undefined } | null | undefined,
  language: MessageLanguage = 'en',
) => (m ? wordMessage(m.params ? { code: m.code, params: m.params } : { code: m.code }, language) : m)

/** A list of coded messages (an import row's reasons) as staff read them, one after another. */
export const wordedAll = (
  ms: readonly { code: string; params?: MessageParams | undefined }[],
  language: MessageLanguage = 'en',
  separator = '; ',
) => ms.map((m) => worded(m, language)).join(separator)
