/**
 * Electron entry point. Kept thin: find the data folder, open and migrate the database before any
 * window, register IPC, open the window, forward events. Everything else lives in services.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain } from 'electron'
import { openAppContext, type AppContext, type AppContextOptions } from './app-context'
import { formatLocal } from './db/backup'
import { DatabaseStartupError } from './db/database'
import { restoreDatabase } from './db/restore'
import { registerIpc } from './ipc/register-electron'
import { databaseFileIn, resolveDataDir } from './paths'
import { isTrustedSenderUrl } from './security'
import { startsHidden } from './background/decide'
import { setUpBackground } from './tray'
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
  mainWindow?.show() // it may be hidden, sending in the background
  mainWindow?.focus()
})

app.whenReady().then(async () => {
  const dataDir = resolveDataDir(process.argv, process.env, () => app.getPath('userData'))
  context = await openContext({
    dataDir,
    migrationsFolder: join(app.getAppPath(), 'drizzle'),
    version: app.getVersion(),
    runtime: `Electron ${process.versions.electron} (Node ${process.versions.node})`,
    chooseImportFile,
    // electron-updater needs the installed app's resources: not loaded at all while developing.
    ...(app.isPackaged ? { updater: (await import('./updates/electron-updater')).electronUpdater } : {}),
    chooseSaveFile,
  })
  if (!context) {
    app.exit(1)
    return
  }
  const ctx = context
  const trusted = { rendererFileUrl: pathToFileURL(rendererFile).href, devServerUrl }
  registerIpc(ipcMain, ctx.dispatch, (event) => {
    return event.sender === mainWindow?.webContents && isTrustedSenderUrl(event.senderFrame?.url, trusted)
  })
  const iconFile = join(app.getAppPath(), 'resources', 'icon.png')
  // Started at login: the tray only; the window opens from it.
  const hidden = startsHidden(
    process.argv,
    process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
  )
  const win = createMainWindow({ preloadFile, rendererFile, devServerUrl, iconFile, show: !hidden })
  mainWindow = win
  const background = setUpBackground({ ctx, window: () => mainWindow, iconFile })
  win.on('close', (event) => background.onClose(event, win))
  if (hidden) background.showTray()
  ctx.events.subscribe((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(name, payload)
  })
  // Whatever waited in the queue when the app was last closed goes out now.
  ctx.start()
})

/** The open dialog for an import file: main picks the path (then opens and checks it on preview). */
async function chooseImportFile(kind: 'stopSales' | 'reservations'): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: kind === 'reservations' ? 'Import parsed reservations' : 'Import parsed stop sales',
    properties: ['openFile'],
    filters: [
      { name: 'Parsed files (JSON, CSV)', extensions: ['json', 'csv', 'tsv', 'txt'] },
      { name: 'All files', extensions: ['*'] },
    ],
  }
  const parent = mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined
  const answer = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  return answer.canceled ? null : (answer.filePaths[0] ?? null)
}

/** The save dialog (Settings → Export diagnostics…): main picks where the file goes, never the renderer. */
async function chooseSaveFile(suggestedName: string): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: 'Export diagnostics',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'Zip', extensions: ['zip'] }],
    // Windows and macOS always ask before replacing an existing file; Linux only when told to. The
    // diagnostics service replaces a file chosen here because this confirmation was given.
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  }
  const parent = mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined
  const answer = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
  return answer.canceled || !answer.filePath ? null : answer.filePath
}

app.on('window-all-closed', () => app.quit())

// Close Sedna connections (and the demo server) and the database before the process ends.
let closed = false
app.on('will-quit', (event) => {
  if (!context || closed) return
  event.preventDefault()
  closed = true
  void context.close().finally(() => app.quit())
})

const CANNOT_START = 'Sedna Stop Sales cannot start'

/**
 * Opens the app context. When the database is damaged or from a newer version and there is a backup
 * this version can read, offers to restore it (the safe answer, Quit, is the default).
 */
async function openContext(options: AppContextOptions): Promise<AppContext | undefined> {
  for (;;) {
    try {
      return await openAppContext(options)
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      const backup = err instanceof DatabaseStartupError ? err.backup : undefined
      if (!backup) return void dialog.showErrorBox(CANNOT_START, message)
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: CANNOT_START,
        message: CANNOT_START,
        detail: message,
        buttons: ['Quit', `Restore the backup of ${formatLocal(backup.createdAt)}`],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      })
      if (response !== 1) return undefined
      try {
        const databaseFile = databaseFileIn(options.dataDir)
        await restoreDatabase({ databaseFile, candidate: backup.file, migrationsFolder: options.migrationsFolder })
      } catch (failed) {
        return void dialog.showErrorBox(CANNOT_START, failed instanceof Error ? failed.message : String(failed))
      }
    }
  }
}
