/**
 * The connectivity probe sends no credentials: one plain GET of Sedna's address, no cookie, no query;
 * any HTTP answer (401 and 404 included) means reachable. While Sedna is down it never logs in, and the
 * queue flushes by itself when Sedna is back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SednaClient } from '../../src/main/sedna/client'
import { SednaError } from '../../src/main/sedna/failures'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { invoke } from '../support/context'
import { startTestProxy, type TestProxy } from '../support/proxy'
import { startSyncApp, type SyncApp } from '../support/sync-app'

let app: SyncApp | undefined
let sims: Simulator[] = []
let proxy: TestProxy | undefined
afterEach(async () => {
  await app?.close()
  await Promise.all(sims.map((s) => s.close()))
  await proxy?.close()
  app = proxy = undefined
  sims = []
})

const isLogin = (r: { path: string }) => /AgencyLogin/i.test(r.path)
const isProbe = (r: { path: string }) => r.path === '/SednaAgencyb2bApi'

describe('connectivity probe', () => {
  it('while Sedna is down and when it is back, the probes never log in; the queue flushes by itself', async () => {
    app = await startSyncApp({ sync: { probeIntervalMs: 100 } })
    const port = app.sim.port
    const ids = app.add({}, { firstNight: '2026-04-01', lastNight: '2026-04-02' })
    await app.sim.close()
    expect(await invoke(app.ctx, 'sync.stopSales', { ids })).toMatchObject({ queued: 2, connectivity: 'offline' })
    await new Promise((r) => setTimeout(r, 500)) // a few probes meet a closed port

    const back = await startSimulator({ port })
    sims.push(back)
    await vi.waitFor(
      () =>
        expect(app!.ctx.database.sqlite.prepare('select status from stop_sales').pluck().all()).toEqual([
          'synced',
          'synced',
        ]),
      { timeout: 10_000, interval: 50 },
    )
    expect(back.stopSales()).toHaveLength(2)
    const requests = back.requests()
    // First the probe (a GET of the address, nothing in the query), then the sync's own single login.
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/SednaAgencyb2bApi', query: {}, status: 404 })
    expect(requests.filter(isLogin)).toHaveLength(1)
    expect(requests.findIndex(isLogin)).toBeGreaterThan(requests.findIndex(isProbe))
    expect(app.ctx.sync.connectivity.state).toBe('online')
  })

  it('with a wrong stored password, pressing Sync while "credentials rejected" asks Sedna without credentials first', async () => {
    app = await startSyncApp({ sync: { probeIntervalMs: 60_000 } })
    await invoke(app.ctx, 'profiles.save', {
      id: app.profileId,
      name: 'Acente',
      baseUrl: app.sim.url,
      username: 'demo',
      password: 'yanlış',
      operatorCode: '7STAR',
      allowHttp: true,
    })
    const [a, b] = app.add({}, { firstNight: '2026-04-01', lastNight: '2026-04-02' })
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [a] })).toMatchObject({
      connectivity: 'credentials-rejected',
    })
    const from = app.sim.requests().length
    await invoke(app.ctx, 'sync.stopSales', { ids: [b] })
    const since = app.sim.requests().slice(from)
    // The check is the probe; the only login is the sync's own attempt for the stop sale.
    expect(since.filter(isProbe)).toHaveLength(1)
    expect(since.filter(isLogin)).toHaveLength(1)
  })

  it('reachable(): any status is an answer, with no cookie and no credentials; refused is not', async () => {
    const sim = await startSimulator()
    sims.push(sim)
    proxy = await startTestProxy()
    // Through the test proxy, to see the headers it sends.
    const client = new SednaClient({
      baseUrl: sim.url,
      username: 'demo',
      password: async () => 'demo',
      env: { HTTP_PROXY: proxy.url },
    })
    try {
      await client.login() // holds a session cookie now
      sim.addFault({ path: 'x/y', fault: { kind: 'http-500' } }) // unrelated: the probe is no action
      await client.reachable()
      const last = proxy.relayed.length - 1
      expect(proxy.relayed[last]).toBe(`GET ${sim.url}`)
      expect(proxy.headers[last]!.cookie).toBeUndefined()
      expect(proxy.headers[last]!.authorization).toBeUndefined()
      expect(sim.requests().at(-1)).toMatchObject({ path: '/SednaAgencyb2bApi', query: {}, status: 404 })
    } finally {
      await client.close()
    }

    const closed = await startSimulator()
    const url = closed.url
    await closed.close()
    const down = new SednaClient({ baseUrl: url, username: 'demo', password: async () => 'demo', env: {} })
    try {
      const err = await down.reachable().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(SednaError)
      expect(err).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' })
    } finally {
      await down.close()
    }
  })
})
