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
    expect(store.kind).toBe('keychain')
    expect(await store.get(7)).toBeUndefined()
    await store.set(7, 'Gizli-Şifre-2025!')
    await store.set(8, 'another one')
    expect(await store.get(7)).toBe('Gizli-Şifre-2025!')
    await store.set(7, 'changed')
    expect(await store.get(7)).toBe('changed')
    expect(await store.delete(7)).toBe(true)
    expect(await store.get(7)).toBeUndefined()
    expect(await store.delete(7)).toBe(false)
    expect(await store.get(8)).toBe('another one') // accounts are separate
    await store.delete(8)
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
