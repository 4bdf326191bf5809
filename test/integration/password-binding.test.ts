/**
 * A stored Sedna password goes only where it was typed for: the profile, scheme, host, port and
 * username. Reproduced before: a profile saved for A with a password, its address changed to B (in
 * Settings or straight through IPC), and "Test connection" sent the stored password to B.
 * Two real simulators (A and B, the same users, so B would accept the login if it got it) over real
 * HTTP; the credential store is the app's own in-memory one, keyed as the keychain is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { invoke, startTestApp, type TestApp } from '../support/context'

const USER = { username: 'acente', password: 'Gizli-Şifre-A', operatorId: 571 }
let app: TestApp
let b: Simulator

beforeEach(async () => {
  app = await startTestApp({}, { users: [USER] })
  b = await startSimulator({ users: [USER] })
})
afterEach(async () => {
  await app.close()
  await b.close()
})

const input = (over: Record<string, unknown> = {}) => ({
  name: 'Acente',
  baseUrl: app.sim.url,
  username: USER.username,
  operatorCode: '7STAR',
  allowHttp: true,
  ...over,
})
const passwordSentTo = (sim: Simulator) => sim.requests().filter((r) => r.query.password !== undefined)

describe('the stored password is bound to where it was typed for', () => {
  it('an address changed to another host forgets it: the test connection sends nothing to the new host', async () => {
    const saved = await invoke(app.ctx, 'profiles.save', input({ password: USER.password }))
    expect(await invoke(app.ctx, 'profiles.testConnection', { id: saved.id })).toMatchObject({ operatorId: 571 })
    expect(passwordSentTo(app.sim)).toHaveLength(1)

    // B is another port on the same host: another origin.
    const moved = await invoke(app.ctx, 'profiles.save', input({ id: saved.id, baseUrl: b.url }))
    expect(moved).toMatchObject({ hasPassword: false })
    expect(moved.warnings.map((w: { code: string }) => w.code)).toEqual(
      expect.arrayContaining(['passwordForgotten', 'noPassword']),
    )
    expect(await app.ctx.dispatch('profiles.testConnection', { id: saved.id })).toMatchObject({
      ok: false,
      error: { kind: 'auth', code: 'profiles.noPassword', params: { username: USER.username } },
    })
    expect(b.requests()).toEqual([])
    // Back to A: the password was forgotten, not parked for later.
    const back = await invoke(app.ctx, 'profiles.save', input({ id: saved.id }))
    expect(back.hasPassword).toBe(false)
    expect(await app.ctx.dispatch('profiles.testConnection', { id: saved.id })).toMatchObject({ ok: false })
    expect(passwordSentTo(app.sim)).toHaveLength(1)
  })

  it('a change written straight into the database finds no password either (the keychain entry names the address)', async () => {
    const saved = await invoke(app.ctx, 'profiles.save', input({ password: USER.password }))
    app.ctx.database.sqlite.prepare('update sedna_profiles set base_url = ? where id = ?').run(b.url, saved.id)
    expect(await app.ctx.dispatch('profiles.testConnection', { id: saved.id })).toMatchObject({
      ok: false,
      error: { code: 'profiles.noPassword' },
    })
    expect(b.requests()).toEqual([])
  })

  it('the username, the scheme and the port are part of the binding; the path is not', async () => {
    const saved = await invoke(app.ctx, 'profiles.save', input({ password: USER.password }))
    const key = (over: Partial<{ baseUrl: string; username: string }>) => ({
      profileId: saved.id,
      baseUrl: app.sim.url,
      username: USER.username,
      ...over,
    })
    // The path (…/SednaAgencyb2bApi vs …/SednaAgencyb2bApi/api/) is the same server: kept.
    const samePlace = await invoke(app.ctx, 'profiles.save', input({ id: saved.id, baseUrl: `${app.sim.url}/api/` }))
    expect(samePlace.hasPassword).toBe(true)
    expect(await invoke(app.ctx, 'profiles.testConnection', { id: saved.id })).toMatchObject({ operatorId: 571 })

    const renamed = await invoke(app.ctx, 'profiles.save', input({ id: saved.id, username: 'acente2' }))
    expect(renamed.hasPassword).toBe(false)
    expect(await app.ctx.credentials.get(key({}))).toBeUndefined()
    expect(await app.ctx.credentials.get(key({ username: 'acente2' }))).toBeUndefined()

    await invoke(app.ctx, 'profiles.save', input({ id: saved.id, password: USER.password }))
    const https = app.sim.url.replace('http://', 'https://')
    const secured = await invoke(app.ctx, 'profiles.save', input({ id: saved.id, baseUrl: https }))
    expect(secured.hasPassword).toBe(false)
  })

  it('a new password typed with the new address is stored for the new address only', async () => {
    const saved = await invoke(app.ctx, 'profiles.save', input({ password: USER.password }))
    await invoke(app.ctx, 'profiles.save', input({ id: saved.id, baseUrl: b.url, password: USER.password }))
    expect(await invoke(app.ctx, 'profiles.testConnection', { id: saved.id })).toMatchObject({ operatorId: 571 })
    expect(passwordSentTo(b)).toHaveLength(1)
    expect(
      await app.ctx.credentials.get({ profileId: saved.id, baseUrl: app.sim.url, username: USER.username }),
    ).toBeUndefined()
  })
})

describe('an http:// address needs an explicit confirmation', () => {
  it('refuses to save http:// without it, says so on the field, and stores nothing', async () => {
    const { allowHttp: _, ...plain } = input({ password: USER.password })
    expect(await app.ctx.dispatch('profiles.save', plain)).toMatchObject({
      ok: false,
      error: { kind: 'validation', code: 'profiles.httpNeedsConfirmation', issues: [{ path: 'allowHttp' }] },
    })
    expect((await invoke(app.ctx, 'profiles.list', {})).profiles).toEqual([])
    expect(await app.ctx.credentials.get({ profileId: 1, baseUrl: app.sim.url, username: USER.username })).toBe(
      undefined,
    )
  })

  it('asks again when the address moves, not when other fields of a confirmed http:// profile change', async () => {
    const saved = await invoke(app.ctx, 'profiles.save', input({ password: USER.password }))
    const { allowHttp: _, ...plain } = input({ id: saved.id, name: 'Yeni ad' })
    expect(await invoke(app.ctx, 'profiles.save', plain)).toMatchObject({ name: 'Yeni ad', hasPassword: true })
    expect(await app.ctx.dispatch('profiles.save', { ...plain, baseUrl: b.url })).toMatchObject({
      ok: false,
      error: { code: 'profiles.httpNeedsConfirmation' },
    })
    // Refused: nothing changed, the password is still there for A.
    expect((await invoke(app.ctx, 'profiles.list', {})).profiles[0]).toMatchObject({
      baseUrl: app.sim.url,
      hasPassword: true,
    })
  })

  it('an https:// address needs no confirmation', async () => {
    const { allowHttp: _, ...plain } = input({ baseUrl: 'https://sedna.example.com/SednaAgencyb2bApi', password: 'x' })
    expect(await invoke(app.ctx, 'profiles.save', plain)).toMatchObject({ baseUrl: plain.baseUrl, hasPassword: true })
  })
})
