/**
 * The command line in Turkish (LANG=tr_TR.UTF-8, no --lang): a failed connection test, an import with
 * invalid rows and rows that need a mapping, a sync that parks them, Sedna going down so that the queue
 * holds items, the queue and the list with their last errors — and none of the English originals of
 * main's messages anywhere in what it printed, text or --json. The originals are every fragment of the
 * English wording (src/shared/messages/en.ts) long enough to be unmistakable where the Turkish says
 * something else, and the English wording of each coded message the --json outputs carried.
 */
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messagesEn } from '../../src/shared/messages/en'
import { messagesTr } from '../../src/shared/messages/tr'
import { wordMessage } from '../../src/shared/messages/word'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { ensureCliBuilt, runCli, startProxy, type CliRun, type Proxy } from '../support/cli'
import { tempDataDir } from '../support/fixtures'

type Tree = { [key: string]: string | Tree }
const PASSWORD = 'Doğru-Şifre-9'
const USER = { username: 'acente', password: PASSWORD, operatorId: 571 }

/** English fragments (between {{params}} and $t nestings) the Turkish wording does not share. */
function englishFragments(): string[] {
  const out: string[] = []
  const walk = (english: Tree, turkish: Tree) => {
    for (const [key, value] of Object.entries(english)) {
      const other = turkish[key]
      if (typeof value === 'string') {
        if (typeof other !== 'string') continue
        for (const f of value.split(/\{\{[^}]*\}\}|\$t\([^)]*\)/).map((x) => x.trim())) {
          if (f.length >= 15 && f.includes(' ') && !other.includes(f)) out.push(f)
        }
      } else if (typeof other === 'object') walk(value, other)
    }
  }
  walk(messagesEn as unknown as Tree, messagesTr as unknown as Tree)
  return out
}

let sim: Simulator
let proxy: Proxy
const data = tempDataDir('sedna-cli-tr-')
const files = tempDataDir('sedna-cli-tr-files-')
const runs: { step: string; run: CliRun }[] = []
const env = {
  LANG: 'tr_TR.UTF-8',
  LC_ALL: undefined,
  LC_MESSAGES: undefined,
  SEDNA_KEYCHAIN_SERVICE: `Sedna Stop Sales cli-tr test ${randomUUID()}`,
  SEDNA_PASSWORD: undefined,
  SEDNA_DATA_DIR: undefined,
}
async function cli(step: string, args: string[], input?: string) {
  const run = await runCli([...args, '--data-dir', data.dir], { env, ...(input !== undefined ? { input } : {}) })
  runs.push({ step, run })
  return run
}
const url = () => `http://127.0.0.1:${proxy.port}/SednaAgencyb2bApi`

beforeAll(async () => {
  ensureCliBuilt()
  sim = await startSimulator({ users: [USER] })
  proxy = await startProxy(sim.port)
}, 120_000)
afterAll(async () => {
  await proxy?.close()
  await sim?.close()
  data.cleanup()
  files.cleanup()
})

describe('the command line in Turkish', { timeout: 120_000 }, () => {
  it('words every message of main in Turkish: none of the English originals is printed', async () => {
    // A failed connection test: the wrong password.
    const set = await cli(
      'profile set',
      ['profile', 'set', '--url', url(), '--username', USER.username, '--operator-code', '7STAR', '--allow-http'],
      'yanlış-şifre\n',
    )
    expect(set.code, set.stderr).toBe(0)
    const failed = await cli('profile test (wrong password)', ['profile', 'test'])
    expect(failed.code).not.toBe(0)
    expect(failed.stderr).toContain('Sedna kullanıcı adını ya da şifreyi kabul etmedi')
    await cli('profile set', ['profile', 'set', '--url', url(), '--username', USER.username], `${PASSWORD}\n`)
    const ok = await cli('profile test', ['profile', 'test'])
    expect(ok.stdout).toContain('Bağlantı kuruldu')
    expect((await cli('refs refresh', ['refs', 'refresh'])).code).toBe(0)

    // An import with invalid rows and rows whose hotel or room Sedna does not know.
    const file = join(files.dir, 'durdurmalar.json')
    writeFileSync(
      file,
      JSON.stringify([
        { hotel_name: 'Mandarin Resort', date_from: '2027-03-01', date_to: '2027-03-03', room_types: ['STDSV'] },
        { hotel_name: 'Mandarin Resort', date_from: '2027-03-05', date_to: '2027-03-06', room_types: ['PENTHOUSE'] },
        { hotel_name: 'Bilinmeyen Otel', date_from: '2027-04-01', date_to: '2027-04-02' },
        { hotel_name: 'Mandarin Resort', date_from: '2027-02-30', date_to: '2027-03-02' },
        { date_from: '2027-03-01', date_to: '2027-03-02' },
      ]),
    )
    const imported = await cli('import', ['import', file])
    expect(imported.code).toBe(1)
    const importedJson = await cli('import --dry-run --json', ['import', file, '--dry-run', '--json'])
    expect(importedJson.json().invalid.length).toBeGreaterThanOrEqual(0)

    const synced = await cli('sync --all', ['sync', '--all', '--json'])
    expect(synced.json().needsAttention).toBeGreaterThanOrEqual(2)
    expect(synced.json().errors.join('\n')).toMatch(/eşleştir/)
    await cli('sync --all (text)', ['sync', '--all'])

    // Sedna down: what waits is in the queue, with why.
    const more = join(files.dir, 'ek.json')
    writeFileSync(
      more,
      JSON.stringify([
        { hotel_name: 'Mandarin Resort', date_from: '2027-05-01', date_to: '2027-05-02', room_types: ['STDSV'] },
      ]),
    )
    expect((await cli('import more', ['import', more])).code).toBe(0)
    await proxy.close()
    try {
      const down = await cli('sync --all (down)', ['sync', '--all', '--json'])
      expect(down.code).toBe(3)
      const queue = await cli('queue', ['queue'])
      expect(queue.stdout).toMatch(/Sedna/)
      await cli('queue --json', ['queue', '--json'])
    } finally {
      await proxy.open()
    }
    const list = await cli('list', ['list'])
    expect(list.stdout).toMatch(/eşleştir/)
    await cli('list --json', ['list', '--json'])

    // The English originals: every fragment of the English wording the Turkish does not share, and the
    // English wording of every message a --json output carried (its code is beside the Turkish text).
    const originals = new Set(englishFragments())
    for (const { run } of runs) {
      for (const m of run.stdout.matchAll(/"(?:code|whyCode)": "([a-zA-Z.]+)"/g)) {
        const english = wordMessage({ code: m[1]! }, 'en')
        if (english !== m[1] && !english.includes('{{')) originals.add(english)
      }
    }
    expect(originals.size).toBeGreaterThan(100)
    const found: string[] = []
    for (const { step, run } of runs) {
      for (const english of originals) {
        if (run.stdout.includes(english) || run.stderr.includes(english)) found.push(`${step}: ${english}`)
      }
    }
    expect(found).toEqual([])
    // And it did speak: Turkish wording of main's messages is there.
    const all = runs.map((r) => r.run.stdout + r.run.stderr).join('\n')
    expect(all).toMatch(/Gönderilmeden önce eşleştirilmesi gerekiyor/)
  })
})
