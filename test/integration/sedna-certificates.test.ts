/**
 * Certificates: Sedna behind https with a certificate this computer does not trust (self-signed, made
 * by openssl for the test) parks the stop sale for a person with a message naming the problem — not
 * "Sedna unreachable" for ever — and the connection test says the same, as a code the screen words in
 * English and Turkish. A certificate trusted through Node's CA list works.
 */
import { wordMessage } from '../../src/shared/messages/word'
import { createServer } from 'node:net'
import tls from 'node:tls'
import i18next from 'i18next'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SednaClient } from '../../src/main/sedna/client'
import { trustedCertificates } from '../../src/main/sedna/dispatcher'
import { SednaError } from '../../src/main/sedna/failures'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { invoke } from '../support/context'
import { startTestProxy, type TestProxy } from '../support/proxy'
import { startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'
import { selfSignedCertificate, startHttpsFront, type HttpsFront } from '../support/tls'

let app: SyncApp | undefined
let front: HttpsFront | undefined
let proxy: TestProxy | undefined
let sim: Simulator | undefined
const defaultCAs = tls.getCACertificates('default')
afterEach(async () => {
  tls.setDefaultCACertificates(defaultCAs)
  await front?.close()
  await proxy?.close()
  await app?.close()
  await sim?.close()
  app = front = proxy = sim = undefined
})

const certificate = selfSignedCertificate()
const origin = (s: Simulator) => new URL(s.url).origin
const httpsBase = (port: number, host = 'localhost') => `https://${host}:${port}/SednaAgencyb2bApi`

/** Points the app's profile at `baseUrl` (the password typed again: a new address forgets it). */
const moveProfile = (a: SyncApp, baseUrl: string) =>
  invoke(a.ctx, 'profiles.save', {
    id: a.profileId,
    name: 'Acente',
    baseUrl,
    username: 'demo',
    password: 'demo',
    operatorCode: '7STAR',
    allowHttp: true,
  })

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('an untrusted certificate', () => {
  it('parks the stop sale for a person with the reason, and the connection test says the same', async () => {
    app = await startSyncApp()
    front = await startHttpsFront(origin(app.sim), certificate)
    await moveProfile(app, httpsBase(front.port))
    const [id] = app.add({})

    const summary = await invoke(app.ctx, 'sync.stopSales', { ids: [id] })
    expect(summary).toMatchObject({ needsAttention: 1, queued: 0 })
    expect(summary.connectivity).not.toBe('offline')
    const message = wordMessage(summary.results[0].message!)
    expect(message).toMatch(/Sedna server at localhost:\d+ was not trusted, so nothing was sent/)
    expect(message).toMatch(/self-signed.*ask IT to install the company certificate/)
    expect(app.row(id!)).toMatchObject({ status: 'needs_attention', last_error: message })
    expect(front.requests).toBe(0)
    expect(stopSaleWrites(app.sim)).toHaveLength(0)

    const tested = await app.ctx.dispatch('profiles.testConnection', { id: app.profileId })
    expect(tested).toMatchObject({
      ok: false,
      error: {
        kind: 'network',
        code: 'sedna.certificate',
        params: { host: `localhost:${front.port}`, problem: 'selfSigned' },
        message: expect.stringMatching(/self-signed/),
      },
    })

    // The screen words the code in the staff's language.
    const error = (tested as { error: { code: string; params: Record<string, string> } }).error
    // The renderer's language files (outside this project's type-checked sources, so imported by name).
    const words = (lng: string) => import(/* @vite-ignore */ `../../src/renderer/src/i18n/${lng}`)
    const [{ en }, { tr }] = await Promise.all([words('en'), words('tr')])
    const i18n = i18next.createInstance()
    await i18n.init({
      resources: { en: { translation: en }, tr: { translation: tr } },
      lng: 'tr',
      interpolation: { escapeValue: false },
    })
    const turkish = i18n.t(`errors.${error.code}`, error.params)
    const english = i18n.t(`errors.${error.code}`, { ...error.params, lng: 'en' })
    console.log(`tr: ${turkish}\nen: ${english}`)
    expect(turkish).toMatch(new RegExp(`localhost:${front.port} adresindeki Sedna sunucusuna güvenilmedi`))
    expect(turkish).toMatch(/sertifikası kendinden imzalı/)
    expect(english).toMatch(/its certificate is self-signed/)
    // Every code the Sedna client gives has wording in both languages.
    const codes = ['certificate', 'tooLarge', 'deadline', 'cancelled', 'proxyInvalid', 'proxyRefused', 'proxyNoRoute']
    for (const code of [...codes, 'proxyUnreachable']) {
      for (const lng of ['en', 'tr']) expect(i18n.exists(`errors.sedna.${code}`, { lng }), `${lng} ${code}`).toBe(true)
    }
    for (const problem of ['selfSigned', 'untrusted', 'expired', 'notYetValid', 'wrongName', 'revoked', 'invalid']) {
      for (const lng of ['en', 'tr']) {
        expect(i18n.t(`errors.sedna.certificate`, { host: 'h', problem, lng })).not.toMatch(/errors\./)
      }
    }
  })

  it('while Sedna seemed down, the probe meets the certificate: what waited is parked with the reason, not offline for ever', async () => {
    app = await startSyncApp({ sync: { probeIntervalMs: 100 } })
    const port = await freePort()
    await moveProfile(app, httpsBase(port))
    const ids = app.add({}, { firstNight: '2026-04-01', lastNight: '2026-04-02' })
    expect(await invoke(app.ctx, 'sync.stopSales', { ids })).toMatchObject({ queued: 2, connectivity: 'offline' })

    front = await startHttpsFront(origin(app.sim), certificate, port)
    await vi.waitFor(
      () =>
        expect(app!.ctx.database.sqlite.prepare('select status from stop_sales').pluck().all()).toEqual([
          'needs_attention',
          'needs_attention',
        ]),
      { timeout: 10_000, interval: 50 },
    )
    expect(app.row(ids[0]!).last_error).toMatch(/not trusted.*self-signed/)
    expect(app.ctx.sync.connectivity.state).toBe('online')
  })

  it('through a proxy (CONNECT tunnel), the certificate is still named', async () => {
    proxy = await startTestProxy()
    app = await startSyncApp({ env: { HTTPS_PROXY: proxy.url } })
    front = await startHttpsFront(origin(app.sim), certificate)
    await moveProfile(app, httpsBase(front.port))
    const [id] = app.add({})
    const summary = await invoke(app.ctx, 'sync.stopSales', { ids: [id] })
    expect(summary.results[0]).toMatchObject({ status: 'needs_attention', message: { code: 'sedna.certificate' } })
    expect(wordMessage(summary.results[0]!.message!)).toMatch(
      new RegExp(`at localhost:${front.port} was not trusted.*self-signed`),
    )
    expect(proxy.relayed).toContain(`CONNECT localhost:${front.port}`)
  })
})

describe('a trusted certificate', () => {
  it('works: Node’s CA list (where NODE_EXTRA_CA_CERTS and company CAs land) is part of what the client trusts', async () => {
    tls.setDefaultCACertificates([...defaultCAs, certificate.cert])
    app = await startSyncApp()
    front = await startHttpsFront(origin(app.sim), certificate)
    await moveProfile(app, httpsBase(front.port))
    const [id] = app.add({})
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [id] })).toMatchObject({ synced: 1 })
    expect(app.sim.stopSales()).toHaveLength(1)
    expect(front.requests).toBeGreaterThanOrEqual(2)
    // …and so is the operating system's store (company CAs installed by IT).
    const trusted = new Set(trustedCertificates())
    const system = tls.getCACertificates('system')
    expect(system.filter((c) => !trusted.has(c))).toEqual([])
    console.log(
      `CA certificates trusted: ${trusted.size} (Node's ${tls.getCACertificates('default').length}, the system's ${system.length}, duplicates dropped)`,
    )
  })

  it('issued for another name than the address is named as such', async () => {
    const named = selfSignedCertificate('DNS:localhost')
    tls.setDefaultCACertificates([...defaultCAs, named.cert])
    sim = await startSimulator()
    front = await startHttpsFront(origin(sim), named)
    const client = new SednaClient({
      baseUrl: httpsBase(front.port, '127.0.0.1'),
      username: 'demo',
      password: async () => 'demo',
      env: {},
    })
    try {
      const err = await client.login().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(SednaError)
      expect(err).toMatchObject({
        kind: 'certificate',
        delivery: 'not-sent',
        transient: false,
        coded: { code: 'sedna.certificate', params: { problem: 'wrongName', host: `127.0.0.1:${front.port}` } },
      })
      expect((err as Error).message).toMatch(/issued for another name than 127\.0\.0\.1/)
      // The other way round works: the name on the certificate.
      const byName = new SednaClient({
        baseUrl: httpsBase(front.port),
        username: 'demo',
        password: async () => 'demo',
        env: {},
      })
      expect(await byName.login()).toBe(571)
      await byName.close()
    } finally {
      await client.close()
    }
  })
})
