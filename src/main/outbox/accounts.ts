/**
 * The Sedna accounts as the outbox uses them: a record's account (the rule is records/account.ts's, the
 * same the detail screens resolve with), and the operator id Sedna gave at login, stored when it differs
 * (the runner decides when).
 */
import { eq } from 'drizzle-orm'
import type { Db } from '../db/database'
import { sednaProfiles, type ProfileRow } from '../db/schema'
import { accountOf } from '../records/account'

export function outboxAccounts(db: Db, activeProfile: () => ProfileRow | undefined) {
  return {
    account: (profileId: number | null) => accountOf(db, activeProfile, profileId),
    rememberOperatorId: (id: number, operatorId: number): void =>
      void db.update(sednaProfiles).set({ operatorId }).where(eq(sednaProfiles.id, id)).run(),
  }
}
