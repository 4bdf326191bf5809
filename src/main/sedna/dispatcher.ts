/**
 * How requests reach Sedna: directly, or through a proxy — the one in Settings, else the standard
 * HTTPS_PROXY / HTTP_PROXY variables — with NO_PROXY naming the hosts reached directly. Loopback is
 * proxied like any other host unless NO_PROXY names it (undici's rule, kept: a test proxy on
 * 127.0.0.1 must see the requests). TLS trusts the operating system's certificate store as well as
 * Node's own, so a company CA installed by IT is trusted.
 *
 * undici 8 (lib/dispatcher/env-http-proxy-agent.js, proxy-agent.js): an https:// target is tunnelled
 * (CONNECT), an http:// target is forwarded in absolute form (`GET http://host/path`) unless
 * `proxyTunnel` is set; an https:// target without HTTPS_PROXY goes through HTTP_PROXY; user:password
 * in the proxy URL becomes a Proxy-Authorization header. EnvHttpProxyAgent reads process.env for any
 * option left undefined, so every one is passed here, from the environment given.
 */
import tls from 'node:tls'
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici'
import { AppFailure } from '../errors'
import { redactUrl } from './redact'

export type Env = Readonly<Record<string, string | undefined>>

export interface ProxyRoute {
  /** For http:// targets (and https:// ones when httpsProxy is null). Null: direct. */
  httpProxy: string | null
  httpsProxy: string | null
  /** Hosts reached directly (NO_PROXY syntax: `host`, `.domain`, `*.domain`, `host:port`, `*`). */
  noProxy: string
  /** Where the proxy came from, for messages: 'Settings', 'HTTPS_PROXY'… */
  source: string | null
}

export const DIRECT: ProxyRoute = { httpProxy: null, httpsProxy: null, noProxy: '', source: null }

const envValue = (env: Env, ...names: string[]): { name: string; value: string } | undefined => {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return { name, value }
  }
  return undefined
}

/**
 * The proxy for Sedna: the Settings one when set (for every target), else the environment's. Upper
 * case first, as the Settings screen shows them. NO_PROXY applies to both.
 */
export function proxyRoute(settingsProxy: string | null | undefined, env: Env): ProxyRoute {
  const noProxy = envValue(env, 'NO_PROXY', 'no_proxy')?.value ?? ''
  if (settingsProxy) {
    const url = proxyUrl(settingsProxy, 'Settings')
    return { httpProxy: url, httpsProxy: url, noProxy, source: 'Settings' }
  }
  const http = envValue(env, 'HTTP_PROXY', 'http_proxy')
  const https = envValue(env, 'HTTPS_PROXY', 'https_proxy')
  if (!http && !https) return { ...DIRECT, noProxy }
  return {
    httpProxy: http ? proxyUrl(http.value, http.name) : null,
    httpsProxy: https ? proxyUrl(https.value, https.name) : null,
    noProxy,
    source: [https?.name, http?.name].filter(Boolean).join(' / '),
  }
}

/**
 * A proxy address as undici needs it; `proxy.corp:8080` (no scheme, as curl accepts) means http://.
 * The refusal never repeats the value: it may hold a password.
 */
function proxyUrl(value: string, source: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
  try {
    const url = new URL(withScheme)
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) return url.toString()
  } catch {
    // refused below
  }
  throw new AppFailure(
    'validation',
    `The proxy address in ${source} is not usable (expected http://host:port). Correct it, or clear it to connect to Sedna directly.`,
    undefined,
    { code: 'sedna.proxyInvalid', params: { source } },
  )
}

/** The route's proxies as shown in logs and messages: credentials replaced by ***. */
export function describeRoute(route: ProxyRoute): string {
  if (!route.httpProxy && !route.httpsProxy) return 'direct'
  const shown = [...new Set([route.httpsProxy, route.httpProxy].filter((p): p is string => !!p))].map(redactUrl)
  return `proxy ${shown.join(' / ')} (from ${route.source})${route.noProxy ? `, NO_PROXY ${route.noProxy}` : ''}`
}

/** Does a request to `target` go through a proxy on this route? (NO_PROXY as undici reads it, simplified for messages.) */
export function proxiedHost(route: ProxyRoute, target: URL): string | undefined {
  const proxy = target.protocol === 'https:' ? (route.httpsProxy ?? route.httpProxy) : route.httpProxy
  if (!proxy) return undefined
  const host = target.hostname.replace(/^\[(.+)\]$/, '$1').toLowerCase()
  for (const entry of route.noProxy.split(/[,\s]+/).filter(Boolean)) {
    const name = entry
      .replace(/:\d+$/, '')
      .replace(/^\*?\./, '')
      .toLowerCase()
    if (name === '*' || host === name || host.endsWith(`.${name}`)) return undefined
  }
  return new URL(proxy).host
}

/**
 * Node's CA list ('default': its bundled Mozilla store plus NODE_EXTRA_CA_CERTS) and the operating
 * system's ('system', Node ≥ 22.15), or undefined (TLS's own default) on a runtime that cannot list them.
 */
export function trustedCertificates(): string[] | undefined {
  const list = (tls as { getCACertificates?: (type: 'default' | 'system') => string[] }).getCACertificates
  if (typeof list !== 'function') return undefined
  let ours: string[]
  try {
    ours = list('default')
  } catch {
    return undefined
  }
  let system: string[] = []
  try {
    system = list('system')
  } catch {
    // no readable system store: Node's own list still holds
  }
  return [...new Set([...ours, ...system])]
}

export interface DispatcherOptions {
  route: ProxyRoute
  connections: number
  connectTimeoutMs: number
  headersTimeoutMs: number
  bodyTimeoutMs: number
  /** CA certificates to trust (default: Node's and the system's). */
  ca?: string[] | undefined
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const ca = opts.ca ?? trustedCertificates()
  // One context for all connections: built per connection from ~300 PEM certificates, it costs ~15 ms.
  const tlsOptions = ca ? { secureContext: tls.createSecureContext({ ca }) } : {}
  const common = {
    connections: opts.connections,
    connectTimeout: opts.connectTimeoutMs,
    headersTimeout: opts.headersTimeoutMs,
    bodyTimeout: opts.bodyTimeoutMs,
    keepAliveTimeout: 30_000,
    connect: tlsOptions,
  }
  const { route } = opts
  if (!route.httpProxy && !route.httpsProxy) return new Agent(common)
  return new EnvHttpProxyAgent({
    ...common,
    // Every one given, so undici never reads process.env itself. '' = none.
    httpProxy: route.httpProxy ?? '',
    httpsProxy: route.httpsProxy ?? '',
    noProxy: route.noProxy,
    // Sedna behind the proxy (CONNECT tunnel), and an https:// proxy itself.
    requestTls: tlsOptions,
    proxyTls: tlsOptions,
  })
}
