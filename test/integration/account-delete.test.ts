/**
 * Deleting a Sedna account never hands its records to another one: through the real app context, a
 * real SQLite file and two simulators over HTTP (the deleted account's Sedna and the one still set up).
 * - refused while the account's records are in the outbox (they can only be finished with it);
 * - a record that went out with it and is sent again after its deletion is parked for a person,
 *   while a record never sent still goes with the active account.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { addSimAccount } from '../support/account'
import { invoke } from '../support/context'
import { startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'
import { worded } from '../support/words'

const SAVE = 'Contract/UpdateStopSale'

let app: SyncApp | undefined
let otherSedna: Simulator | undefined
afterEach(async () => {
  await app?.close()
  await otherSedna?.close()
  app = otherSedna = undefined
})

const sync = (ids: number[]) => app!.ctx.services.sync.syncStopSales(ids)
const status = (id: number) => app!.row(id).status

describe('deleting a Sedna account', () => {
  it('is refused while its records are being sent, and allowed once they are', async () => {
    app = await startSyncApp()
    const [id] = app.add({})
    // Phase 1 lands (the record is in Sedna with its RecId), phase 2 fails: it waits for a retry.
    app.sim.addFault({ path: SAVE, calls: [2], fault: { kind: 'http-500' } })
    await sync([id!])
    expect(app.row(id!)).toMatchObject({ profile_id: app.profileId, status: 'created' })

    const refused = await app.ctx.dispatch('profiles.delete', { id: app.profileId })
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'conflict', code: 'account.recordsInFlight', params: { name: 'Acente', count: 1 } },
    })
    if (refused.ok) throw new Error('deleted')
    expect(worded(refused.error as { code: string })).toBeTruthy()
    expect(worded({ code: refused.error.code!, params: refused.error.params })).toMatch(
      /“Acente” still has 1 record being sent to Sedna with it/,
    )
    const profiles = (await invoke(app.ctx, 'profiles.list', {})).profiles
    expect(profiles.map((p) => p.id)).toEqual([app.profileId])

    // Sent: nothing is in flight any more, and the account goes.
    await sync([id!])
    expect(status(id!)).toBe('synced')
    expect(await invoke(app.ctx, 'profiles.delete', { id: app.profileId })).toEqual({ deleted: true })
    expect(stopSaleWrites(app.sim)).toHaveLength(3) // phase 1, phase 2 (500), phase 2 again
  })

  it('a record that went out with a deleted account is parked, never sent with the active one', async () => {
    app = await startSyncApp()
    const [sentBefore] = app.add({ firstNight: '2026-07-01', lastNight: '2026-07-02' })
    // Phase 1 lands, phase 2 is refused: failed (not in flight), with the RecId of account A's Sedna.
    app.sim.addFault({ path: SAVE, calls: [2], fault: { kind: 'refused', status: 400 } })
    await sync([sentBefore!])
    const recId = app.row(sentBefore!).sedna_rec_id
    expect(app.row(sentBefore!)).toMatchObject({ status: 'failed', profile_id: app.profileId })
    expect(recId).toEqual(expect.any(Number))

    await invoke(app.ctx, 'profiles.delete', { id: app.profileId })
    expect(app.row(sentBefore!)).toMatchObject({ profile_id: null, sedna_rec_id: recId })
    otherSedna = await startSimulator()
    const b = await addSimAccount(app.ctx, otherSedna.url, { name: 'Başka hesap' })
    await invoke(app.ctx, 'profiles.activate', { id: b.id })

    // "Sync" on it: parked for a person; account B's Sedna is never asked to save it.
    await sync([sentBefore!])
    expect(app.row(sentBefore!)).toMatchObject({
      status: 'needs_attention',
      last_error_code: 'park.accountDeleted',
      sedna_rec_id: recId,
    })
    expect(stopSaleWrites(otherSedna)).toHaveLength(0)

    // A stop sale never sent goes with the active account, as always.
    const [fresh] = app.add({ firstNight: '2026-08-01', lastNight: '2026-08-02' })
    await sync([fresh!])
    expect(app.row(fresh!)).toMatchObject({ status: 'synced', profile_id: b.id })
    expect(otherSedna.stopSales()).toHaveLength(1)
  })
})
