/**
 * Secrets are kept out of logs, errors, stored requests and output by construction: the client builds
 * the URL it shows (and stores) with the credentials already replaced, and never puts a password into
 * any other string. What is here redacts by *name* — a query parameter or a JSON field called
 * password — never by searching for the password's text, so it can never change a character that is
 * not such a value (a search for "1234" would turn RecId 12345 into ***5).
 *
 * `redactUrl` is for URLs the app builds; `redactText` is the last net over free text (log lines,
 * command-line output): it replaces only the value of `password=…` and `"password": "…"`.
 */

/** Query parameters and JSON fields whose value is a secret (compared case-insensitively). */
export const SECRET_NAMES: readonly string[] = ['password', 'pass', 'passwd', 'pwd', 'sifre', 'şifre', 'parola']

export const REDACTED = '***'

const isSecretName = (name: string) => SECRET_NAMES.includes(name.toLocaleLowerCase('en-US'))

/** The URL with the value of every secret query parameter replaced by ***; anything unparsable as is through redactText. */
export function redactUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return redactText(url)
  }
  let changed = false
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (!isSecretName(name)) continue
    parsed.searchParams.set(name, REDACTED)
    changed = true
  }
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? REDACTED : ''
    parsed.password = parsed.password ? REDACTED : ''
    changed = true
  }
  return changed ? parsed.toString() : url
}

const names = SECRET_NAMES.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
/** `password=value` in a query string or form body: the value runs to the next separator. */
const QUERY_VALUE = new RegExp(`((?:^|[?&;\\s])(?:${names})=)[^&#\\s"<>]*`, 'giu')
/** `"password": "value"` in JSON (the value may hold escaped quotes). */
const JSON_VALUE = new RegExp(`("(?:${names})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'giu')

/** The last net over free text: secret query values and secret JSON fields, by name only. */
export function redactText(text: string): string {
  return text.replace(QUERY_VALUE, `$1${REDACTED}`).replace(JSON_VALUE, `$1"${REDACTED}"`)
}

/**
 * A server may echo the request back (ASP.NET's "No HTTP resource was found that matches the request
 * URI '…?password=p"w\x'", decoded): in the answer to a request that carried `secrets`, each one is
 * replaced where it follows a secret parameter's name — in any of the forms it can take there (as is,
 * percent-encoded, form-encoded, JSON-escaped). Nothing else is touched: a number that happens to
 * contain a short password stays what it was.
 */
export function redactEcho(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (!secret) continue
    const forms = new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
      JSON.stringify(encodeURIComponent(secret)).slice(1, -1),
    ])
    for (const form of [...forms].sort((a, b) => b.length - a.length)) {
      const pattern = new RegExp(`((?:${names})=)${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'giu')
      out = out.replace(pattern, `$1${REDACTED}`)
    }
  }
  return out
}
