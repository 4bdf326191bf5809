/**
 * One Sedna client per profile, kept while the profile is unchanged: its keep-alive pool and its
 * login session are reused by every call (the earlier integration logged in once per record).
 * Demo profiles talk to the built-in simulator, started on first use.
 */
import type { CredentialStore } from '../credentials'
import type { ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import type { Logger } from '../log'
import { SednaClient, type SednaExchange, type SednaTimeouts } from './client'
import { SednaError } from './failures'

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
  closeAll(): Promise<void>
}

export interface ConnectionsOptions {
  credentials: CredentialStore
  logger: Logger
  startDemoServer: () => Promise<DemoServer>
  timeouts?: Partial<SednaTimeouts>
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
      const key = `${profile.kind}|${profile.baseUrl}|${profile.username}`
      const cached = clients.get(profile.id)
      if (cached?.key === key) return cached.client
      if (cached) void cached.client.close()
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
          ...(opts.connections ? { connections: opts.connections } : {}),
          ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
        })
      } else {
        client = new SednaClient({
          baseUrl: profile.baseUrl,
          username: profile.username,
          password: async () => {
            const pw = await opts.credentials.get(profile.id)
            if (!pw) {
              throw new AppFailure('auth', `No Sedna password is stored for "${profile.name}". Enter it in Settings.`)
            }
            return pw
          },
          onExchange: (x) => {
            logExchange(x)
            opts.onExchange?.(profile.id, x)
          },
          ...(opts.connections ? { connections: opts.connections } : {}),
          ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
        })
      }
      clients.set(profile.id, { key, client })
      return client
    },
    async invalidate(profileId) {
      const cached = clients.get(profileId)
      clients.delete(profileId)
      await cached?.client.close()
    },
    async closeAll() {
      const all = [...clients.values()]
      clients.clear()
      await Promise.all(all.map((c) => c.client.close()))
      if (demo) await (await demo).close()
    },
  }
}

/** A Sedna failure in words for staff, as an IPC error kind. */
export function toAppFailure(err: unknown): unknown {
  if (!(err instanceof SednaError)) return err
  const kind =
    err.kind === 'network' || err.kind === 'timeout'
      ? 'network'
      : err.kind === 'auth' || err.status === 401
        ? 'auth'
        : 'sedna'
  return new AppFailure(kind, err.message)
}
