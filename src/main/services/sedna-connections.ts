/**
 * One Sedna client per profile, kept while the profile and the proxy are unchanged: its keep-alive pool
 * and its login session are reused by every call (the earlier integration logged in once per record).
 * Demo profiles talk to the built-in simulator, started on first use, directly (it lives on this
 * computer: an office proxy could not reach it).
 */
import { credentialOrigin, type CredentialStore } from '../credentials'
import type { ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import type { Logger } from '../log'
import { SednaClient, type SednaExchange, type SednaLimits, type SednaTimeouts } from '../sedna/client'
import { describeRoute, type Env } from '../sedna/dispatcher'
import { SednaError } from '../sedna/failures'

export interface DemoServer {
  url: string
  username: string
  password: string
  close(): Promise<void>
}

export interface SednaConnections {
  client(profile: ProfileRow): Promise<SednaClient>
  /** Drop the cached client (settings or password changed). */
  invalidate(profileId: number): Promise<void>
  /** Drop every cached client (the proxy setting changed): the next call builds them anew. */
  invalidateAll(): Promise<void>
  /** Cancel every call in flight and any later one (the app is closing). */
  abortAll(): void
  closeAll(): Promise<void>
}

export interface ConnectionsOptions {
  credentials: CredentialStore
  logger: Logger
  startDemoServer: () => Promise<DemoServer>
  timeouts?: Partial<SednaTimeouts>
  limits?: Partial<SednaLimits>
  /** The Settings proxy, read when a client is built (null: the environment decides). */
  proxyUrl?: () => string | null
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read (default: this process's environment). */
  env?: Env
  /**
   * Keep-alive connections per Sedna client. More than the sync concurrency: a connection freed by
   * one stop sale must not wait behind another's SQLite work before the next request can use it.
   */
  connections?: number
  /** Every request made with a profile's client, after it ended (e.g. to judge connectivity). */
  onExchange?: (profileId: number, exchange: SednaExchange) => void
}

export function createConnections(opts: ConnectionsOptions): SednaConnections {
  const clients = new Map<number, { key: string; client: SednaClient }>()
  let demo: Promise<DemoServer> | undefined
  let aborted = false
  // Clients dropped while calls of theirs may still run: a quit must cancel those too.
  const retiring = new Set<SednaClient>()
  const retire = async (client: SednaClient) => {
    retiring.add(client)
    try {
      await client.close()
    } finally {
      retiring.delete(client)
    }
  }
  const tuning = {
    ...(opts.connections ? { connections: opts.connections } : {}),
    ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
  }
  const logExchange = (x: SednaExchange) =>
    void opts.logger[x.error ? 'warn' : 'info']('sedna request', {
      action: x.action,
      method: x.method,
      url: x.url,
      status: x.status,
      durationMs: x.durationMs,
      error: x.error?.message,
    })

  return {
    async client(profile) {
      const proxyUrl = profile.kind === 'demo' ? null : (opts.proxyUrl?.() ?? null)
      const key = `${profile.kind}|${profile.baseUrl}|${profile.username}|${proxyUrl ?? ''}`
      const cached = clients.get(profile.id)
      if (cached?.key === key) return cached.client
      if (cached) void retire(cached.client)
      let client: SednaClient
      if (profile.kind === 'demo') {
        const server = await (demo ??= opts.startDemoServer())
        client = new SednaClient({
          baseUrl: server.url,
          username: server.username,
          password: async () => server.password,
          onExchange: (x) => {
            logExchange(x)
            opts.onExchange?.(profile.id, x)
          },
          ...tuning,
          direct: true,
        })
      } else {
        client = new SednaClient({
          baseUrl: profile.baseUrl,
          username: profile.username,
          // Only the password typed for this very address and user (the client's own, captured here):
          // a profile whose address changed gets a new client, which finds none until one is typed.
          password: async () => {
            const key = { profileId: profile.id, baseUrl: profile.baseUrl, username: profile.username }
            const pw = await opts.credentials.get(key)
            if (!pw) {
              const address = credentialOrigin(profile.baseUrl) ?? profile.baseUrl
              throw new AppFailure(
                'auth',
                `No Sedna password is stored for ${profile.username} at ${address} ("${profile.name}"). Enter it in Settings.`,
                undefined,
                { code: 'profiles.noPassword', params: { name: profile.name, username: profile.username, address } },
              )
            }
            return pw
          },
          onExchange: (x) => {
            logExchange(x)
            opts.onExchange?.(profile.id, x)
          },
          ...tuning,
          proxyUrl,
          env: opts.env ?? process.env,
        })
      }
      if (aborted) client.abort()
      opts.logger.info('sedna client', { profileId: profile.id, route: describeRoute(client.route) })
      clients.set(profile.id, { key, client })
      return client
    },
    async invalidate(profileId) {
      const cached = clients.get(profileId)
      clients.delete(profileId)
      if (cached) await retire(cached.client)
    },
    async invalidateAll() {
      const all = [...clients.values()]
      clients.clear()
      await Promise.all(all.map((c) => retire(c.client)))
    },
    abortAll() {
      aborted = true
      for (const { client } of clients.values()) client.abort()
      for (const client of retiring) client.abort()
    },
    async closeAll() {
      const all = [...clients.values()]
      clients.clear()
      await Promise.all(all.map((c) => c.client.close()))
      if (demo) await (await demo).close()
    },
  }
}

/** A Sedna failure in words for staff, as an IPC error kind (with its code, when it has one). */
export function toAppFailure(err: unknown): unknown {
  if (!(err instanceof SednaError)) return err
  const kind =
    err.kind === 'network' || err.kind === 'timeout' || err.kind === 'cancelled' || err.kind === 'certificate'
      ? 'network'
      : err.kind === 'auth' || err.status === 401
        ? 'auth'
        : 'sedna'
  return new AppFailure(kind, err.message, undefined, err.coded)
}
