/**
 * A small forward proxy on 127.0.0.1 for tests, as an office proxy behaves: absolute-form requests
 * (`GET http://host/path`) are forwarded, CONNECT opens a tunnel; everything relayed is counted.
 * With `credentials`, a request without the matching Proxy-Authorization gets 407.
 */
import { createServer, request, type IncomingMessage } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export interface TestProxy {
  readonly url: string
  readonly port: number
  /** Forwarded requests ("GET http://127.0.0.1:1234/…") and tunnels ("CONNECT localhost:443"), in order. */
  readonly relayed: string[]
  /** The headers of each forwarded request, in the same order (tunnels: the CONNECT's). */
  readonly headers: Array<Record<string, string | string[] | undefined>>
  /** Requests refused for want of credentials. */
  readonly refused: number
  close(): Promise<void>
}

export async function startTestProxy(
  opts: { credentials?: { username: string; password: string } } = {},
): Promise<TestProxy> {
  const relayed: string[] = []
  const seenHeaders: TestProxy['headers'] = []
  let refused = 0
  const sockets = new Set<Socket>()
  const expected = opts.credentials
    ? `Basic ${Buffer.from(`${opts.credentials.username}:${opts.credentials.password}`).toString('base64')}`
    : undefined
  const allowed = (req: IncomingMessage) => !expected || req.headers['proxy-authorization'] === expected

  const server = createServer((req, res) => {
    if (!allowed(req)) {
      refused++
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end()
      return
    }
    let target: URL
    try {
      target = new URL(req.url ?? '')
    } catch {
      res.writeHead(400).end('absolute-form URL expected')
      return
    }
    relayed.push(`${req.method} ${target.href}`)
    seenHeaders.push({ ...req.headers })
    const headers = { ...req.headers }
    delete headers['proxy-authorization']
    delete headers['proxy-connection']
    const upstream = request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end()
      else res.destroy()
    })
    res.on('close', () => upstream.destroy())
    req.pipe(upstream)
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    if (!allowed(req)) {
      refused++
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n')
      return
    }
    relayed.push(`CONNECT ${req.url}`)
    seenHeaders.push({ ...req.headers })
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/)
    const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'))
    client.on('error', () => upstream.destroy())
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    relayed,
    headers: seenHeaders,
    get refused() {
      return refused
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      }),
  }
}
