/**
 * Where a JSON text goes wrong, in words that never quote it (an import file may be any file on the
 * machine): the line and what was found there. Both importers use it for JSON that JSON.parse refused;
 * the streaming tokenizer is used because it names the token and its offset exactly, where JSON.parse's
 * own message quotes the text.
 */
import { Tokenizer, TokenParser, type ParsedTokenInfo } from '@streamparser/json'

const LF = 10

const PUNCTUATION: ReadonlySet<string> = new Set(['{', '}', '[', ']', ',', ':'])

/**
 * What stands where it should not, in words that never quote the file (it may be any file on the
 * machine): JSON's own punctuation is shown, anything else only by its kind.
 */
export function found(raw: string): string {
  if (PUNCTUATION.has(raw)) return `unexpected "${raw}"`
  if (raw.startsWith('"')) return 'unexpected text in quotes'
  if (/^-?\d/.test(raw)) return 'an unexpected number'
  if (raw === 'true' || raw === 'false' || raw === 'null') return `an unexpected ${raw}`
  return 'a character that does not belong in JSON'
}

/** @streamparser/json's token types → found(). */
const TOKEN_WORDS: Readonly<Record<string, string>> = {
  LEFT_BRACE: 'unexpected "{"',
  RIGHT_BRACE: 'unexpected "}"',
  LEFT_BRACKET: 'unexpected "["',
  RIGHT_BRACKET: 'unexpected "]"',
  COLON: 'unexpected ":"',
  COMMA: 'unexpected ","',
  TRUE: 'an unexpected true',
  FALSE: 'an unexpected false',
  NULL: 'an unexpected null',
  STRING: 'unexpected text in quotes',
  NUMBER: 'an unexpected number',
}

/**
 * Where a text that JSON.parse refused goes wrong: the line (counted from `firstLine`) and what was
 * found there (see found()). The streaming tokenizer is used because it names the token and its offset
 * exactly; JSON.parse's own message quotes the text.
 */
export function locateJsonError(text: string, firstLine = 1): { line: number; found: string } {
  const lineOf = (byteOffset: number) => {
    const prefix = Buffer.from(text, 'utf8').subarray(0, byteOffset)
    let n = 0
    for (let i = prefix.indexOf(LF); i !== -1; i = prefix.indexOf(LF, i + 1)) n++
    return firstLine + n
  }
  const tokenizer = new Tokenizer()
  const parser = new TokenParser({ keepStack: false })
  parser.onValue = () => {}
  let lastOffset = 0
  tokenizer.onToken = (info: ParsedTokenInfo) => {
    lastOffset = info.offset
    parser.write(info)
  }
  try {
    tokenizer.write(text)
    tokenizer.end()
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    const tok = /^Unexpected "(.*)" at chunk position "(\d+)"/s.exec(message)
    if (tok) return { line: lineOf(Number(tok[2])), found: found(tok[1]!) }
    const parserTok = /^Unexpected (?:partial )?(\w+) \(/.exec(message)
    if (parserTok) {
      return { line: lineOf(lastOffset), found: TOKEN_WORDS[parserTok[1]!] ?? 'something unexpected' }
    }
  }
  // A bare word or number cut short ("tru", "1e"), or a text the tokenizer took: the value itself is broken.
  return { line: firstLine, found: 'a broken value' }
}
