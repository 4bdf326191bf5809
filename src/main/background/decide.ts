/**
 * The rules of running in the background (#16), as plain functions of the state: what closing the
 * window does, what the tray shows, how quitting during a sync goes, and how the app starts at login.
 * The Electron glue (tray, dialog, close hook) only carries out what these answer.
 */
import { message, type Message } from '../../shared/messages'
import type { CloseAction } from '../../shared/settings'
import type { BackgroundState } from './state'

/**
 * On quit, how long calls to Sedna already under way may still run before they are cancelled
 * (app-context.ts's default `closeGraceMs`). Long enough for a normal request to get its answer, short
 * enough that quitting never feels stuck; a cancelled phase 1 is looked up before it is sent again.
 */
export const CLOSE_GRACE_MS = 5_000

/** Something would stop if the app went away: items the engine is to send, or a sync under way. */
export const hasWorkToFinish = (s: Pick<BackgroundState, 'waiting' | 'syncRunning'>): boolean =>
  s.waiting > 0 || s.syncRunning

export type CloseDecision =
  /** Let the window close as it always did (on Windows and Linux the app then quits). */
  | 'close-now'
  /** Show the close dialog (closeDialog()); its answer goes through afterCloseDialog(). */
  | 'ask'
  /** Keep the window from closing: hide it, show the tray, keep sending. */
  | 'hide-to-background'
  /** Quit the app (quitPlan() says how), the window included. */
  | 'quit'

/**
 * What closing the window does. `quitting`: the app is quitting already (the tray's Quit, the
 * application menu, the OS logging out): that is never asked about again.
 */
export function onWindowClose(
  state: Pick<BackgroundState, 'waiting' | 'syncRunning' | 'closeAction'>,
  quitting: boolean,
): CloseDecision {
  if (quitting || !hasWorkToFinish(state)) return 'close-now'
  const byChoice: Record<CloseAction, CloseDecision> = {
    ask: 'ask',
    background: 'hide-to-background',
    quit: 'quit',
  }
  return byChoice[state.closeAction]
}

/** The close dialog's wording: what waits, the two choices (background first: the safe one), remember. */
export interface CloseDialog {
  title: Message
  detail: Message
  buttons: { background: Message; quit: Message }
  remember: Message
}

export function closeDialog(state: Pick<BackgroundState, 'waiting' | 'syncRunning'>): CloseDialog {
  return {
    title: message('tray.close.title'),
    detail: state.waiting > 0 ? message('tray.close.waiting', { count: state.waiting }) : message('tray.close.sending'),
    buttons: { background: message('tray.close.background'), quit: message('tray.close.quit') },
    remember: message('tray.close.remember'),
  }
}

/** The dialog's answer: what to do now, and the setting to save when staff ticked "remember my choice". */
export function afterCloseDialog(
  choice: 'background' | 'quit',
  remember: boolean,
): { decision: CloseDecision; save: { closeAction: CloseAction } | null } {
  return {
    decision: choice === 'background' ? 'hide-to-background' : 'quit',
    save: remember ? { closeAction: choice } : null,
  }
}

export type TrayIcon = 'ok' | 'waiting' | 'offline' | 'attention'

export interface TrayMenuItem {
  id: 'open' | 'syncAll' | 'quit'
  label: Message
  enabled: boolean
}

export interface TrayModel {
  icon: TrayIcon
  /** One line each: what waits, then whether Sedna answers. */
  tooltip: [Message, Message]
  menu: TrayMenuItem[]
}

const sednaLine: Record<BackgroundState['connectivity'], Message> = {
  online: message('tray.sedna.online'),
  offline: message('tray.sedna.offline'),
  'credentials-rejected': message('tray.sedna.credentialsRejected'),
  checking: message('tray.sedna.checking'),
  unknown: message('tray.sedna.checking'),
}

/**
 * What the tray shows. The icon says the most pressing thing: a refused login needs a person
 * (attention), then Sedna not answering (offline), then items on their way (waiting), else all sent.
 * "Sync all pending" is enabled whenever something could be sent and no sync runs — offline included:
 * pressing it checks Sedna again first (outbox/service.ts), the tray's only "try now".
 */
