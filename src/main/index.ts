/**
 * Electron entry point. Kept thin: find the data folder, open and migrate the database before any
 * window, register IPC, open the window, forward events. Everything else lives in services.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Notification } from 'electron'
import { openAppContext, type AppContext } from './app-context'
import { registerIpc } from './ipc/register-electron'
import { resolveDataDir } from './paths'
import { isTrustedSenderUrl } from './security'
import { createMainWindow } from './window'

const here = import.meta.dirname
const rendererFile = join(here, '../renderer/index.html')
const preloadFile = join(here, '../preload/index.cjs')
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL

if (!app.requestSingleInstanceLock()) app.quit()

let context: AppContext | undefined
let mainWindow: BrowserWindow | undefined

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore()
  mainWindow?.focus()
})

app.whenReady().then(() => {
  const dataDir = resolveDataDir(process.argv, process.env, () => app.getPath('userData'))
  try {
    context = openAppContext({
      dataDir,
      migrationsFolder: join(app.getAppPath(), 'drizzle'),
      version: app.getVersion(),
      runtime: `Electron ${process.versions.electron} (Node ${process.versions.node})`,
    })
  } catch (err) {
    dialog.showErrorBox('Sedna Stop Sales cannot start', err instanceof Error ? err.message : String(err))
    app.exit(1)
    return
  }
  const ctx = context
  const trusted = { rendererFileUrl: pathToFileURL(rendererFile).href, devServerUrl }
  registerIpc(ipcMain, ctx.dispatch, (event) => {
    return event.sender === mainWindow?.webContents && isTrustedSenderUrl(event.senderFrame?.url, trusted)
  })
  mainWindow = createMainWindow({
    preloadFile,
    rendererFile,
    devServerUrl,
    iconFile: join(app.getAppPath(), 'resources', 'icon.png'),
  })
  ctx.events.subscribe((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(name, payload)
  })
  // A long sync that ends while staff work in another window: say so on the desktop.
  let syncStartedAt = 0
  ctx.events.subscribe((name, payload) => {
    if (name !== 'sync.progress') return
    const p = payload as { running: boolean; done: number; synced: number; parked: number; retrying: number }
    if (p.running && !syncStartedAt) syncStartedAt = Date.now()
    if (p.running || !syncStartedAt) return
    const long = Date.now() - syncStartedAt > 10_000
    syncStartedAt = 0
    if (long && Notification.isSupported() && !mainWindow?.isFocused()) {
      new Notification({
        title: 'Sedna sync finished',
        body: `${p.synced} synced, ${p.parked} need a look, ${p.retrying} waiting to be tried again.`,
      }).show()
    }
  })
  // Whatever waited in the queue when the app was last closed goes out now.
  ctx.start()
})

app.on('window-all-closed', () => app.quit())

// Close Sedna connections (and the demo server) and the database before the process ends.
let closed = false
app.on('will-quit', (event) => {
  if (!context || closed) return
  event.preventDefault()
  closed = true
  void context.close().finally(() => app.quit())
})
