/**
 * Is Sedna reachable? Judged by real requests: every sync outcome reports here, and while Sedna is
 * unreachable a cheap probe runs every few seconds — a plain GET of its address without credentials,
 * so a wrong stored password is never replayed (any HTTP answer, 401 included, means reachable). When
 * it answers again, `onBack` fires and the queue flushes by itself. The OS "online" flag is not
 * trusted: a LAN without a route to Sedna says online too.
 */
import type { EventBus } from '../events'
import type { SednaClient, SednaExchange } from '../sedna/client'
import { SednaError } from '../sedna/failures'

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
  /**
   * One request without credentials. 'certificate': the server answers but its certificate is refused —
   * retrying cannot fix that, so it counts as answering: what waited is tried and parked for a person
   * with the reason, instead of waiting "offline" for ever.
   */
  probe: () => Promise<'ok' | 'unreachable' | 'certificate' | 'no-profile'>
  onBack: () => void
  probeIntervalMs?: number
}): Connectivity {
  const interval = opts.probeIntervalMs ?? 5_000
  let state: ConnectivityState = 'unknown'
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  let wasDown = false
  const set = (next: ConnectivityState) => {
    // Closed: calls cancelled on quit say nothing about Sedna, and nothing may run any more.
    if (stopped) return
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
    if (stopped) return state
    const before = state
    if (before !== 'offline') set('checking')
    let result: Awaited<ReturnType<typeof opts.probe>>
    try {
      result = await opts.probe()
    } catch {
      result = 'unreachable'
    }
    if (result === 'ok' || result === 'certificate') set('online')
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

/** What one real request with the active account says about Sedna (any request, not only the sync's). */
export function reportExchange(connectivity: Connectivity, x: SednaExchange): void {
  if (!x.error) connectivity.reportOk()
  else if (x.error.kind === 'network' || x.error.kind === 'timeout') connectivity.reportUnreachable()
}

/**
 * The probe: one request without credentials to the active account's Sedna (a wrong password is not
 * replayed every few seconds); any HTTP answer means it is there.
 */
export async function probeSedna(
  client: (() => Promise<SednaClient>) | undefined,
): Promise<'ok' | 'unreachable' | 'certificate' | 'no-profile'> {
  if (!client) return 'no-profile'
  try {
    await (await client()).reachable()
    return 'ok'
  } catch (err) {
    return err instanceof SednaError && err.kind === 'certificate' ? 'certificate' : 'unreachable'
  }
}
