/** Events main pushes to whoever shows them (the Electron window, the test harness's SSE stream). */
import { events, type EventName, type EventPayload } from '../shared/ipc'

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  subscribe(listener: EventListener): () => void
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>()
  return {
    emit(name, payload) {
      // A payload that breaks the contract is a bug in main: fail loudly here, not in the renderer.
      const checked = events[name].payload.parse(payload) as typeof payload
      for (const listener of listeners) listener(name, checked)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
