/** The app settings over the real dispatcher and SQLite: defaults, saving, clearing, and a proxy's password kept out of view. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { invoke, startTestApp, type TestApp } from '../support/context'

let app: TestApp
beforeEach(async () => {
  app = await startTestApp({ env: { HTTPS_PROXY: 'http://ofis:gizli@proxy.ofis.local:3128', NO_PROXY: 'localhost' } })
})
afterEach(async () => {
  await app.close()
})

describe('app settings', () => {
  it('reads the defaults, saves, and clears the proxy again', async () => {
    const first = await invoke(app.ctx, 'settings.get', {})
    expect(first.settings).toEqual(DEFAULT_SETTINGS)
    expect(first.settings).toEqual({
      retryAfterCapMinutes: 60,
      proxyUrl: null,
      guestDataRetentionDays: 180,
      pullIntervalMinutes: 10,
      closeAction: 'ask',
      startAtLogin: false,
      updateUrl: null,
    })
    // The environment's proxy is shown, its password not.
    expect(first.environment).toEqual({
      httpsProxy: 'http://***:***@proxy.ofis.local:3128/',
      httpProxy: null,
      noProxy: 'localhost',
    })

    const saved = await invoke(app.ctx, 'settings.save', {
      proxyUrl: 'http://proxy.example.com:8080',
      retryAfterCapMinutes: 15,
    })
    expect(saved.settings).toEqual({
      retryAfterCapMinutes: 15,
      proxyUrl: 'http://proxy.example.com:8080',
      guestDataRetentionDays: 180,
      pullIntervalMinutes: 10,
      closeAction: 'ask',
      startAtLogin: false,
      updateUrl: null,
    })
    expect(app.ctx.services.settings.get().retryAfterCapMinutes).toBe(15)
    expect((await invoke(app.ctx, 'settings.save', { proxyUrl: '' })).settings.proxyUrl).toBeNull()
    await invoke(app.ctx, 'settings.save', { proxyUrl: 'http://proxy.example.com:8080' })
    expect((await invoke(app.ctx, 'settings.save', { proxyUrl: null })).settings.proxyUrl).toBeNull()
  })

  it("never shows a proxy's password, and saving the shown form keeps the stored one", async () => {
    await invoke(app.ctx, 'settings.save', { proxyUrl: 'http://ofis:Gizli-1234@proxy.ofis.local:3128' })
    const shown = await invoke(app.ctx, 'settings.get', {})
    expect(shown.settings.proxyUrl).toBe('http://***:***@proxy.ofis.local:3128/')
    expect(JSON.stringify(shown)).not.toContain('Gizli-1234')
    await invoke(app.ctx, 'settings.save', { proxyUrl: shown.settings.proxyUrl, guestDataRetentionDays: 90 })
    expect(app.ctx.services.settings.get()).toMatchObject({
      proxyUrl: 'http://ofis:Gizli-1234@proxy.ofis.local:3128',
      guestDataRetentionDays: 90,
    })
  })

  it('refuses what it cannot use, naming the field, and changes nothing', async () => {
    for (const bad of [
      { proxyUrl: 'proxy.example.com:8080' },
      { retryAfterCapMinutes: 0 },
      { guestDataRetentionDays: 100_000 },
    ]) {
      const r = await app.ctx.dispatch('settings.save', bad)
      expect(r).toMatchObject({ ok: false, error: { kind: 'validation', issues: [{ path: Object.keys(bad)[0] }] } })
    }
    expect(app.ctx.services.settings.get()).toEqual(DEFAULT_SETTINGS)
  })

  it('saves and reads back what closing the window does and the start at login (#16)', async () => {
    const saved = await invoke(app.ctx, 'settings.save', { closeAction: 'background', startAtLogin: true })
    expect(saved.settings).toMatchObject({ closeAction: 'background', startAtLogin: true })
    // Changing one keeps the other; read back through a fresh read of the table.
    await invoke(app.ctx, 'settings.save', { closeAction: 'quit' })
    expect(app.ctx.services.settings.get()).toMatchObject({ closeAction: 'quit', startAtLogin: true })
    expect((await invoke(app.ctx, 'settings.get', {})).settings).toMatchObject({
      closeAction: 'quit',
      startAtLogin: true,
    })
    await invoke(app.ctx, 'settings.save', { closeAction: 'ask', startAtLogin: false })
    expect(app.ctx.services.settings.get()).toEqual(DEFAULT_SETTINGS)

    for (const bad of [
      { closeAction: 'minimize' },
      { closeAction: null },
      { startAtLogin: 'yes' },
      { startAtLogin: 1 },
    ]) {
      const r = await app.ctx.dispatch('settings.save', bad)
      expect(r).toMatchObject({ ok: false, error: { kind: 'validation', issues: [{ path: Object.keys(bad)[0] }] } })
    }
    expect(app.ctx.services.settings.get()).toEqual(DEFAULT_SETTINGS)
    // A value another version stored that this one does not know reads as the default.
    const stored = app.ctx.database.sqlite.prepare(`update app_settings set value = '"tray"' where key = 'closeAction'`)
    expect(stored.run().changes).toBe(1)
    expect(app.ctx.services.settings.get().closeAction).toBe('ask')
  })

  it('an unreadable stored value falls back to its default without losing the others', async () => {
    await invoke(app.ctx, 'settings.save', { guestDataRetentionDays: 30 })
    app.ctx.database.sqlite
      .prepare(`insert into app_settings (key, value) values ('retryAfterCapMinutes', '"soon"')`)
      .run()
    expect(app.ctx.services.settings.get()).toMatchObject({ retryAfterCapMinutes: 60, guestDataRetentionDays: 30 })
  })
})
