/**
 * Electron glue for running in the background (#16): the window's close hook, the close dialog, the
 * tray, quitting during a sync, the start at login, the desktop notice when a long sync ends. It only
 * carries out what background/decide.ts answers (tested under Node); nothing here decides.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { app, dialog, Menu, nativeImage, Notification, Tray, type BrowserWindow } from 'electron'
import { message, type Message } from '../shared/messages'
import { wordMessage, type MessageLanguage } from '../shared/messages/word'
import type { AppContext } from './app-context'
import {
  afterCloseDialog,
  autostartEntry,
  closeDialog,
  loginItem,
  onWindowClose,
  quitPlan,
  trayModel,
  type CloseDecision,
} from './background/decide'
import { backgroundState } from './background/state'

/** The events after which the tray may say something else (at most once a second). */
const TRAY_EVENTS = new Set(['sync.progress', 'connectivity.changed', 'stopSales.changed', 'reservations.changed'])

export function setUpBackground(opts: { ctx: AppContext; window: () => BrowserWindow | undefined; iconFile: string }) {
  const { ctx } = opts
  const language: MessageLanguage = app.getLocale().toLowerCase().startsWith('tr') ? 'tr' : 'en'
  const word = (m: Message) => wordMessage(m, language)
  let tray: Tray | undefined
  let quitting = false
  let refreshTimer: NodeJS.Timeout | undefined

  function showTray() {
    if (tray) return refresh()
    tray = new Tray(nativeImage.createFromPath(opts.iconFile))
    tray.on('click', open)
    refresh()
  }

  function refresh() {
    if (!tray) return
    const model = trayModel(backgroundState(ctx))
    tray.setToolTip(model.tooltip.map(word).join('\n'))
    const actions = { open, syncAll: () => void ctx.services.sync.syncAllPending(), quit }
    tray.setContextMenu(
      Menu.buildFromTemplate(
        model.menu.map((item) => ({ label: word(item.label), enabled: item.enabled, click: actions[item.id] })),
      ),
    )
  }

  function open() {
    const win = opts.window()
    if (!win || win.isDestroyed()) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  }

  /** Quits as quitPlan says: no new sends during a sync; the requests in flight get the close grace. */
  function quit() {
    quitting = true
    const plan = quitPlan(backgroundState(ctx))
    if (plan.stopNewSends) ctx.services.sync.stopAfterCurrent()
    if (plan.notice && tray) tray.setToolTip(word(plan.notice))
    app.quit()
  }

  function carryOut(decision: CloseDecision, win: BrowserWindow) {
    if (decision === 'hide-to-background') {
      win.hide()
      showTray()
    } else if (decision === 'quit') quit()
  }

  /** The window's close: let it close, hide it, quit, or ask first (decide.ts onWindowClose). */
  function onClose(event: Electron.Event, win: BrowserWindow) {
    const decision = onWindowClose(backgroundState(ctx), quitting)
    if (decision === 'close-now') return
    event.preventDefault()
    if (decision !== 'ask') return carryOut(decision, win)
    const words = closeDialog(backgroundState(ctx))
    void dialog
      .showMessageBox(win, {
        type: 'question',
        title: word(words.title),
        message: word(words.title),
        detail: word(words.detail),
        buttons: [word(words.buttons.background), word(words.buttons.quit)],
        defaultId: 0,
        cancelId: 0,
        checkboxLabel: word(words.remember),
        noLink: true,
      })
      .then(({ response, checkboxChecked }) => {
        const answer = afterCloseDialog(response === 1 ? 'quit' : 'background', checkboxChecked)
        if (answer.save) ctx.services.settings.save(answer.save)
        carryOut(answer.decision, win)
      })
  }

  /** The start at login as the setting says (Windows, macOS: a login item; Linux: an XDG autostart entry). */
  function applyLoginItem(startAtLogin: boolean) {
    if (!app.isPackaged) return // a development run never registers itself
    const plan = loginItem({ startAtLogin }, process.platform)
    if (plan.kind === 'electron') return app.setLoginItemSettings(plan.settings)
    const dir = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart')
    const file = join(dir, 'sedna-stop-sales.desktop')
    if (!plan.enabled) return rmSync(file, { force: true })
    mkdirSync(dir, { recursive: true })
    writeFileSync(file, autostartEntry(app.getName(), process.env.APPIMAGE || process.execPath, plan.args))
  }

  // A long sync that ends while staff work in another window (or the window is hidden): say so on the desktop.
  let syncStartedAt = 0
  ctx.events.subscribe((name, payload) => {
    if (name !== 'sync.progress') return
    const p = payload as { running: boolean; synced: number; parked: number; retrying: number }
    if (p.running && !syncStartedAt) syncStartedAt = Date.now()
    if (p.running || !syncStartedAt) return
    const long = Date.now() - syncStartedAt > 10_000
    syncStartedAt = 0
    if (long && Notification.isSupported() && !opts.window()?.isFocused()) {
      const { synced, parked, retrying } = p
      new Notification({
        title: word(message('tray.syncFinished.title')),
        body: word(message('tray.syncFinished.body', { synced, parked, retrying })),
      }).show()
    }
  })

  ctx.events.subscribe((name) => {
    if (!tray || !TRAY_EVENTS.has(name) || refreshTimer) return
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined
      refresh()
    }, 1_000)
  })
  let startAtLogin = ctx.services.settings.get().startAtLogin
  applyLoginItem(startAtLogin)
  ctx.services.settings.onChange((s) => {
    if (s.startAtLogin !== startAtLogin) applyLoginItem((startAtLogin = s.startAtLogin))
  })
  app.on('before-quit', () => {
    quitting = true
  })

  return { onClose, showTray }
}
