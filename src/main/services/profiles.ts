/** Sedna connection profiles: fields in SQLite, the password in the keychain. */
import { and, count, eq, inArray, ne } from 'drizzle-orm'
import type { CallOutput } from '../../shared/ipc'
import { message } from '../../shared/messages'
import { reservationQueueStatuses, stopSaleQueueStatuses } from '../../shared/record-actions'
import { isHttpAddress, profileInputSchema, type Profile, type ProfileWarning } from '../../shared/profiles'
import type { z } from 'zod'
import { credentialOrigin, sameCredential, type CredentialKey, type CredentialStore } from '../credentials'
import type { Db } from '../db/database'
import { reservations, sednaProfiles, stopSales, type ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'
import { normalizeBaseUrl } from '../sedna/client'
import { toAppFailure, type SednaConnections } from './sedna-connections'

export type ProfileInputParsed = z.output<typeof profileInputSchema>

export interface ProfileService {
  list(): Promise<CallOutput<'profiles.list'>>
  get(id: number): ProfileRow
  active(): ProfileRow | undefined
  /** The Sedna accounts (not the demo) as stored, without asking the keychain anything. */
  accounts(): ProfileRow[]
  view(row: ProfileRow): Promise<Profile>
  save(input: ProfileInputParsed): Promise<Profile>
  createDemo(): Promise<Profile>
  activate(id: number): Promise<Profile>
  remove(id: number): Promise<void>
  testConnection(id: number): Promise<CallOutput<'profiles.testConnection'>>
}

export const DEMO_BASE_URL = 'built-in demo server'

/** The keychain entry of a profile's password: its id, address and username as they are now. */
export const credentialKeyOf = (row: ProfileRow): CredentialKey => ({
  profileId: row.id,
  baseUrl: row.baseUrl,
  username: row.username,
})

const isHttp = isHttpAddress

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
    if (!row) throw AppFailure.coded('not-found', message('account.notFound', { id }))
    return row
  }

  // What the keychain told this process, so listing profiles (on every screen that needs them) does
  // not ask it again each time: a locked keyring may prompt or stall. Saving and deleting keep it true.
  let keychainAnswered = false

  // Per profile, with the credential key it was asked for: a changed address is another entry.
  const passwordStored = new Map<number, { key: CredentialKey; stored: boolean }>()

  async function hasPassword(row: ProfileRow): Promise<boolean | null> {
    if (row.kind === 'demo') return true
    const key = credentialKeyOf(row)
    const known = passwordStored.get(row.id)
    if (known !== undefined && sameCredential(known.key, key)) return known.stored
    try {
      const stored = (await credentials.get(key)) !== undefined
      keychainAnswered = true
      passwordStored.set(row.id, { key, stored })
      return stored
    } catch {
      return null
    }
  }
  async function storePassword(key: CredentialKey, password: string) {
    await credentials.set(key, password)
    keychainAnswered = true
    passwordStored.set(key.profileId, { key, stored: true })
  }

  async function view(row: ProfileRow, extra: ProfileWarning[] = []): Promise<Profile> {
    const warnings: ProfileWarning[] = [...extra]
    if (row.kind === 'sedna' && isHttp(row.baseUrl)) {
      warnings.push({
        code: 'http',
        message:
          'This address uses http://, so the password travels unencrypted. Use https:// if your Sedna server offers it.',
      })
    }
    if (!row.operatorCode) {
      warnings.push({
        code: 'noOperatorCode',
        message: 'No operator code (e.g. 7STAR): stop sales cannot be sent until it is set.',
      })
    }
    const stored = await hasPassword(row)
    if (stored === false) {
      warnings.push({
        code: 'noPassword',
        params: { address: credentialOrigin(row.baseUrl) ?? row.baseUrl, username: row.username },
        message: `No password is stored for ${row.username} at ${credentialOrigin(row.baseUrl) ?? row.baseUrl}. Enter it to connect.`,
      })
    }
    if (stored === null) {
      warnings.push({
        code: 'keychainUnknown',
        message: 'The keychain could not be asked whether a password is stored.',
      })
    }
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
    accounts: () => db.select().from(sednaProfiles).where(eq(sednaProfiles.kind, 'sedna')).all(),

    async list() {
      const rows = db.select().from(sednaProfiles).orderBy(sednaProfiles.name).all()
      const profiles = await Promise.all(rows.map((row) => view(row)))
      let keychain: CallOutput<'profiles.list'>['keychain'] = { kind: credentials.kind, available: true, message: null }
      try {
        // Only whether the keychain answers (once it has, no more).
        if (!keychainAnswered) await credentials.probe()
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
        const text = (err as Error).message
        throw new AppFailure('validation', text, [{ path: 'baseUrl', message: text }], {
          code: 'account.badAddress',
          params: { address: input.baseUrl.trim() },
        })
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
      const before = input.id !== undefined ? get(input.id) : undefined
      if (before?.kind === 'demo') throw AppFailure.coded('validation', message('account.demoReadOnly'))
      const beforeKey = before ? credentialKeyOf(before) : undefined
      const afterKey = (id: number): CredentialKey => ({ profileId: id, baseUrl, username: input.username })
      // A password is kept only for the scheme, host, port and username it was typed for.
      const rebound = before !== undefined && !sameCredential(beforeKey!, afterKey(before.id))
      if (isHttp(baseUrl) && input.allowHttp !== true && (!before || rebound || !isHttp(before.baseUrl))) {
        const message =
          'This address starts with http://, so the Sedna password would travel unencrypted. Use https:// if your Sedna server offers it, or confirm that http:// is intended.'
        throw new AppFailure('validation', message, [{ path: 'allowHttp', message }], {
          code: 'profiles.httpNeedsConfirmation',
          params: { address: credentialOrigin(baseUrl) ?? baseUrl },
        })
      }
      let id: number
      const notes: ProfileWarning[] = []
      if (before !== undefined) {
        // The new password first: if the keychain refuses, nothing about the profile changes.
        if (input.password !== undefined) await storePassword(afterKey(before.id), input.password)
        const accountChanged = before.baseUrl !== baseUrl || before.username !== input.username
        db.update(sednaProfiles)
          .set({ ...fields, ...(accountChanged ? { operatorId: null } : {}) })
          .where(eq(sednaProfiles.id, before.id))
          .run()
        if (rebound) {
          // The old address's password must not follow the profile to the new one: forget it — only
          // now, so that a save the database refused leaves the profile with its old address and password.
          await credentials.delete(beforeKey!)
          if (input.password === undefined) {
            passwordStored.delete(before.id)
            notes.push({
              code: 'passwordForgotten',
              params: { address: credentialOrigin(baseUrl) ?? baseUrl, username: input.username },
              message: `The address or username changed, so the stored password was forgotten. Enter the password for ${input.username} at ${credentialOrigin(baseUrl) ?? baseUrl}.`,
            })
          }
        }
        id = before.id
      } else {
        if (input.password === undefined) {
          throw AppFailure.coded('validation', message('account.passwordRequired'), [
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
          await storePassword(afterKey(id), input.password)
        } catch (err) {
          db.delete(sednaProfiles).where(eq(sednaProfiles.id, id)).run() // nothing half-written
          throw err
        }
      }
      await connections.invalidate(id)
      changed()
      return view(get(id), notes)
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
      // Records this account is sending (or has started to): they can go out with it only. Refused
      // until they are sent, so none is ever left half-sent with no account to finish it.
      const inFlight = recordsInFlight(db, id)
      if (inFlight > 0)
        throw AppFailure.coded('conflict', message('account.recordsInFlight', { name: row.name, count: inFlight }))
      if (row.kind === 'sedna') await credentials.delete(credentialKeyOf(row))
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
      const changedFrom = row.operatorId !== null && row.operatorId !== operatorId ? row.operatorId : undefined
      return {
        operatorId,
        durationMs,
        message:
          changedFrom === undefined
            ? message('connection.connected', { operatorId })
            : message('connection.connectedChanged', { operatorId, previous: changedFrom }),
      }
    },
  }
}

/** Stop sales and reservations of this account waiting in the outbox or being sent (they went out with it). */
function recordsInFlight(db: Db, profileId: number): number {
  const stops = db
    .select({ n: count() })
    .from(stopSales)
    .where(and(eq(stopSales.profileId, profileId), inArray(stopSales.status, [...stopSaleQueueStatuses])))
    .get()
  const bookings = db
    .select({ n: count() })
    .from(reservations)
    .where(and(eq(reservations.profileId, profileId), inArray(reservations.status, [...reservationQueueStatuses])))
    .get()
  return (stops?.n ?? 0) + (bookings?.n ?? 0)
}
