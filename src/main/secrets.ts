/**
 * Every password the process has seen, so that the log and error paths can scrub it even from text
 * that was never meant to contain it. Process-local, memory only.
 */
import { redact } from './sedna/redact'

const known = new Set<string>()

export function registerSecret(secret: string): void {
  if (secret.length >= 3) known.add(secret)
}

/** Query-string credentials and every registered secret replaced by ***. */
export function scrub(text: string): string {
  return redact(text, [...known])
}
