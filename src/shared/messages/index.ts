/**
 * A staff-facing outcome from main travels and is stored as a code with parameters, never as a
 * sentence: the screen words it in the staff's language (and re-words it when they switch), the
 * command line in English or Turkish (LANG / --lang), the log in English. The wording is in en.ts and
 * tr.ts beside this file.
 */
import { z } from 'zod'
import { messageParamsSchema, type MessageParams } from '../result'
import type { MessageCode } from './types'

export type { MessageCode, MessageResources } from './types'
export type { MessageParams }

export interface Message {
  code: MessageCode
  params?: MessageParams
}

/** As it crosses IPC: the code is checked for shape only (a newer main may send a code an older screen lacks). */
export const messageSchema = z.object({ code: z.string().min(1), params: messageParamsSchema.optional() })

export const message = (code: MessageCode, params?: MessageParams): Message => (params ? { code, params } : { code })