export function trayModel(state: BackgroundState): TrayModel {
  const toSend = state.waiting + state.pending
  const icon: TrayIcon =
    state.connectivity === 'credentials-rejected'
      ? 'attention'
      : state.connectivity === 'offline'
        ? 'offline'
        : hasWorkToFinish(state)
          ? 'waiting'
          : 'ok'
  const first = state.syncRunning
    ? message('tray.sending', { count: state.waiting })
    : state.waiting > 0
      ? message('tray.waiting', { count: state.waiting })
      : state.pending > 0
        ? message('tray.notSent', { count: state.pending })
        : message('tray.allSent')
  return {
    icon,
    tooltip: [first, sednaLine[state.connectivity]],
    menu: [
      { id: 'open', label: message('tray.menu.open'), enabled: true },
      {
        id: 'syncAll',
        label: message('tray.menu.syncAll', { count: toSend }),
        enabled: toSend > 0 && !state.syncRunning,
      },
      { id: 'quit', label: message('tray.menu.quit'), enabled: true },
    ],
  }
}

export interface QuitPlan {
  /** Start no new item (engine.stopAfterCurrent()) before closing. */
  stopNewSends: boolean
  /** How long the requests in flight may run before they are cancelled (AppContext.close's grace). */
  graceMs: number
  /** What the tray or window says meanwhile (null: quit at once, nothing to say). */
  notice: Message | null
}

/**
 * Quitting: nothing more starts; what is in flight gets `graceMs` to finish (then it is cancelled and
 * each item records what happened); everything else stays queued and is sent at the next start.
 */
export function quitPlan(state: Pick<BackgroundState, 'waiting' | 'syncRunning'>, graceMs = CLOSE_GRACE_MS): QuitPlan {
  if (!state.syncRunning) {
    return {
      stopNewSends: false,
      graceMs,
      notice: state.waiting > 0 ? message('tray.quit.leftQueued', { count: state.waiting }) : null,
    }
  }
  return {
    stopNewSends: true,
    graceMs,
    notice: message('tray.quit.finishing', { seconds: Math.ceil(graceMs / 1000), count: state.waiting }),
  }
}

/** The argument that marks a start at login: the app starts hidden, in the tray. */
export const BACKGROUND_ARG = '--background'

export type LoginItemPlan =
  /** app.setLoginItemSettings(settings) (Windows and macOS). */
  | { kind: 'electron'; settings: { openAtLogin: boolean; args?: string[] } }
  /**
   * Linux has no login items in Electron: an XDG autostart entry (~/.config/autostart/<app>.desktop,
   * autostartEntry()) is written, or removed when `enabled` is false.
   */
  | { kind: 'autostart-file'; enabled: boolean; args: string[] }

/**
 * How to register the start at login. Windows passes `--background`; macOS cannot pass arguments to a
 * login item, so there the glue asks app.getLoginItemSettings().wasOpenedAtLogin (startsHidden's second
 * argument).
 */
export function loginItem(settings: { startAtLogin: boolean }, platform: NodeJS.Platform): LoginItemPlan {
  const on = settings.startAtLogin
  if (platform === 'win32') return { kind: 'electron', settings: { openAtLogin: on, args: on ? [BACKGROUND_ARG] : [] } }
  if (platform === 'darwin') return { kind: 'electron', settings: { openAtLogin: on } }
  return { kind: 'autostart-file', enabled: on, args: [BACKGROUND_ARG] }
}

/** The XDG autostart entry for Linux. `exec` is the AppImage's or installed binary's path. */
export function autostartEntry(name: string, exec: string, args: readonly string[]): string {
  // Desktop-entry Exec quoting: a path with spaces or quotes in double quotes, \ " ` $ escaped.
  const quote = (v: string) => (/^[\w./-]+$/.test(v) ? v : `"${v.replace(/["`$\\]/g, (c) => `\\${c}`)}"`)
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name}`,
    // Then the string escapes (a backslash doubled) and field codes (% doubled) of the whole value.
    `Exec=${[exec, ...args].map(quote).join(' ').replace(/\\/g, '\\\\').replace(/%/g, '%%')}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/** Started at login: no window, only the tray (the window opens from the tray's Open). */
export function startsHidden(argv: readonly string[], openedAtLogin = false): boolean {
  return openedAtLogin || argv.includes(BACKGROUND_ARG)
}
