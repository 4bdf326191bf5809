/**
 * What a Sedna address means for its stored password, free of zod so that the renderer can use it
 * without carrying the schema library in its bundle (profiles.ts re-exports it for main).
 */

/**
 * scheme://host:port of a Sedna address, the default port spelled out (undefined when it is not a
 * URL): what a stored password is bound to, together with the profile and the username.
 */
export function addressOrigin(baseUrl: string): string | undefined {
  try {
    const url = new URL(baseUrl.trim())
    const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '')
    return `${url.protocol}//${url.hostname.toLowerCase()}:${port}`
  } catch {
    return undefined
  }
}

/** An address the password would travel to unencrypted. */
export const isHttpAddress = (baseUrl: string) => /^http:\/\//i.test(baseUrl.trim())
