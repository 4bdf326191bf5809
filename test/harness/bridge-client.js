// Browser side of the test harness: defines `window.sedna` with the same shape as the preload's
// bridge (invoke + on), over HTTP and server-sent events. `HARNESS` is prepended by the server.
/* global HARNESS */
;(() => {
  const calls = new Set(HARNESS.calls)
  const events = new Set(HARNESS.events)
  const headers = { 'content-type': 'application/json', 'x-harness-token': HARNESS.token }
  const listeners = new Map()
  let source = null

  function ensureStream() {
    if (source) return
    source = new EventSource(`/__harness/events?t=${encodeURIComponent(HARNESS.token)}`)
    for (const name of events) {
      source.addEventListener(name, (msg) => {
        const payload = JSON.parse(msg.data)
        for (const fn of listeners.get(name) ?? []) fn(payload)
      })
    }
  }

  window.sedna = Object.freeze({
    async invoke(channel, input) {
      if (!calls.has(channel))
        return { ok: false, error: { kind: 'validation', message: `Unknown call "${channel}".` } }
      const res = await fetch(`/__harness/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input === undefined ? null : input),
      })
      if (!res.ok) throw new Error(`harness answered HTTP ${res.status}`)
      return res.json()
    },
    on(event, listener) {
      if (!events.has(event)) throw new Error(`Unknown event "${event}".`)
      ensureStream()
      if (!listeners.has(event)) listeners.set(event, new Set())
      listeners.get(event).add(listener)
      return () => listeners.get(event).delete(listener)
    },
  })
})()
