/**
 * The page a hash shows: `#/stop-sales` (home), `#/reservations`, `#/queue`, `#/import`, `#/settings`;
 * `#/calendar?hotel=…` a hotel's calendar (its view in the query);
 * `#/stop-sale/<id>` is one stop sale's detail (under "Stop sales"), `#/reservation/<id>` one
 * reservation's (under "Reservations"), `#/import-reservations` Import's reservations tab.
 */
import { startTransition, useEffect, useState } from 'react'

export const pageIds = ['stop-sales', 'calendar', 'reservations', 'queue', 'import', 'settings'] as const
export type PageId = (typeof pageIds)[number]

export type Route =
  | { page: PageId; detail?: undefined }
  | { page: 'stop-sales'; detail: { kind: 'stopSale'; id: number } }
  | { page: 'reservations'; detail: { kind: 'reservation'; id: number } }
  | { page: 'import'; detail: { kind: 'importReservations' } }

export function routeFromHash(hash: string): Route {
  // `#/calendar?hotel=…`: the page reads its own query (features/calendar/params.ts).
  const path = hash.replace(/^#\/?/, '').split('?')[0]!
  const stopSale = /^stop-sale\/([1-9]\d{0,14})\/?$/.exec(path)
  if (stopSale) return { page: 'stop-sales', detail: { kind: 'stopSale', id: Number(stopSale[1]) } }
  const reservation = /^reservation\/([1-9]\d{0,14})\/?$/.exec(path)
  if (reservation) return { page: 'reservations', detail: { kind: 'reservation', id: Number(reservation[1]) } }
  if (path === 'import-reservations') return { page: 'import', detail: { kind: 'importReservations' } }
  return { page: (pageIds as readonly string[]).includes(path) ? (path as PageId) : 'stop-sales' }
}

/** The route of the window's hash, following it. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeFromHash(window.location.hash))
  useEffect(() => {
    // A transition: the page shown stays until the next one's code has loaded (no flash of "Loading…").
    const onHash = () => startTransition(() => setRoute(routeFromHash(window.location.hash)))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  return route
}
