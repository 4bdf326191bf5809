/**
 * Vitest global setup: on Linux, a private D-Bus session with an unlocked gnome-keyring, so the
 * keychain tests use a real Secret Service without touching the developer's own keyring, and
 * `npm test` works on a fresh machine (packages: dbus, gnome-keyring; see .ci/run).
 * Elsewhere (macOS Keychain, Windows Credential Manager) keytar needs nothing started.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

let busPid: number | undefined
let home: string | undefined

export function setup(): void {
  if (process.platform !== 'linux' || process.env.SEDNA_TEST_KEYRING === 'system') return
  const missing = ['dbus-daemon', 'gnome-keyring-daemon'].filter(
    (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0,
  )
  if (missing.length) {
    console.warn(
      `[secret-service] ${missing.join(', ')} not installed: keychain tests will report the keychain as unavailable.` +
        ' Install them with: apt-get install dbus gnome-keyring',
    )
    return
  }
  home = mkdtempSync(join(tmpdir(), 'sedna-keyring-'))
  const runtime = join(home, 'run')
  mkdirSync(runtime, { mode: 0o700 })
  const [address, pid] = execFileSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
  busPid = Number(pid)
  const env = {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: address!,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_RUNTIME_DIR: runtime,
  }
  execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    input: 'test-keyring\n',
    env,
    stdio: ['pipe', 'ignore', 'ignore'],
  })
  // Workers are forked after global setup and inherit this.
  process.env.DBUS_SESSION_BUS_ADDRESS = address
  console.log(`[secret-service] private D-Bus session with gnome-keyring for the keychain tests (${address})`)
}

export function teardown(): void {
  if (busPid) {
    try {
      process.kill(busPid) // gnome-keyring-daemon exits with its bus
    } catch {
      // already gone
    }
  }
  if (home) rmSync(home, { recursive: true, force: true })
}
