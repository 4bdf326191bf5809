import type { z } from 'zod'

/** One request/response call the renderer may make: its channel, its input and its output. */
export interface CallContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I
  readonly output: O
  /** One line for the README and for error messages. */
  readonly summary: string
}

/** One event main may push to the renderer. */
export interface EventContract<P extends z.ZodType = z.ZodType> {
  readonly payload: P
  readonly summary: string
}

export const defineCall = <I extends z.ZodType, O extends z.ZodType>(c: CallContract<I, O>) => c
export const defineEvent = <P extends z.ZodType>(c: EventContract<P>) => c
