/**
 * Is Sedna reachable? Judged by real requests: every sync outcome reports here, and while Sedna is
 * unreachable a cheap probe (a login) runs every few seconds. When it answers again, `onBack` fires
 * and the queue flushes by itself. The OS "online" flag is not trusted: a LAN without a route to Sedna
 * says online too.
 */
import type { EventBus } from '../events'

export type ConnectivityState = 'unknown' | 'online' | 'offline' | 'checking' | 'credentials-rejected'

export interface Connectivity {
  readonly state: ConnectivityState
  reportOk(): void
  reportUnreachable(): void
  reportCredentialsRejected(): void
  /** Probe now (e.g. "try now"), whatever the state. */
  check(): Promise<ConnectivityState>
  stop(): void
}

export function createConnectivity(opts: {
  events: EventBus
  /** Resolves when Sedna answered; rejects with the failure otherwise. */
  probe: () => Promise<'ok' | 'unreachable' | 'credentials-rejected' | 'no-profile'>
  onBack: () => void
  probeIntervalMs?: number
}): Connectivity {
  const interval = opts.probeIntervalMs ?? 5_000
  let state: ConnectivityState = 'unknown'
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  let wasDown = false
  const set = (next: ConnectivityState) => {
    if (next === 'offline' || next === 'credentials-rejected') wasDown = true
    if (next === state) return
    state = next
    if (next !== 'unknown') opts.events.emit('connectivity.changed', { state: next })
    if (next === 'offline') schedule()
    if (next === 'online' && wasDown) {
      wasDown = false
      opts.onBack()
    }
  }

  function schedule() {
    if (stopped || timer) return
    timer = setTimeout(async () => {
      timer = undefined
      if (state !== 'offline') return
      await check()
      if (state === 'offline') schedule()
    }, interval)
    timer.unref?.()
  }

  async function check(): Promise<ConnectivityState> {
    const before = state
    if (before !== 'offline') set('checking')
    let result: Awaited<ReturnType<typeof opts.probe>>
    try {
      result = await opts.probe()
    } catch {
      result = 'unreachable'
    }
    if (result === 'ok') set('online')
    else if (result === 'credentials-rejected') set('credentials-rejected')
    else if (result === 'unreachable') set('offline')
    else set(before === 'checking' ? 'unknown' : before)
    return state
  }

  return {
    get state() {
      return state
    },
    reportOk: () => set('online'),
    reportUnreachable: () => set('offline'),
    reportCredentialsRejected: () => set('credentials-rejected'),
    check,
    stop() {
      stopped = true
      clearTimeout(timer)
      timer = undefined
    },
  }
}
