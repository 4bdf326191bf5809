/**
 * Bytes → text for imported files: UTF-8 (with or without a BOM, as the e-mail parser and Excel's
 * "CSV UTF-8" write it) or else Windows-1254 (what Turkish Excel writes for plain "CSV").
 *
 * Detection: a UTF-8 BOM means UTF-8. Otherwise strict UTF-8 is tried: on the whole input when it
 * is in memory, on the first 256 KiB when streaming a file. Windows-1254 decodes every byte, so it is
 * the fallback, never an error. Files that are no text at all (UTF-16, Excel workbooks) are refused
 * with a message that says how to save them.
 */
import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'
import { ImportFileError } from './file-error'

export type Encoding = 'utf-8' | 'windows-1254'

/** How much of a streamed file decides its encoding. */
export const SNIFF_BYTES = 256 * 1024

const SAVE_AS_CSV = 'In Excel use File → Save As → "CSV UTF-8 (Comma delimited) (*.csv)" and import that file.'

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, UTF8_BOM)
}

/** Throws ImportFileError for the beginnings of files that are not single-byte/UTF-8 text. */
export function rejectNonText(head: Uint8Array): void {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw new ImportFileError(
      'importFile.utf16',
      `The file is saved as UTF-16 ("Unicode Text"), which cannot be imported. ${SAVE_AS_CSV}`,
    )
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    throw new ImportFileError(
      'importFile.workbook',
      `The file is an Excel workbook (or another zip file), not CSV. ${SAVE_AS_CSV}`,
    )
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new ImportFileError(
      'importFile.oldWorkbook',
      `The file is an old Excel workbook (.xls), not CSV. ${SAVE_AS_CSV}`,
    )
  }
}

const notUtf8AfterBom = (detail: string) =>
  new ImportFileError(
    'importFile.brokenUtf8',
    `The file starts with a UTF-8 mark but is not valid UTF-8 (${detail}); it is damaged or was edited with another encoding. ${SAVE_AS_CSV}`,
  )

/** Whole input in memory → text. The BOM, if any, is not part of `text`. */
export function decodeBuffer(bytes: Uint8Array): { text: string; encoding: Encoding; bom: boolean } {
  rejectNonText(bytes)
  if (hasUtf8Bom(bytes)) {
    try {
      return {
        text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3)),
        encoding: 'utf-8',
        bom: true,
      }
    } catch {
      throw notUtf8AfterBom('somewhere in the file')
    }
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
      encoding: 'utf-8',
      bom: false,
    }
  } catch {
    return { text: new TextDecoder('windows-1254').decode(bytes), encoding: 'windows-1254', bom: false }
  }
}

export interface DecodeFacts {
  /** May change from 'utf-8' to 'windows-1254' while streaming (see openTextStream); final once the text is read. */
  encoding: Encoding
  bom: boolean
}

export interface TextStream {
  facts: DecodeFacts
  /** The decoded beginning (≥ SNIFF_BYTES of the file, or all of it); also the first chunk of `text`. */
  head: string
  /** True when `head` is the whole file. */
  whole: boolean
  /** The file's text in chunks, `head` first. Rejects with ImportFileError (mixed or broken encoding). */
  text: AsyncGenerator<string, void, undefined>
  /** Releases the source (closes the file) when `text` will not be read to its end. Safe to call twice. */
  close(): Promise<void>
}

export interface OpenTextOptions {
  /** When the caller has checked all bytes already (in-memory input): true = valid UTF-8, false = not. */
  utf8?: boolean | undefined
  sniffBytes?: number
}

// eslint-disable-next-line no-control-regex -- the range starts at NUL: any byte above ASCII is what it finds
const NON_ASCII = /[^\x00-\x7f]/

function countNewlines(s: string): number {
  let n = 0
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++
  return n
}

/**
 * Streams `chunks` as text with bounded memory (the 256 KiB head, then one chunk at a time).
 *
 * When the head is valid UTF-8 but a later chunk is not, the file is read on as Windows-1254 from
 * there — provided everything handed out so far was plain ASCII, which reads the same in both
 * encodings, so this equals restarting the whole file as Windows-1254 without re-reading the
 * rows already delivered. When non-ASCII UTF-8 text was already delivered, the file mixes two
 * encodings and no reading of it is right: ImportFileError.
 */
