/** The OS keychain through keytar, against a real Secret Service (see test/support/secret-service.ts). */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createKeychainStore } from '../../src/main/credentials'
import { projectRoot } from '../harness/server'

describe('keychain', () => {
  it('stores, reads and deletes a password through keytar', async () => {
    const store = createKeychainStore({ service: `Sedna Stop Sales test ${randomUUID()}` })
    const seven = { profileId: 7, baseUrl: 'https://sedna.example.com/SednaAgencyb2bApi', username: 'acente' }
    const eight = { ...seven, profileId: 8 }
    expect(store.kind).toBe('keychain')
    await store.probe()
    expect(await store.get(seven)).toBeUndefined()
    await store.set(seven, 'Gizli-Şifre-2025!')
    await store.set(eight, 'another one')
    expect(await store.get(seven)).toBe('Gizli-Şifre-2025!')
    await store.set(seven, 'changed')
    expect(await store.get(seven)).toBe('changed')
    // Bound to scheme, host, port and username: another address or user of the same profile has none.
    expect(await store.get({ ...seven, baseUrl: 'http://sedna.example.com/SednaAgencyb2bApi' })).toBeUndefined()
    expect(await store.get({ ...seven, baseUrl: 'https://sedna.example.com:8443/SednaAgencyb2bApi' })).toBeUndefined()
    expect(await store.get({ ...seven, baseUrl: 'https://evil.example.com/SednaAgencyb2bApi' })).toBeUndefined()
    expect(await store.get({ ...seven, username: 'acente2' })).toBeUndefined()
    // …but the same server written another way is the same entry.
    expect(await store.get({ ...seven, baseUrl: 'https://SEDNA.example.com:443/other/path' })).toBe('changed')
    expect(await store.delete(seven)).toBe(true)
    expect(await store.get(seven)).toBeUndefined()
    expect(await store.delete(seven)).toBe(false)
    expect(await store.get(eight)).toBe('another one') // accounts are separate
    await store.delete(eight)
  })

  it('takes over a password stored by an earlier version (under the bare profile id) once, for the current address', async () => {
    const service = `Sedna Stop Sales test ${randomUUID()}`
    const keytar = ((await import('keytar')) as unknown as { default: typeof import('keytar') }).default
    await keytar.setPassword(service, '3', 'eski-şifre')
    const store = createKeychainStore({ service })
    const key = { profileId: 3, baseUrl: 'https://sedna.example.com/api', username: 'acente' }
    expect(await store.get(key)).toBe('eski-şifre')
    expect(await keytar.getPassword(service, '3')).toBeNull()
    // Now bound: another address finds nothing, the first still does.
    expect(await store.get({ ...key, baseUrl: 'https://other.example.com/api' })).toBeUndefined()
    expect(await store.get(key)).toBe('eski-şifre')
    await store.delete(key)
  })

  it('says clearly what to do when there is no keychain', () => {
    const env = { ...process.env }
    delete env.DBUS_SESSION_BUS_ADDRESS
    delete env.DISPLAY
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'test/support/keychain-probe.ts')], {
      cwd: projectRoot,
      env,
      encoding: 'utf8',
      timeout: 20_000,
    })
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!)
    expect(out).toMatchObject({ ok: false, kind: 'unavailable' })
    expect(out.message).toMatch(/system keychain is not available/)
    expect(out.message).toMatch(/SEDNA_PASSWORD/)
  })
})
