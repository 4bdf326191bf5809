/**
 * Which pages may talk to main. Only our own renderer: the built index.html (file://) or, while
 * developing, the electron-vite dev server. Anything else (an injected frame, a navigated page)
 * gets no answer.
 */
export interface TrustedOrigins {
  /** Absolute file:// URL of the built renderer's index.html. */
  rendererFileUrl: string
  /** The dev server's URL, when running `npm run dev`. */
  devServerUrl?: string | undefined
}

export function isTrustedSenderUrl(url: string | undefined, trusted: TrustedOrigins): boolean {
  if (!url) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'file:') {
    const expected = new URL(trusted.rendererFileUrl)
    return parsed.pathname === expected.pathname
  }
  if (trusted.devServerUrl) {
    const dev = new URL(trusted.devServerUrl)
    return parsed.origin === dev.origin && (dev.hostname === 'localhost' || dev.hostname === '127.0.0.1')
  }
  return false
}

/** The renderer's Content-Security-Policy; index.html carries the same string in a meta tag. */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'"
