/**
 * The password for `profile set`: SEDNA_PASSWORD, else stdin — piped (first line), or typed at a
 * terminal without echo. Never an argument: arguments show up in `ps`, shell history and
 * schedulers' logs.
 */
import type { CliIo } from './output'

export async function readPassword(io: CliIo, prompt: string): Promise<string | undefined> {
  const fromEnv = io.env.SEDNA_PASSWORD
  if (fromEnv) return fromEnv
  const text = io.stdin.isTTY && io.stdin.setRawMode ? await typed(io, prompt) : await piped(io.stdin)
  return text || undefined
}

async function piped(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  const text = Buffer.concat(chunks).toString('utf8')
  // The first line, without its line end (echo adds \n, Windows' echo \r\n).
  return text.split(/\r?\n/)[0] ?? ''
}

function typed(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream
  io.stderr.write(prompt)
  return new Promise((resolve, reject) => {
    let text = ''
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    const done = (err?: Error) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      io.stderr.write('\n')
      if (err) reject(err)
      else resolve(text)
    }
    const onData = (data: string) => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done()
        if (ch === '\u0003') return done(new Error('cancelled'))
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1)
        else if (ch >= ' ') text += ch
      }
    }
    stdin.on('data', onData)
  })
}
