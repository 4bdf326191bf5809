/**
 * Sedna passwords live in the OS keychain (keytar: macOS Keychain, Windows Credential Manager,
 * the Secret Service on Linux) and nowhere else. One service name for the app, one account per
 * profile id. Every keychain call has a timeout: a locked or absent keyring must not hang the app.
 */
import { AppFailure } from './errors'

export const KEYCHAIN_SERVICE = 'Sedna Stop Sales'
const DEFAULT_TIMEOUT_MS = 5_000

export interface CredentialStore {
  /** 'keychain' = the OS keychain; 'memory' = this run only (e.g. SEDNA_PASSWORD on the command line). */
  readonly kind: 'keychain' | 'memory'
  get(profileId: number): Promise<string | undefined>
  set(profileId: number, password: string): Promise<void>
  delete(profileId: number): Promise<boolean>
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
    async get(profileId) {
      return (await guarded('read', (k) => k.getPassword(service, String(profileId)))) ?? undefined
    },
    async set(profileId, password) {
      await guarded('save', (k) => k.setPassword(service, String(profileId), password))
    },
    delete: (profileId) => guarded('delete', (k) => k.deletePassword(service, String(profileId))),
  }
}

/** For one command-line run without a keychain: the password given in SEDNA_PASSWORD, kept in memory. */
export function createMemoryStore(initial: Record<number, string> = {}): CredentialStore {
  const map = new Map(Object.entries(initial).map(([k, v]) => [Number(k), v]))
  return {
    kind: 'memory',
    get: async (id) => map.get(id),
    set: async (id, pw) => void map.set(id, pw),
    delete: async (id) => map.delete(id),
  }
}
