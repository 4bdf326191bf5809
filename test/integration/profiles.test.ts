import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStore, type CredentialStore } from '../../src/main/credentials'
import { AppFailure } from '../../src/main/errors'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { worded } from '../support/words'

let app: TestApp
beforeEach(async () => {
  app = await startTestApp(
    {},
    {
      users: [
        { username: 'acente', password: 'Doğru-Şifre', operatorId: 571 },
        { username: 'demo', password: 'demo', operatorId: 571 },
      ],
    },
  )
})
afterEach(async () => {
  await app.close()
})

const profileInput = () => ({
  name: '7 Star',
  baseUrl: `${app.sim.url}/api/`,
  username: 'acente',
  operatorCode: '7star',
  password: 'Doğru-Şifre',
  allowHttp: true,
})

const keyOf = (profile: { id: number; baseUrl: string; username: string }) => ({
  profileId: profile.id,
  baseUrl: profile.baseUrl,
  username: profile.username,
})

describe('profiles', () => {
  it('saves a profile, keeps the password in the credential store only, and tells the renderer just that one is stored', async () => {
    const saved = await invoke(app.ctx, 'profiles.save', profileInput())
    expect(saved).toMatchObject({
      name: '7 Star',
      baseUrl: app.sim.url,
      operatorCode: '7STAR',
      authorityId: 207,
      recordUser: 'Entegrasyon',
      allRooms: 'explicit',
      allBoards: 'explicit',
      isActive: true,
      hasPassword: true,
    })
    expect(saved).not.toHaveProperty('password')
    expect(await app.ctx.credentials.get(keyOf(saved))).toBe('Doğru-Şifre')
    expect(saved.warnings).toEqual([{ code: 'http', message: expect.stringMatching(/http:\/\/.*unencrypted/) }])
  })

  it('requires a password for a new profile and an address it can use', async () => {
    const { password: _, ...noPassword } = profileInput()
    expect(await app.ctx.dispatch('profiles.save', noPassword)).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: /Enter the Sedna password/ },
    })
    expect(await app.ctx.dispatch('profiles.save', { ...profileInput(), baseUrl: 'kodsedna' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', issues: [{ path: 'baseUrl' }] },
    })
    expect((await invoke(app.ctx, 'profiles.list', {})).profiles).toEqual([])
  })

  it('leaves nothing behind when the keychain refuses the password', async () => {
    const broken: CredentialStore = {
      kind: 'keychain',
      get: async () => undefined,
      set: async () => {
        throw new AppFailure('unavailable', 'The system keychain is not available (test)')
      },
      delete: async () => false,
      probe: async () => {},
    }
    const other = await startTestApp({ credentials: broken })
    try {
      expect(await other.ctx.dispatch('profiles.save', profileInput())).toMatchObject({
        ok: false,
        error: { kind: 'unavailable' },
      })
      expect((await invoke(other.ctx, 'profiles.list', {})).profiles).toEqual([])
    } finally {
      await other.close()
    }
  })

  it('tests the connection: operator id from Sedna, remembered on the profile', async () => {
    const { id } = await invoke(app.ctx, 'profiles.save', profileInput())
    const result = await invoke(app.ctx, 'profiles.testConnection', { id })
    expect(result).toMatchObject({
      operatorId: 571,
      message: { code: 'connection.connected', params: { operatorId: 571 } },
    })
    expect(worded(result.message)).toBe('Connected. Sedna says this account is operator 571.')
    expect(worded(result.message, 'tr')).toBe('Bağlantı kuruldu. Sedna’ya göre bu hesap 571 numaralı operatör.')
    const [profile] = (await invoke(app.ctx, 'profiles.list', {})).profiles
    expect(profile).toMatchObject({ operatorId: 571, lastLoginAt: expect.any(String) })
  })

  it('tests the connection: says exactly why it failed', async () => {
    const { id } = await invoke(app.ctx, 'profiles.save', { ...profileInput(), password: 'yanlış' })
    expect(await app.ctx.dispatch('profiles.testConnection', { id })).toMatchObject({
      ok: false,
      error: { kind: 'auth', message: expect.stringMatching(/rejected the username or password/) },
    })
    await invoke(app.ctx, 'profiles.save', {
      ...profileInput(),
      id,
      baseUrl: app.sim.url.replace('SednaAgencyb2bApi', 'Yanlis'),
    })
    expect(await app.ctx.dispatch('profiles.testConnection', { id })).toMatchObject({
      ok: false,
      error: { kind: 'sedna', message: expect.stringMatching(/HTTP 404.*address is probably wrong/) },
    })
    await invoke(app.ctx, 'profiles.save', { ...profileInput(), id, baseUrl: 'http://127.0.0.1:9', password: 'x' })
    expect(await app.ctx.dispatch('profiles.testConnection', { id })).toMatchObject({
      ok: false,
      error: { kind: 'network', message: expect.stringMatching(/could not be reached.*connection refused/) },
    })
  })

  it('keeps one profile active, offers the demo server, and deletes with the stored password', async () => {
    const first = await invoke(app.ctx, 'profiles.save', profileInput())
    const second = await invoke(app.ctx, 'profiles.save', { ...profileInput(), name: 'İkinci hesap' })
    expect(second.isActive).toBe(false)
    await invoke(app.ctx, 'profiles.activate', { id: second.id })
    let list = (await invoke(app.ctx, 'profiles.list', {})).profiles
    expect(list.filter((p: { isActive: boolean }) => p.isActive).map((p: { id: number }) => p.id)).toEqual([second.id])

    const demo = await invoke(app.ctx, 'profiles.createDemo', {})
    expect(demo).toMatchObject({ kind: 'demo', isActive: true, hasPassword: true })
    expect(await invoke(app.ctx, 'profiles.testConnection', { id: demo.id })).toMatchObject({ operatorId: 571 })

    await invoke(app.ctx, 'profiles.delete', { id: first.id })
    expect(await app.ctx.credentials.get(keyOf(first))).toBeUndefined()
    list = (await invoke(app.ctx, 'profiles.list', {})).profiles
    expect(list.map((p: { name: string }) => p.name).sort()).toEqual([
      'Demo (built-in Sedna simulator)',
      'İkinci hesap',
    ])
  })

  it('asks the keychain once per profile, not on every listing (a locked keyring may prompt)', async () => {
    const inner = createMemoryStore()
    let reads = 0
    const counting: CredentialStore = { ...inner, kind: 'keychain', get: (key) => (reads++, inner.get(key)) }
    const other = await startTestApp({ credentials: counting })
    try {
      const saved = await invoke(other.ctx, 'profiles.save', profileInput())
      const id = saved.id
      reads = 0
      for (let i = 0; i < 5; i++) {
        expect((await invoke(other.ctx, 'profiles.list', {})).profiles[0]).toMatchObject({ id, hasPassword: true })
      }
      expect(reads).toBe(0) // known since it was saved
      await invoke(other.ctx, 'profiles.delete', { id })
      expect(await inner.get(keyOf(saved))).toBeUndefined()
    } finally {
      await other.close()
    }
  })
})
