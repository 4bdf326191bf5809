/**
 * Where the command line gets a Sedna password. SEDNA_PASSWORD, when set, is the active account's
 * password for this run (a scheduled task on a machine without a keychain). Otherwise the OS
 * keychain, as in the app. `profile set` stores the password in the keychain when one answers; when
 * none does, the password is kept in memory for this run only and the command says so.
 */
import { createKeychainStore, createMemoryStore, type CredentialKey, type CredentialStore } from '../main/credentials'
import { AppFailure } from '../main/errors'

export interface CliCredentials extends CredentialStore {
  /** Where the last `set` for this profile went. */
  storedIn(profileId: number): 'keychain' | 'memory' | undefined
  /** Why the keychain refused the last `set`, when it did. */
  keychainProblem(profileId: number): string | undefined
  readonly fromEnvironment: boolean
}

export function createCliCredentials(opts: { env: NodeJS.ProcessEnv; keychain?: CredentialStore }): CliCredentials {
  const keychain =
    opts.keychain ??
    // Tests keep to entries of their own (and never touch a developer's real ones) with this.
    createKeychainStore(opts.env.SEDNA_KEYCHAIN_SERVICE ? { service: opts.env.SEDNA_KEYCHAIN_SERVICE } : {})
  const memory = createMemoryStore()
  const fromEnv = opts.env.SEDNA_PASSWORD || undefined
  const where = new Map<number, 'keychain' | 'memory'>()
  const problems = new Map<number, string>()

  return {
    kind: 'keychain',
    fromEnvironment: fromEnv !== undefined,
    async get(key: CredentialKey) {
      if (fromEnv) return fromEnv
      return (await memory.get(key)) ?? keychain.get(key)
    },
    async set(key: CredentialKey, password: string) {
      await memory.set(key, password)
      try {
        await keychain.set(key, password)
        where.set(key.profileId, 'keychain')
        problems.delete(key.profileId)
      } catch (err) {
        if (!(err instanceof AppFailure) || err.kind !== 'unavailable') throw err
        where.set(key.profileId, 'memory')
        problems.set(key.profileId, err.message)
      }
    },
    async delete(key: CredentialKey) {
      const inMemory = await memory.delete(key)
      try {
        return (await keychain.delete(key)) || inMemory
      } catch (err) {
        // No keychain answers: there is nothing stored in it to forget.
        if (err instanceof AppFailure && err.kind === 'unavailable') return inMemory
        throw err
      }
    },
    probe: () => keychain.probe(),
    storedIn: (profileId) => where.get(profileId),
    keychainProblem: (profileId) => problems.get(profileId),
  }
}
