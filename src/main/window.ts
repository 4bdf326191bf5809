/** The main window, with Electron's security defaults spelled out. */
import { BrowserWindow, session, shell } from 'electron'
import { RENDERER_CSP } from './security'

export interface WindowOptions {
  preloadFile: string
  rendererFile: string
  devServerUrl?: string | undefined
  iconFile?: string
  /** Shown once ready (default); false: started in the background, opened from the tray. */
  show?: boolean
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  lockDownSession(opts.devServerUrl)
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Sedna Stop Sales',
    ...(opts.iconFile ? { icon: opts.iconFile } : {}),
    webPreferences: {
      preload: opts.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  if (opts.show !== false) win.once('ready-to-show', () => win.show())
  const wc = win.webContents
  // No navigation away from our page and no new windows; links to the web open in the browser.
  wc.on('will-navigate', (event) => event.preventDefault())
  wc.on('will-redirect', (event) => event.preventDefault())
  wc.on('will-attach-webview', (event) => event.preventDefault())
  wc.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  if (opts.devServerUrl) void win.loadURL(opts.devServerUrl)
  else void win.loadFile(opts.rendererFile)
  return win
}

function lockDownSession(devServerUrl: string | undefined): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  // No remote content: the renderer talks to main over IPC only; Sedna is reached from main.
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, cb) => {
    const allowed = devOrigin !== undefined && new URL(details.url).origin.replace(/^ws/, 'http') === devOrigin
    cb({ cancel: !allowed })
  })
  ses.webRequest.onHeadersReceived((details, cb) => {
    const headers = { ...details.responseHeaders }
    // The dev server needs inline scripts for hot reload; built pages get the strict policy.
    if (!devOrigin) headers['Content-Security-Policy'] = [RENDERER_CSP]
    cb({ responseHeaders: headers })
  })
}
