/** The Sedna account a record belongs to: the one it was sent with, else the one the next Sync uses. */
import { eq } from 'drizzle-orm'
import type { RecordAccount } from '../../shared/records'
import type { Db } from '../db/database'
import { sednaProfiles, type ProfileRow } from '../db/schema'

/**
 * The record's own account once it was sent (undefined when that account was deleted), else the active
 * one: what the outbox sends it with, what its detail resolves it with and what a fix applies to.
 */
export function accountOf(
  db: Db,
  activeProfile: () => ProfileRow | undefined,
  profileId: number | null,
): ProfileRow | undefined {
  if (profileId !== null) return db.select().from(sednaProfiles).where(eq(sednaProfiles.id, profileId)).get()
  return activeProfile()
}

export const accountRef = (profile: ProfileRow | undefined): RecordAccount =>
  profile ? { id: profile.id, name: profile.name } : null
