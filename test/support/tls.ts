/**
 * HTTPS for tests: a self-signed certificate made by openssl in a temp folder, and an https server on
 * 127.0.0.1 that forwards every request to a plain-http server (the simulator) — a Sedna behind a
 * certificate the computer does not trust.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import { tempDataDir } from './fixtures'

export interface TestCertificate {
  key: string
  cert: string
}

/** A fresh key and a self-signed certificate for CN=localhost, valid for one day, for the names in `san`. */
export function selfSignedCertificate(san = 'DNS:localhost,IP:127.0.0.1'): TestCertificate {
  const t = tempDataDir('sedna-tls-')
  try {
    const key = join(t.dir, 'key.pem')
    const cert = join(t.dir, 'cert.pem')
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1'].concat([
        '-addext',
        `subjectAltName=${san}`,
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'ignore' },
    )
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') }
  } finally {
    t.cleanup()
  }
}

export interface HttpsFront {
  readonly port: number
  /** Requests that reached it over TLS. */
  readonly requests: number
  close(): Promise<void>
}

/** An https server with `certificate` that forwards each request to `target` (an http:// origin). */
export async function startHttpsFront(target: string, certificate: TestCertificate, port = 0): Promise<HttpsFront> {
  const origin = new URL(target)
  let requests = 0
  const sockets = new Set<Socket>()
  const server = createServer(certificate, (req, res) => {
    requests++
    const upstream = request(
      { host: origin.hostname, port: origin.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()))
    req.pipe(upstream)
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  // Handshakes the client refuses end in errors here; they are the point of the tests.
  server.on('tlsClientError', () => {})
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    get requests() {
      return requests
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      }),
  }
}
