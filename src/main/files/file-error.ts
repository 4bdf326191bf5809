/**
 * A problem with an import file as a whole (unreadable, empty, not JSON/CSV, no usable header, …), for
 * both kinds of import. The message is for staff and never quotes the file's content (it may be any
 * file on the machine): it says what is wrong and where. `code` and `params` let the screen word it
 * (`errors.<code>`).
 */
import type { MessageParams } from '../../shared/result'
import { AppFailure } from '../errors'

export class ImportFileError extends Error {
  override name = 'ImportFileError'
  readonly kind: 'validation' | 'not-found'
  constructor(
    readonly code: string,
    message: string,
    readonly params: MessageParams = {},
    options?: { cause?: unknown; kind?: 'validation' | 'not-found' },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.kind = options?.kind ?? 'validation'
  }
}

/**
 * A problem reading an import file, in words for staff: the coded ImportFileError becomes an AppFailure
 * with the same code, and the file's name among its params.
 */
export function staffError(err: unknown, fileName: string): unknown {
  if (err instanceof AppFailure) return err
  if (err instanceof ImportFileError) {
    return new AppFailure(err.kind, err.message, undefined, {
      code: err.code,
      params: { file: fileName, ...err.params },
    })
  }
  return err
}

/** "UTF-8 with BOM, ";"-separated": how the file was read, as the preview says it. */
export function encodingLabel(encoding: 'utf-8' | 'windows-1254', bom: boolean, delimiter?: string): string {
  const text = encoding === 'windows-1254' ? 'Windows-1254 (Turkish)' : bom ? 'UTF-8 with BOM' : 'UTF-8'
  if (delimiter === undefined) return text
  return `${text}, ${delimiter === '\t' ? 'tab' : `"${delimiter}"`}-separated`
}
