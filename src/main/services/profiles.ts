/** Sedna connection profiles: fields in SQLite, the password in the keychain. */
import { and, eq, ne } from 'drizzle-orm'
import type { CallOutput } from '../../shared/ipc'
import { profileInputSchema, type Profile } from '../../shared/profiles'
import type { z } from 'zod'
import type { CredentialStore } from '../credentials'
import type { Db } from '../db/database'
import { sednaProfiles, stopSales, type ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'
import { normalizeBaseUrl } from '../sedna/client'
import { toAppFailure, type SednaConnections } from '../sedna/connections'

export type ProfileInputParsed = z.output<typeof profileInputSchema>

export interface ProfileService {
  list(): Promise<CallOutput<'profiles.list'>>
  get(id: number): ProfileRow
  active(): ProfileRow | undefined
  view(row: ProfileRow): Promise<Profile>
  save(input: ProfileInputParsed): Promise<Profile>
  createDemo(): Promise<Profile>
  activate(id: number): Promise<Profile>
  remove(id: number): Promise<void>
  testConnection(id: number): Promise<CallOutput<'profiles.testConnection'>>
}

export const DEMO_BASE_URL = 'built-in demo server'

export function createProfileService(deps: {
  db: Db
  credentials: CredentialStore
  connections: SednaConnections
  events: EventBus
}): ProfileService {
  const { db, credentials, connections, events } = deps
  const changed = () => events.emit('profiles.changed', {})

  function get(id: number): ProfileRow {
    const row = db.select().from(sednaProfiles).where(eq(sednaProfiles.id, id)).get()
    if (!row) throw new AppFailure('not-found', `Sedna profile #${id} does not exist.`)
    return row
  }

  // What the keychain told this process, so listing profiles (on every screen that needs them) does
  // not ask it again each time: a locked keyring may prompt or stall. Saving and deleting keep it true.
  const passwordStored = new Map<number, boolean>()
  let keychainAnswered = false

  async function hasPassword(row: ProfileRow): Promise<boolean | null> {
    if (row.kind === 'demo') return true
    const known = passwordStored.get(row.id)
    if (known !== undefined) return known
    try {
      const stored = (await credentials.get(row.id)) !== undefined
      keychainAnswered = true
      passwordStored.set(row.id, stored)
      return stored
    } catch {
      return null
    }
  }

  async function storePassword(id: number, password: string) {
    await credentials.set(id, password)
    keychainAnswered = true
    passwordStored.set(id, true)
  }

  async function view(row: ProfileRow): Promise<Profile> {
    const warnings: string[] = []
    if (row.kind === 'sedna' && row.baseUrl.startsWith('http://')) {
      warnings.push(
        'This address uses http://, so the password travels unencrypted. Use https:// if your Sedna server offers it.',
      )
    }
    if (!row.operatorCode) warnings.push('No operator code (e.g. 7STAR): stop sales cannot be sent until it is set.')
    const stored = await hasPassword(row)
    if (stored === false) warnings.push('No password is stored for this profile.')
    if (stored === null) warnings.push('The keychain could not be asked whether a password is stored.')
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      baseUrl: row.baseUrl,
      username: row.username,
      operatorId: row.operatorId,
      operatorCode: row.operatorCode,
      authorityId: row.authorityId,
      recordUser: row.recordUser,
      allRooms: row.allRooms,
      allBoards: row.allBoards,
      isActive: row.isActive,
      hasPassword: stored,
      lastLoginAt: row.lastLoginAt,
      warnings,
    }
  }

  function setActive(id: number) {
    db.transaction((tx) => {
      tx.update(sednaProfiles)
        .set({ isActive: false })
        .where(and(eq(sednaProfiles.isActive, true), ne(sednaProfiles.id, id)))
        .run()
      tx.update(sednaProfiles).set({ isActive: true }).where(eq(sednaProfiles.id, id)).run()
    })
  }

  return {
    get,
    view,
    active: () => db.select().from(sednaProfiles).where(eq(sednaProfiles.isActive, true)).get(),

    async list() {
      const rows = db.select().from(sednaProfiles).orderBy(sednaProfiles.name).all()
      const profiles = await Promise.all(rows.map(view))
      let keychain: CallOutput<'profiles.list'>['keychain'] = { kind: credentials.kind, available: true, message: null }
      try {
        // Account 0 is never used: this only asks whether the keychain answers (once it has, no more).
        if (!keychainAnswered) await credentials.get(0)
        keychainAnswered = true
      } catch (err) {
        keychain = {
          kind: credentials.kind,
          available: false,
          message: err instanceof Error ? err.message : String(err),
        }
      }
      return { profiles, keychain }
    },

    async save(input) {
      let baseUrl: string
      try {
        baseUrl = normalizeBaseUrl(input.baseUrl)
      } catch (err) {
        throw new AppFailure('validation', (err as Error).message, [
          { path: 'baseUrl', message: (err as Error).message },
        ])
      }
      const fields = {
        name: input.name,
        baseUrl,
        username: input.username,
        operatorCode: input.operatorCode ? input.operatorCode.toUpperCase() : null,
        authorityId: input.authorityId,
        recordUser: input.recordUser,
        allRooms: input.allRooms,
        allBoards: input.allBoards,
        updatedAt: new Date().toISOString(),
      }
      let id: number
      if (input.id !== undefined) {
        const before = get(input.id)
        if (before.kind === 'demo') throw new AppFailure('validation', 'The demo profile cannot be edited.')
        // Password first: if the keychain refuses, nothing about the profile changes.
        if (input.password !== undefined) await storePassword(input.id, input.password)
        const accountChanged = before.baseUrl !== baseUrl || before.username !== input.username
        db.update(sednaProfiles)
          .set({ ...fields, ...(accountChanged ? { operatorId: null } : {}) })
          .where(eq(sednaProfiles.id, input.id))
          .run()
        id = input.id
      } else {
        if (input.password === undefined) {
          throw new AppFailure('validation', 'Enter the Sedna password for the new profile.', [
            { path: 'password', message: 'Required for a new profile' },
          ])
        }
        const first = !db.select({ id: sednaProfiles.id }).from(sednaProfiles).limit(1).get()
        id = db
          .insert(sednaProfiles)
          .values({ ...fields, isActive: first })
          .returning({ id: sednaProfiles.id })
          .get().id
        try {
          await storePassword(id, input.password)
        } catch (err) {
          db.delete(sednaProfiles).where(eq(sednaProfiles.id, id)).run() // nothing half-written
          throw err
        }
      }
      await connections.invalidate(id)
      changed()
      return view(get(id))
    },

    async createDemo() {
      const existing = db.select().from(sednaProfiles).where(eq(sednaProfiles.kind, 'demo')).get()
      const id =
        existing?.id ??
        db
          .insert(sednaProfiles)
          .values({
            kind: 'demo',
            name: 'Demo (built-in Sedna simulator)',
            baseUrl: DEMO_BASE_URL,
            username: 'demo',
            operatorCode: '7STAR',
          })
          .returning({ id: sednaProfiles.id })
          .get().id
      setActive(id)
      changed()
      return view(get(id))
    },

    async activate(id) {
      get(id)
      setActive(id)
      changed()
      return view(get(id))
    },

    async remove(id) {
      const row = get(id)
      if (row.kind === 'sedna') await credentials.delete(id)
      passwordStored.delete(id)
      await connections.invalidate(id)
      db.transaction((tx) => {
        // Stop sales keep their RecId; they just no longer know which account sent them.
        tx.update(stopSales).set({ profileId: null }).where(eq(stopSales.profileId, id)).run()
        tx.delete(sednaProfiles).where(eq(sednaProfiles.id, id)).run()
      })
      changed()
    },

    async testConnection(id) {
      const row = get(id)
      const started = performance.now()
      let operatorId: number
      try {
        const client = await connections.client(row)
        operatorId = await client.login()
      } catch (err) {
        throw toAppFailure(err)
      }
      const durationMs = Math.round(performance.now() - started)
      db.update(sednaProfiles)
        .set({ operatorId, lastLoginAt: new Date().toISOString() })
        .where(eq(sednaProfiles.id, id))
        .run()
      changed()
      const previous = row.operatorId !== null && row.operatorId !== operatorId ? ` (was ${row.operatorId})` : ''
      return {
        operatorId,
        durationMs,
        message: `Connected. Sedna says this account is operator ${operatorId}${previous}.`,
      }
    },
  }
}
