/**
 * #16 item 3, updates: the folder's address in Settings (checked: http(s), no user name or password), and
 * the rules of the update service through the dispatcher, on a real database: nothing is asked without a
 * folder, a check only asks, a download only follows a check that found a version, failures are worded
 * with the folder's address, every change is pushed as `updates.changed`. electron-updater itself needs
 * the installed app (README: not run here): test/support/update-folder.ts reads the folder's latest.yml
 * over real HTTP from a loopback server, standing in for it in what the service relies on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { UpdateStatus } from '../../src/shared/updates'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { httpUpdater, startUpdateFolder, type UpdateFolder } from '../support/update-folder'

let folder: UpdateFolder
let folderUrl: string
let served: string[]
beforeEach(async () => {
  folder = await startUpdateFolder()
  folderUrl = folder.url
  served = folder.served
})
afterEach(() => folder.close())

describe('updates from the agency folder', () => {
  let app: TestApp
  let pushed: UpdateStatus[]
  beforeEach(async () => {
    app = await startTestApp({ updater: () => httpUpdater('0.1.0') })
    pushed = []
    app.ctx.events.subscribe((name, payload) => {
      if (name === 'updates.changed') pushed.push(payload as UpdateStatus)
    })
  })
  afterEach(() => app.close())

  it('keeps the folder address only as http(s) without a user name or password, ending in /', async () => {
    const saved = await invoke(app.ctx, 'settings.save', { updateUrl: ` ${folderUrl.slice(0, -1)} ` })
    expect(saved.settings.updateUrl).toBe(folderUrl)
    for (const bad of [
      'updates.example.com/sedna/',
      'ftp://updates.example.com/sedna/',
      'https://staff:Gizli-1234@updates.example.com/sedna/',
      'https://updates.example.com/sedna/?token=abc',
      'file:///C:/updates/',
    ]) {
      const r = await app.ctx.dispatch('settings.save', { updateUrl: bad })
      expect(r).toMatchObject({ ok: false, error: { kind: 'validation', issues: [{ path: 'updateUrl' }] } })
    }
    expect(JSON.stringify(app.ctx.database.sqlite.prepare('select * from app_settings').all())).not.toContain('Gizli')
    expect(app.ctx.services.settings.get().updateUrl).toBe(folderUrl)
    await invoke(app.ctx, 'settings.save', { updateUrl: '' })
    expect(app.ctx.services.settings.get().updateUrl).toBeNull()
  })

  it('asks nothing without a folder; a check only asks; the download follows a check that found a version', async () => {
    expect(await invoke(app.ctx, 'updates.status', {})).toEqual({ state: 'off' })
    expect(await app.ctx.dispatch('updates.check', {})).toMatchObject({
      ok: false,
      error: { kind: 'validation', code: 'updates.noFolder' },
    })
    expect(await app.ctx.dispatch('updates.download', {})).toMatchObject({
      ok: false,
      error: { kind: 'conflict', code: 'updates.nothingToDownload' },
    })
    expect(served).toEqual([])

    await invoke(app.ctx, 'settings.save', { updateUrl: folderUrl })
    expect(await invoke(app.ctx, 'updates.status', {})).toEqual({ state: 'idle' })
    // The running version is the newest: nothing to download.
    expect(await invoke(app.ctx, 'updates.check', {})).toMatchObject({ state: 'upToDate' })
    expect(served).toEqual(['/sedna/latest-linux.yml'])

    folder.latest = '0.2.0'
    expect(await invoke(app.ctx, 'updates.check', {})).toEqual({
      state: 'available',
      version: '0.2.0',
      releaseDate: null,
    })
    // Asking did not download.
    expect(served.filter((u) => u.endsWith('.AppImage'))).toEqual([])

    expect(await invoke(app.ctx, 'updates.download', {})).toEqual({ state: 'ready', version: '0.2.0' })
    expect(served.at(-1)).toBe('/sedna/Sedna-0.2.0.AppImage')
    // A check after the download keeps it (it is installed on quit), and asks nothing.
    const asked = served.length
    expect(await invoke(app.ctx, 'updates.check', {})).toEqual({ state: 'ready', version: '0.2.0' })
    expect(served.length).toBe(asked)

    // Every step was pushed to the window, the download's progress included.
    const states = pushed.map((s) => s.state)
    expect(states.slice(0, 4)).toEqual(['checking', 'upToDate', 'checking', 'available'])
    expect(states.at(-1)).toBe('ready')
    expect(pushed.filter((s) => s.state === 'downloading').length).toBeGreaterThanOrEqual(1)
  })

  it('a folder that does not answer is said with its address, and a later check can still succeed', async () => {
    const gone = folderUrl.replace('/sedna/', '/elsewhere/')
    await invoke(app.ctx, 'settings.save', { updateUrl: gone })
    const failed = await invoke(app.ctx, 'updates.check', {})
    expect(failed).toMatchObject({ state: 'failed', message: { code: 'updates.checkFailed', params: { url: gone } } })
    expect(failed.state === 'failed' && String(failed.message.params?.detail)).toContain('404')

    await invoke(app.ctx, 'settings.save', { updateUrl: folderUrl })
    expect(await invoke(app.ctx, 'updates.check', {})).toMatchObject({ state: 'upToDate' })
  })
})

describe('outside the installed app', () => {
  it('has no updater: the status says so and a check is refused in words', async () => {
    const app = await startTestApp()
    try {
      await invoke(app.ctx, 'settings.save', { updateUrl: 'https://updates.example.com/sedna/' })
      expect(await invoke(app.ctx, 'updates.status', {})).toEqual({ state: 'unsupported' })
      expect(await app.ctx.dispatch('updates.check', {})).toMatchObject({
        ok: false,
        error: { kind: 'unavailable', code: 'updates.unsupported' },
      })
    } finally {
      await app.close()
    }
  })
})
