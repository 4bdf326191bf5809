import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isTrustedSenderUrl, RENDERER_CSP } from '../../src/main/security'

const trusted = { rendererFileUrl: 'file:///opt/app/out/renderer/index.html' }

describe('IPC sender check', () => {
  it('trusts only our own renderer page', () => {
    expect(isTrustedSenderUrl('file:///opt/app/out/renderer/index.html', trusted)).toBe(true)
    expect(isTrustedSenderUrl('file:///opt/app/out/renderer/index.html#/detail/3', trusted)).toBe(true)
    expect(isTrustedSenderUrl('file:///tmp/evil.html', trusted)).toBe(false)
    expect(isTrustedSenderUrl('https://example.com/', trusted)).toBe(false)
    expect(isTrustedSenderUrl('http://localhost:5173/', trusted)).toBe(false)
    expect(isTrustedSenderUrl(undefined, trusted)).toBe(false)
    expect(isTrustedSenderUrl('not a url', trusted)).toBe(false)
  })

  it('trusts the dev server only when one is configured, and only on loopback', () => {
    const dev = { ...trusted, devServerUrl: 'http://localhost:5173/' }
    expect(isTrustedSenderUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedSenderUrl('http://10.0.0.5:5173/', { ...trusted, devServerUrl: 'http://10.0.0.5:5173/' })).toBe(
      false,
    )
  })

  it('index.html carries the same strict CSP main enforces', () => {
    const html = readFileSync(join(import.meta.dirname, '../../src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(RENDERER_CSP)
    expect(RENDERER_CSP).toContain("default-src 'none'")
    expect(RENDERER_CSP).not.toContain('unsafe')
  })
})
