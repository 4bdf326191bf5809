/**
 * Main's change events → the queries they make out of date, in one table. Each event refetches what
 * is on screen and marks the rest stale (fetched when next shown); an event that arrives while its
 * previous refetch still runs is applied right after it, so refreshes of the same data never overlap.
 * (`sync.progress` feeds the sync store, `import.progress` the import screen, `mirror.progress` the top bar:
 * data/mirror.ts.)
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query'
import type { EventName, EventPayload } from '../../../shared/ipc'
import { onEvent } from '../api'
import { appKeys } from './app'
import { calendarKeys } from './calendar'
import { mirrorKeys } from './mirror'
import { profileKeys, referenceKeys } from './profiles'
import { reservationKeys } from './reservations'
import { noteRestore } from './restore-note'
import { stopSaleKeys } from './stop-sales'
import { syncKeys } from './sync'

type Refresh<E extends EventName> = (client: QueryClient, payload: EventPayload<E>) => Promise<unknown>

/** The details among `details` whose id is in `ids` (none named: possibly all). */
const detailsOf = (client: QueryClient, details: QueryKey, ids: readonly number[]) =>
  client.invalidateQueries({
    queryKey: details,
    predicate: (q) => ids.length === 0 || ids.includes(q.queryKey[details.length] as number),
  })

const allDetails = (client: QueryClient) =>
  Promise.all([
    client.invalidateQueries({ queryKey: stopSaleKeys.details() }),
    client.invalidateQueries({ queryKey: reservationKeys.details() }),
  ])

const refreshes: { [E in EventName]?: Refresh<E> } = {
  'stopSales.changed': (client, { ids }) => {
    // Pages scrolled away are dropped (their rows may have moved); those on screen are fetched again.
    client.removeQueries({ queryKey: stopSaleKeys.pages(), type: 'inactive' })
    return Promise.all([
      client.invalidateQueries({ queryKey: stopSaleKeys.pages() }),
      detailsOf(client, stopSaleKeys.details(), ids),
      client.invalidateQueries({ queryKey: syncKeys.all }),
      client.invalidateQueries({ queryKey: calendarKeys.all }),
    ])
  },
  'reservations.changed': (client, { ids }) =>
    Promise.all([
      client.invalidateQueries({ queryKey: reservationKeys.lists() }),
      detailsOf(client, reservationKeys.details(), ids),
      client.invalidateQueries({ queryKey: syncKeys.all }),
    ]),
  'connectivity.changed': (client, { state }) => {
    // Said at once (the top bar), then what depends on it is asked again.
    client.setQueryData(syncKeys.status(), (s) => (s ? { ...s, connectivity: state } : s))
    return client.invalidateQueries({ queryKey: syncKeys.all })
  },
  // Details name the account a record is (or will be) sent with; the mirror's status names the accounts.
  'profiles.changed': (client) =>
    Promise.all([
      client.invalidateQueries({ queryKey: profileKeys.all }),
      client.invalidateQueries({ queryKey: referenceKeys.all }),
      client.invalidateQueries({ queryKey: mirrorKeys.all }),
      client.invalidateQueries({ queryKey: calendarKeys.all }),
      allDetails(client),
    ]),
  // A read of Sedna ended: its time and counts, and what it found changed or gone in the list and details.
  'mirror.changed': (client) => {
    client.removeQueries({ queryKey: stopSaleKeys.pages(), type: 'inactive' })
    return Promise.all([
      client.invalidateQueries({ queryKey: mirrorKeys.all }),
      client.invalidateQueries({ queryKey: stopSaleKeys.all }),
      client.invalidateQueries({ queryKey: calendarKeys.all }),
    ])
  },
  // A detail not sent yet is resolved against the reference data to show what it would send.
  'reference.changed': (client, { profileId }) =>
    Promise.all([
      client.invalidateQueries({ queryKey: referenceKeys.ofProfile(profileId) }),
      client.invalidateQueries({ queryKey: calendarKeys.all }),
      allDetails(client),
    ]),
  // The update folder is a setting: whether there is one changes what the updates panel says.
  'settings.changed': (client) =>
    Promise.all([
      client.invalidateQueries({ queryKey: appKeys.settings }),
      client.invalidateQueries({ queryKey: appKeys.updates }),
    ]),
  'updates.changed': async (client, status) => client.setQueryData(appKeys.updates, status),
}

/**
 * Events that name records (`{ ids }`) waiting together are one refresh: their ids together, or all
 * when one named none. Others go one by one, a payload seen twice once.
 */
function batch<P>(payloads: P[]): P[] {
  if (payloads.length === 0) return []
  const named = payloads as Array<P & { ids?: unknown }>
  if (!named.every((p) => Array.isArray(p.ids))) {
    const seen = new Set<string>()
    return payloads.filter((p) => !seen.has(JSON.stringify(p)) && seen.add(JSON.stringify(p)))
  }
  const ids = named.map((p) => p.ids as number[])
  return [{ ...payloads[0]!, ids: ids.some((x) => x.length === 0) ? [] : [...new Set(ids.flat())] }]
}

/** Runs `refresh` for an event; those arriving while it runs wait for it, then go as one batch. */
function serialised<E extends EventName>(client: QueryClient, refresh: Refresh<E>) {
  let running = false
  let waiting: Array<EventPayload<E>> = []
  const next = (): void => {
    const payloads = batch(waiting)
    waiting = []
    running = payloads.length > 0
    if (running)
      void Promise.all(payloads.map((p) => refresh(client, p)))
        .catch(() => undefined)
        .then(next)
  }
  return (payload: EventPayload<E>) => {
    waiting.push(payload)
    if (!running) next()
  }
}

/** Subscribes the query client to main's events; returns the unsubscribe. */
export function connectEvents(client: QueryClient): () => void {
  const offs = (Object.keys(refreshes) as EventName[]).map((name) =>
    onEvent(name, serialised(client, refreshes[name] as Refresh<typeof name>)),
  )
  offs.push(
    onEvent('data.restored', (payload) => {
      noteRestore(payload)
      window.location.reload()
    }),
  )
  return () => offs.forEach((off) => off())
}
