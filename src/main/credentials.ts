/**
 * Sedna passwords live in the OS keychain (keytar: macOS Keychain, Windows Credential Manager,
 * the Secret Service on Linux) and nowhere else. One service name for the app; each password is
 * stored for one profile AND the scheme, host, port and username it was typed for
 * (`credentialAccount`), so a profile whose address or username changes — in Settings, on the
 * command line, or by anything writing the database — finds no password until one is typed for the
 * new address: the password can only ever travel to where it was entered for. Every keychain call
 * has a timeout: a locked or absent keyring must not hang the app.
 */
import { addressOrigin } from '../shared/profiles'
import { AppFailure } from './errors'

export const KEYCHAIN_SERVICE = 'Sedna Stop Sales'
const DEFAULT_TIMEOUT_MS = 5_000

/** Which password: the profile, and the address and user it was typed for. */
export interface CredentialKey {
  profileId: number
  /** The profile's Sedna address (any form normalizeBaseUrl accepts); only scheme, host and port count. */
  baseUrl: string
  username: string
}

/** scheme://host:port with the default port spelled out, or undefined for an address that is not a URL. */
export const credentialOrigin = addressOrigin

/** The keychain account a password is stored under: profile, origin and username. */
export function credentialAccount(key: CredentialKey): string {
  return `${key.profileId}|${credentialOrigin(key.baseUrl) ?? key.baseUrl}|${key.username}`
}

/** True when both keys name the same stored password (same profile, scheme, host, port and username). */
export const sameCredential = (a: CredentialKey, b: CredentialKey) => credentialAccount(a) === credentialAccount(b)

export interface CredentialStore {
  /** 'keychain' = the OS keychain; 'memory' = this run only (e.g. SEDNA_PASSWORD on the command line). */
  readonly kind: 'keychain' | 'memory'
  get(key: CredentialKey): Promise<string | undefined>
  set(key: CredentialKey, password: string): Promise<void>
  delete(key: CredentialKey): Promise<boolean>
  /** Resolves when the store answers (the keychain is there and unlocked); rejects saying why not. */
  probe(): Promise<void>
}

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export const KEYCHAIN_UNAVAILABLE =
  'The system keychain is not available, so the Sedna password cannot be stored safely. ' +
  'On Linux, install and unlock a keyring (GNOME Keyring or KWallet) and sign in again; ' +
  'from the command line you can instead set SEDNA_PASSWORD for a single run.'

export function createKeychainStore(opts: { service?: string; timeoutMs?: number } = {}): CredentialStore {
  const service = opts.service ?? KEYCHAIN_SERVICE
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  let loaded: Promise<Keytar> | undefined
  const keytar = () =>
    (loaded ??= import('keytar')
      .then((m) => ((m as { default?: Keytar }).default ?? m) as Keytar)
      .catch((err) => {
        loaded = undefined
        throw err
      }))

  async function guarded<T>(what: string, op: (k: Keytar) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    try {
      const k = await keytar()
      return await Promise.race([
        op(k),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`keychain did not answer within ${timeoutMs} ms`)), timeoutMs)
        }),
      ])
    } catch (err) {
      // keytar's own messages never contain the password; still, say only what staff can act on.
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err)
      throw new AppFailure('unavailable', `${KEYCHAIN_UNAVAILABLE} (${what}: ${reason})`)
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    kind: 'keychain',
    async get(key) {
      const account = credentialAccount(key)
      const pw = await guarded('read', (k) => k.getPassword(service, account))
      if (pw !== null) return pw
      // Before passwords were bound to an address they were stored under the bare profile id: such an
      // entry is taken over once, for the address the profile has when this version first reads it.
      const legacy = await guarded('read', (k) => k.getPassword(service, String(key.profileId)))
      if (legacy === null) return undefined
      await guarded('save', (k) => k.setPassword(service, account, legacy))
      await guarded('delete', (k) => k.deletePassword(service, String(key.profileId)))
      return legacy
    },
    async set(key, password) {
      await guarded('save', (k) => k.setPassword(service, credentialAccount(key), password))
    },
    delete: (key) => guarded('delete', (k) => k.deletePassword(service, credentialAccount(key))),
    async probe() {
      await guarded('read', (k) => k.getPassword(service, 'probe'))
    },
  }
}

/** For one command-line run without a keychain: the password given in SEDNA_PASSWORD, kept in memory. */
export function createMemoryStore(initial: ReadonlyArray<readonly [CredentialKey, string]> = []): CredentialStore {
  const map = new Map<string, string>(initial.map(([key, pw]) => [credentialAccount(key), pw]))
  return {
    kind: 'memory',
    get: async (key) => map.get(credentialAccount(key)),
    set: async (key, pw) => void map.set(credentialAccount(key), pw),
    delete: async (key) => map.delete(credentialAccount(key)),
    probe: async () => {},
  }
}