export async function openTextStream(
  chunks: AsyncIterable<Uint8Array>,
  opts: OpenTextOptions = {},
): Promise<TextStream> {
  const sniff = opts.sniffBytes ?? SNIFF_BYTES
  const source = chunks[Symbol.asyncIterator]()
  const headParts: Uint8Array[] = []
  let headSize = 0
  let ended = false
  try {
    while (headSize < sniff) {
      const next = await source.next()
      if (next.done) {
        ended = true
        break
      }
      headParts.push(next.value)
      headSize += next.value.length
    }
  } catch (e) {
    await source.return?.()
    throw e
  }
  let head: Uint8Array = Buffer.concat(headParts, headSize)
  rejectNonText(head)
  const facts: DecodeFacts = { encoding: 'utf-8', bom: false }
  if (hasUtf8Bom(head)) {
    facts.bom = true
    head = head.subarray(3)
  }

  let utf8: TextDecoder | undefined = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  const cp1254 = new TextDecoder('windows-1254')
  let headText: string
  if (facts.bom) {
    try {
      headText = utf8.decode(head, { stream: !ended })
    } catch {
      await source.return?.()
      throw notUtf8AfterBom('near the beginning')
    }
  } else if (opts.utf8 === false) {
    utf8 = undefined
  } else {
    try {
      headText = utf8.decode(head, { stream: !ended })
    } catch {
      utf8 = undefined
    }
  }
  if (utf8 === undefined) {
    facts.encoding = 'windows-1254'
    headText = cp1254.decode(head)
  }
  const firstText = headText!
  // Only a UTF-8 guess (no BOM, not checked in full) can turn out wrong later.
  const tentative = facts.encoding === 'utf-8' && !facts.bom && opts.utf8 !== true

  let deliveredAscii = !NON_ASCII.test(firstText)
  let deliveredLines = countNewlines(firstText)
  let bytesRead = headSize
  // The last few bytes read: a UTF-8 decoder may hold up to 3 of them as an unfinished character.
  let tail: Uint8Array = head.subarray(Math.max(0, head.length - 3))
  let deliveredBytes = (facts.bom ? 3 : 0) + (deliveredAscii ? firstText.length : 0)

  /** The line (1-based, in the whole file) of the first byte of `chunk` that is not UTF-8. */
  const badLine = (chunk: Uint8Array) => {
    const probe = new TextDecoder('utf-8').decode(chunk)
    const at = probe.indexOf('\uFFFD')
    return deliveredLines + 1 + countNewlines(probe.slice(0, at === -1 ? probe.length : at))
  }
  const mixed = (line: number) =>
    new ImportFileError(
      'importFile.mixedEncodings',
      `The file mixes two text encodings: it starts as UTF-8, but line ${line} is not UTF-8. ${SAVE_AS_CSV}`,
      { line },
    )

  async function* text(): AsyncGenerator<string, void, undefined> {
    try {
      yield firstText
      if (ended) {
        if (utf8) yield* finish()
        return
      }
      for (;;) {
        const next = await source.next()
        if (next.done) break
        const chunk = next.value
        const start = bytesRead
        bytesRead += chunk.length
        let out: string
        if (!utf8) out = cp1254.decode(chunk)
        else {
          try {
            out = utf8.decode(chunk, { stream: true })
          } catch {
            if (!tentative) throw notUtf8AfterBom(`line ${badLine(chunk)}`)
            if (!deliveredAscii) throw mixed(badLine(chunk))
            // Switch: the held-back bytes (bytes read but not delivered) and this chunk, as Windows-1254.
            const held = start - deliveredBytes
            utf8 = undefined
            facts.encoding = 'windows-1254'
            out = cp1254.decode(Buffer.concat([tail.subarray(tail.length - held), chunk]))
          }
        }
        tail = chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : Buffer.concat([tail, chunk]).subarray(-3)
        if (deliveredAscii) {
          if (NON_ASCII.test(out)) deliveredAscii = false
          else deliveredBytes += out.length
        }
        deliveredLines += countNewlines(out)
        if (out !== '') yield out
      }
      if (utf8) yield* finish()
    } finally {
      await source.return?.()
    }
  }

  function* finish(): Generator<string, void, undefined> {
    try {
      const rest = utf8!.decode()
      if (rest !== '') yield rest
    } catch {
      if (!tentative) throw notUtf8AfterBom('at the very end: the file is cut off')
      if (!deliveredAscii) throw mixed(deliveredLines + 1)
      facts.encoding = 'windows-1254'
      const held = bytesRead - deliveredBytes
      yield cp1254.decode(tail.subarray(tail.length - held))
    }
  }

  const close = async () => {
    await source.return?.()
  }
  return { facts, head: firstText, whole: ended, text: text(), close }
}

/** Whether every byte is valid UTF-8 (for in-memory input, so no guessing is needed). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes)
}
