/**
 * Proxies: HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the (injected) environment and the proxy in
 * Settings, through a real forward proxy started by the test. Loopback is proxied like any host unless
 * NO_PROXY names it. A proxy's password is never logged.
 */
import { wordMessage } from '../../src/shared/messages/word'
import { afterEach, describe, expect, it } from 'vitest'
import { SednaClient } from '../../src/main/sedna/client'
import { invoke } from '../support/context'
import { startTestProxy, type TestProxy } from '../support/proxy'
import { startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'

let app: SyncApp | undefined
let proxy: TestProxy | undefined
afterEach(async () => {
  await app?.close()
  await proxy?.close()
  app = proxy = undefined
})

const sync = (a: SyncApp, ids: number[]) => invoke(a.ctx, 'sync.stopSales', { ids })
const writesRelayed = (p: TestProxy) => p.relayed.filter((r) => /Contract\/UpdateStopSale/.test(r))

describe('proxies', () => {
  it('HTTP_PROXY in the environment: every request goes through it, one record', async () => {
    proxy = await startTestProxy()
    app = await startSyncApp({ env: { HTTP_PROXY: proxy.url } })
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ synced: 1 })
    expect(app.sim.stopSales()).toHaveLength(1)
    // Forwarded in absolute form (an http:// Sedna is not tunnelled), all of them: the reference
    // refresh, the login and both phases.
    expect(writesRelayed(proxy)).toEqual([
      `PUT ${app.sim.url}/api/Contract/UpdateStopSale`,
      `PUT ${app.sim.url}/api/Contract/UpdateStopSale`,
    ])
    expect(proxy.relayed).toHaveLength(app.sim.requests().length)
    expect(proxy.relayed.some((r) => /AgencyLogin/.test(r))).toBe(true)
  })

  it('the proxy in Settings: used from the next request on; a new one replaces it at once', async () => {
    proxy = await startTestProxy()
    const other = await startTestProxy()
    try {
      app = await startSyncApp({ env: {} })
      expect(proxy.relayed).toHaveLength(0)
      await invoke(app.ctx, 'settings.save', { proxyUrl: proxy.url })
      const [a, b] = app.add({}, { firstNight: '2026-03-01', lastNight: '2026-03-02' })
      expect(await sync(app, [a!])).toMatchObject({ synced: 1 })
      expect(writesRelayed(proxy)).toHaveLength(2)
      expect(app.sim.stopSales()).toHaveLength(1)

      // The clients are rebuilt: their pooled connections went through the old proxy.
      await invoke(app.ctx, 'settings.save', { proxyUrl: other.url })
      const relayed = proxy.relayed.length
      expect(await sync(app, [b!])).toMatchObject({ synced: 1 })
      expect(proxy.relayed).toHaveLength(relayed)
      expect(writesRelayed(other)).toHaveLength(2)
      expect(app.sim.stopSales()).toHaveLength(2)
    } finally {
      await other.close()
    }
  })

  it('NO_PROXY=127.0.0.1 bypasses it', async () => {
    proxy = await startTestProxy()
    app = await startSyncApp({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'example.com, 127.0.0.1' } })
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ synced: 1 })
    expect(proxy.relayed).toHaveLength(0)
    expect(app.sim.stopSales()).toHaveLength(1)
  })

  it('a proxy that needs a password gets it from the proxy address, which is never logged with it', async () => {
    proxy = await startTestProxy({ credentials: { username: 'acente', password: 'Pr0xy-S1fre' } })
    app = await startSyncApp({ env: {} })
    const [a, b] = app.add({}, { firstNight: '2026-03-01', lastNight: '2026-03-02' })

    // Without it: the proxy refuses, and a person is told so (retrying would change nothing).
    await invoke(app.ctx, 'settings.save', { proxyUrl: proxy.url })
    const refused = await sync(app, [a!])
    expect(refused.results[0]).toMatchObject({ status: 'failed', message: { code: 'sedna.proxyRefused' } })
    expect(wordMessage(refused.results[0]!.message!)).toMatch(
      /proxy 127\.0\.0\.1:\d+ refused to connect to Sedna .*HTTP 407.*username and password/,
    )
    expect(proxy.refused).toBeGreaterThan(0)

    await invoke(app.ctx, 'settings.save', { proxyUrl: `http://acente:Pr0xy-S1fre@127.0.0.1:${proxy.port}` })
    expect(await sync(app, [a!, b!])).toMatchObject({ synced: 2 })
    expect(app.sim.stopSales()).toHaveLength(2)
    expect(writesRelayed(proxy)).toHaveLength(4)

    const log = (app.ctx.logger as unknown as { lines: string[] }).lines
    expect(log.some((l) => l.includes(`proxy http://***:***@127.0.0.1:${proxy!.port}/ (from Settings)`))).toBe(true)
    expect(log.join('\n')).not.toContain('Pr0xy-S1fre')
    const attempts = app.ctx.database.sqlite.prepare('select * from sync_attempts').all()
    expect(JSON.stringify(attempts)).not.toContain('Pr0xy-S1fre')
  })

  it('a proxy that is down leaves the stop sale queued, naming the proxy', async () => {
    proxy = await startTestProxy()
    const { url } = proxy
    await proxy.close()
    proxy = undefined
    app = await startSyncApp({ env: {} })
    app.sim.clearFaults()
    await invoke(app.ctx, 'settings.save', { proxyUrl: url })
    const [id] = app.add({})
    const summary = await sync(app, [id!])
    expect(summary).toMatchObject({ queued: 1, connectivity: 'offline' })
    expect(wordMessage(summary.results[0]!.lastError ?? summary.results[0]!.message!)).toMatch(
      /The proxy 127\.0\.0\.1:\d+ could not be reached/,
    )
    expect(stopSaleWrites(app.sim)).toHaveLength(0)
  })

  it('an unusable proxy variable is refused with its name, never its value', () => {
    const build = (env: Record<string, string>) => () =>
      new SednaClient({
        baseUrl: 'http://sedna.example/SednaAgencyb2bApi',
        username: 'u',
        password: async () => 'p',
        env,
      })
    expect(build({ HTTPS_PROXY: 'socks9://acente:gizli@proxy:1' })).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^The proxy address in HTTPS_PROXY is not usable/),
        code: 'sedna.proxyInvalid',
        params: { source: 'HTTPS_PROXY' },
      }),
    )
    expect(build({ HTTPS_PROXY: 'socks9://acente:gizli@proxy:1' })).not.toThrow(/gizli/)
    // Without a scheme, as curl takes it: http://.
    expect(build({ http_proxy: 'proxy.example:8080' })().route).toMatchObject({
      httpProxy: 'http://proxy.example:8080/',
      source: 'http_proxy',
    })
  })
})
