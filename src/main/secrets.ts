/**
 * The last net over everything written to the log and the terminal. Secrets are kept out by
 * construction (see sedna/redact.ts): this only replaces values of fields and query parameters named
 * like a password, never the text of a password wherever it occurs — that corrupted output (a
 * password "1234" turned RecId 12345 into ***5) and missed escaped forms.
 */
import { redactText } from './sedna/redact'

export const scrub = (text: string): string => redactText(text)
