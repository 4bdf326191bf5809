/** The renderer's only way to main: the typed bridge the preload (or the test harness) provides. */
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../shared/ipc'
import type { AppError } from '../../shared/result'

export class CallFailed extends Error {
  constructor(readonly error: AppError) {
    super(error.message)
    this.name = 'CallFailed'
  }
}

const missingBridge: AppError = {
  kind: 'unavailable',
  message: 'The app window is not connected to the app. Close the window and start Sedna Stop Sales again.',
}

export async function call<N extends CallName>(channel: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const bridge = window.sedna
  if (!bridge) throw new CallFailed(missingBridge)
  let result
  try {
    result = await bridge.invoke(channel, input)
  } catch (err) {
    throw new CallFailed({
      kind: 'unavailable',
      message: `The app did not answer (${err instanceof Error ? err.message : String(err)}). Try again.`,
    })
  }
  if (!result.ok) throw new CallFailed(result.error)
  return result.value
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.sedna?.on(event, listener) ?? (() => {})
}

/** Any failure as the AppError the screens show. */
export function toAppError(err: unknown): AppError {
  return err instanceof CallFailed
    ? err.error
    : { kind: 'internal', message: err instanceof Error ? err.message : String(err) }
}
