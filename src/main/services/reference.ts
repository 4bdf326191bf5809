/** Reference data as the app uses it: per profile, through that profile's Sedna client. */
import type { ReferenceStatus } from '../../shared/profiles'
import type { Resolution } from '../../shared/resolution'
import type { Db } from '../db/database'
import type { ReferenceCache } from '../reference/reference-cache'
import { rememberCode, rememberHotel, resolveStopSale, type ResolveInput } from '../reference/resolve'
import type { SednaConnections } from '../sedna/connections'
import type { ProfileService } from './profiles'

export interface ReferenceService {
  status(profileId: number): ReferenceStatus
  refresh(profileId: number): Promise<ReferenceStatus>
  ensureFresh(profileId: number): Promise<ReferenceStatus>
  resolve(profileId: number, input: ResolveInput): Resolution
  rememberHotel(profileId: number, nameAsReceived: string, hotelId: number): void
  rememberCode(profileId: number, kind: 'room' | 'board', hotelId: number, code: string, sednaId: number): void
}

export function createReferenceService(deps: {
  db: Db
  cache: ReferenceCache
  profiles: ProfileService
  connections: SednaConnections
}): ReferenceService {
  const { db, cache, profiles, connections } = deps
  return {
    status: (profileId) => (profiles.get(profileId), cache.status(profileId)),
    async refresh(profileId) {
      const profile = profiles.get(profileId)
      return cache.refresh(profile, await connections.client(profile))
    },
    async ensureFresh(profileId) {
      const profile = profiles.get(profileId)
      return cache.ensureFresh(profile, () => connections.client(profile))
    },
    resolve: (profileId, input) => resolveStopSale(db, profiles.get(profileId), input),
    rememberHotel: (profileId, name, hotelId) => rememberHotel(db, profileId, name, hotelId),
    rememberCode: (profileId, kind, hotelId, code, sednaId) =>
      rememberCode(db, profileId, kind, hotelId, code, sednaId),
  }
}
