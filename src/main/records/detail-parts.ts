/**
 * What both detail screens (a stop sale's, a reservation's) are built from: the import the record came
 * from, what it resolves to and where that answer comes from, and why its request cannot be shown yet.
 * Reads only: a resolution made here for display is never stored.
 */
import { sql } from 'drizzle-orm'
import { message, type Message } from '../../shared/messages'
import type { ReservationUnresolved } from '../../shared/reservations'
import type { Unresolved } from '../../shared/resolution'
import type { Db } from '../db/database'
import type { ProfileRow } from '../db/schema'
import { unresolvedMessage } from '../reference/unresolved'

type Resolved = { ok: true } | { ok: false; unresolved: readonly (Unresolved | ReservationUnresolved)[] }

export interface ResolutionView<R extends Resolved> {
  source: 'stored' | 'resolved-now' | 'unavailable'
  profileId: number | null
  resolution: R | null
  message: Message | null
}

/** The import a record came from (`imports` or `reservation_imports`), if any. */
export function importRef(db: Db, table: 'imports' | 'reservation_imports', importId: number | null) {
  if (importId === null) return null
  return (
    db.get<{ id: number; fileName: string; createdAt: string; committedAt: string | null } | undefined>(
      sql`select id, file_name as fileName, created_at as createdAt, committed_at as committedAt
            from ${sql.identifier(table)} where id = ${importId}`,
    ) ?? null
  )
}

/**
 * What the record resolves to: what was stored (`keep`: sent or parked with it), else resolved now with
 * its account for display, else nothing (no account).
 */
export function resolutionView<R extends Resolved>(opts: {
  stored: R | null
  keep: boolean
  storedProfileId: number | null
  profile: ProfileRow | undefined
  resolveNow: (profile: ProfileRow) => R
}): ResolutionView<R> {
  const why = (r: R) => (r.ok ? null : unresolvedMessage(r.unresolved))
  if (opts.stored && opts.keep) {
    return { source: 'stored', profileId: opts.storedProfileId, resolution: opts.stored, message: why(opts.stored) }
  }
  if (!opts.profile) {
    return { source: 'unavailable', profileId: null, resolution: null, message: message('resolution.noAccount') }
  }
  const now = opts.resolveNow(opts.profile)
  return { source: 'resolved-now', profileId: opts.profile.id, resolution: now, message: why(now) }
}

/**
 * Why the request cannot be built yet (undefined: it can): nothing resolved, something unknown, no
 * account, or an account that lacks what the request needs (its operator code, its operator id).
 */
export function previewBlocker(
  view: ResolutionView<Resolved>,
  profile: ProfileRow | undefined,
  needs: { operatorCode: boolean; operatorId: number | null },
): Message | undefined {
  const resolved = view.resolution
  if (!resolved) return view.message ?? message('resolution.notResolved')
  if (!resolved.ok) return unresolvedMessage(resolved.unresolved)
  if (!profile) return message('detail.accountGone')
  if (needs.operatorCode && !profile.operatorCode) return message('detail.noOperatorCode', { account: profile.name })
  if (needs.operatorId === null) return message('detail.operatorIdUnknown', { account: profile.name })
  return undefined
}
