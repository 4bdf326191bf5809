/**
 * An update folder on loopback (#16) and an updater reading it over real HTTP: what the update service
 * relies on electron-updater for (read latest-linux.yml; download the file it names), standing in for it
 * where the installed app is not (README: electron-updater itself is not run here).
 */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { UpdaterPort } from '../../src/main/updates/service'

export interface UpdateFolder {
  /** http://127.0.0.1:port/sedna/ */
  url: string
  /** The paths asked, in order. */
  served: string[]
  /** The version latest-linux.yml names. */
  latest: string
  close(): Promise<void>
}

export async function startUpdateFolder(latest = '0.1.0'): Promise<UpdateFolder> {
  const folder: UpdateFolder = { url: '', served: [], latest, close: async () => {} }
  const server = createServer((req, res) => {
    folder.served.push(req.url ?? '')
    if (req.url === '/sedna/latest-linux.yml') return void res.end(`version: ${folder.latest}\n`)
    if (req.url?.startsWith('/sedna/') && req.url.endsWith('.AppImage')) {
      res.setHeader('content-length', '4096')
      return void res.end(Buffer.alloc(4096, 1))
    }
    res.statusCode = 404
    res.end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  folder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sedna/`
  folder.close = async () => {
    server.close()
    await once(server, 'close')
  }
  return folder
}

/** Reads latest-linux.yml from the folder; a version newer than `running` is downloaded from beside it. */
export function httpUpdater(running: string): UpdaterPort {
  let found: { version: string; url: string } | undefined
  return {
    async check(url) {
      const res = await fetch(new URL('latest-linux.yml', url))
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${res.url}`)
      const version = /^version: (.+)$/m.exec(await res.text())?.[1]?.trim()
      if (!version) throw new Error('latest-linux.yml has no version')
      if (version.localeCompare(running, undefined, { numeric: true }) <= 0) return null
      found = { version, url: new URL(`Sedna-${version}.AppImage`, url).href }
      return { version, releaseDate: null }
    },
    async download(onProgress) {
      if (!found) throw new Error('nothing found')
      const res = await fetch(found.url)
      const total = Number(res.headers.get('content-length'))
      const reader = res.body!.getReader()
      let got = 0
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        got += r.value.length
        onProgress((got / total) * 100)
      }
    },
  }
}
