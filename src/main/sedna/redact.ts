/**
 * Credentials travel in Sedna query strings (AgencyLogin, InsertReservation). Everything that can
 * be logged, stored or shown goes through here first.
 */
const SECRET_PARAMS = /([?&](?:password|pass|pwd|sifre|şifre)=)[^&#\s"']*/gi

/** Replaces query-string secrets and every occurrence of the known secret values with ***. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(SECRET_PARAMS, '$1***')
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue // too short to replace without mangling ordinary text
    out = out.split(secret).join('***')
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) out = out.split(encoded).join('***')
  }
  return out
}
