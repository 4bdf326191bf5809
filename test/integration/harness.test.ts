import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callNames } from '../../src/shared/ipc'
import { startHarness, type Harness } from '../harness/server'
import { sampleStopSale, tempDataDir } from '../support/fixtures'

let harness: Harness
let cleanup: () => void
beforeAll(async () => {
  const t = tempDataDir()
  cleanup = t.cleanup
  harness = await startHarness({ dataDir: t.dir })
})
afterAll(async () => {
  await harness.close()
  cleanup()
})

const invoke = (channel: string, body: unknown, token = harness.token) =>
  fetch(`${harness.origin}/__harness/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-harness-token': token },
    body: JSON.stringify(body),
  })

describe('browser harness', () => {
  it('listens on loopback only', () => {
    expect(new URL(harness.origin).hostname).toBe('127.0.0.1')
  })

  it('refuses the page, the bridge, events and calls without the run token', async () => {
    expect((await fetch(`${harness.origin}/`)).status).toBe(403)
    expect((await fetch(`${harness.origin}/?t=wrong`)).status).toBe(403)
    expect((await fetch(`${harness.origin}/__harness/bridge.js`)).status).toBe(403)
    expect((await fetch(`${harness.origin}/__harness/events?t=nope`)).status).toBe(403)
    expect((await invoke('app.info', {}, 'x'.repeat(48))).status).toBe(403)
    expect((await fetch(`${harness.origin}/assets/../../package.json`)).status).toBe(404)
  })

  it('serves the built renderer with the bridge as a classic script at the end of the body', async () => {
    const html = await (await fetch(harness.url)).text()
    // A classic script runs while the page is parsed, so before the (deferred) module bundle; at the
    // end of the body it does not hold up the fetching of the page's own scripts and styles.
    const tag = /<script src="\/__harness\/bridge\.js\?t=[0-9a-f]+"><\/script>\s*<\/body>/.exec(html)
    expect(tag, html).not.toBeNull()
    expect(html.indexOf('type="module"')).toBeLessThan(tag!.index)
  })

  it('exposes every contract call with the same validation as IPC', async () => {
    for (const channel of callNames) {
      const res = await invoke(channel, 'malformed')
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ ok: false, error: { kind: 'validation' } })
    }
  })

  it('streams pushed events as server-sent events', async () => {
    const controller = new AbortController()
    const res = await fetch(`${harness.origin}/__harness/events?t=${harness.token}`, { signal: controller.signal })
    const reader = res.body!.getReader()
    await reader.read() // ": connected"
    const [id] = harness.context.services.stopSales.add([sampleStopSale()])
    let text = ''
    while (!text.includes('\n\n', text.indexOf('event: stopSales.changed'))) {
      const { value } = await reader.read()
      text += new TextDecoder().decode(value)
    }
    controller.abort()
    expect(text).toContain(`event: stopSales.changed\ndata: {"ids":[${id}]}`)
  })
})
