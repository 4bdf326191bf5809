/**
 * The background state (#16) read from a real app context — SQLite, the outbox engine, connectivity
 * judged by real requests to the simulator — and what the rules make of it at each step of a day.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { onWindowClose, trayModel } from '../../src/main/background/decide'
import { backgroundState, type BackgroundState } from '../../src/main/background/state'
import { invoke } from '../support/context'
import { importReservations, startSyncApp, type SyncApp } from '../support/sync-app'

let app: SyncApp
afterEach(async () => {
  await app?.close()
})

describe('background state', () => {
  it('counts what waits, what was never sent, a sync under way, and whether Sedna answers', async () => {
    let duringSync: BackgroundState | undefined
    app = await startSyncApp({
      sync: {
        // Mid-send, as the close hook would see it if staff closed the window right then.
        checkpoint: (name) => {
          if (name === 'before-phase1' && !duringSync) duringSync = backgroundState(app.ctx)
        },
      },
    })
    expect(backgroundState(app.ctx)).toEqual({
      waiting: 0,
      pending: 0,
      syncRunning: false,
      connectivity: 'online', // the account was just checked against the simulator
      closeAction: 'ask',
    })

    // Imported, not yet sent: counted as pending, and closing the window does not ask.
    const ids = app.add({}, { firstNight: '2026-02-01', lastNight: '2026-02-03' })
    await importReservations(app, ['V-1'])
    const imported = backgroundState(app.ctx)
    expect(imported).toMatchObject({ waiting: 0, pending: 3, syncRunning: false })
    expect(onWindowClose(imported, false)).toBe('close-now')
    expect(trayModel(imported).menu[1]).toMatchObject({ id: 'syncAll', enabled: true })

    expect(await invoke(app.ctx, 'sync.stopSales', { ids })).toMatchObject({ synced: 2 })
    expect(duringSync).toMatchObject({ waiting: 2, pending: 1, syncRunning: true })
    expect(onWindowClose(duringSync!, false)).toBe('ask')
    const after = backgroundState(app.ctx)
    expect(after).toMatchObject({ waiting: 0, pending: 1, syncRunning: false, connectivity: 'online' })

    // Sedna stops answering: what is sent now waits in the queue, and the remembered choice decides.
    await app.sim.close()
    const more = app.add({ firstNight: '2026-04-01', lastNight: '2026-04-02' })
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: more })).toMatchObject({ queued: 1 })
    await invoke(app.ctx, 'settings.save', { closeAction: 'background' })
    const offline = backgroundState(app.ctx)
    expect(offline).toEqual({
      waiting: 1,
      pending: 1,
      syncRunning: false,
      connectivity: 'offline',
      closeAction: 'background',
    })
    expect(onWindowClose(offline, false)).toBe('hide-to-background')
    expect(trayModel(offline)).toMatchObject({
      icon: 'offline',
      tooltip: [{ code: 'tray.waiting', params: { count: 1 } }, { code: 'tray.sedna.offline' }],
    })
  })
})
