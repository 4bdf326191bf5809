/** Run in a child process without a session bus: what does the app say when there is no keychain? */
import { createKeychainStore } from '../../src/main/credentials'

const store = createKeychainStore({ service: 'Sedna Stop Sales probe', timeoutMs: 2_000 })
try {
  await store.probe()
  console.log(JSON.stringify({ ok: true }))
} catch (err) {
  const e = err as { kind?: string; message?: string }
  console.log(JSON.stringify({ ok: false, kind: e.kind, message: e.message }))
}
