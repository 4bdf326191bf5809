/**
 * Updates from the folder the agency hosts (#16): the rules, under plain Node. The folder's address is
 * read from Settings on every check (none by default: then nothing is asked). A check only asks; the
 * download happens only when staff press it, and only for the version that check found; a downloaded
 * version is installed when the app quits (electron-updater's autoInstallOnAppQuit). The Electron glue
 * (updates/electron-updater.ts) only carries out `check` and `download`; outside the installed app there
 * is no updater and the status says so.
 */
import type { EventBus } from '../events'
import type { Logger } from '../log'
import { AppFailure } from '../errors'
import { redactText } from '../sedna/redact'
import { message, type Message } from '../../shared/messages'
import type { UpdateStatus } from '../../shared/updates'

/** What electron-updater does for us, as the service needs it. */
export interface UpdaterPort {
  /** Reads the folder's latest*.yml; a newer version than the running one, or null. Downloads nothing. */
  check(folderUrl: string): Promise<{ version: string; releaseDate: string | null } | null>
  /** Downloads the version the last check found, reporting 0–100. */
  download(onProgress: (percent: number) => void): Promise<void>
}

export interface UpdateService {
  status(): UpdateStatus
  check(): Promise<UpdateStatus>
  download(): Promise<UpdateStatus>
  /** Asks the folder (when one is set) a minute after start, then every six hours; never downloads. */
  startSchedule(): void
  stop(): void
}

const FIRST_CHECK_MS = 60_000
const CHECK_EVERY_MS = 6 * 3_600_000

export function createUpdateService(deps: {
  updater: UpdaterPort | undefined
  folderUrl: () => string | null
  events: EventBus
  logger: Logger
  now?: () => Date
}): UpdateService {
  const { updater, events, logger } = deps
  const now = deps.now ?? (() => new Date())
  let state: UpdateStatus = { state: 'idle' }
  let timer: NodeJS.Timeout | undefined

  function set(next: UpdateStatus): UpdateStatus {
    state = next
    events.emit('updates.changed', next)
    return next
  }
  const failed = (m: Message): UpdateStatus => set({ state: 'failed', message: m })
  /** An error's own words, without anything secret-looking and without a stack (they go to the screen and the log). */
  const detailOf = (err: unknown) => redactText(err instanceof Error ? err.message : String(err)).slice(0, 300)

  function status(): UpdateStatus {
    if (!updater) return { state: 'unsupported' }
    if (!deps.folderUrl() && (state.state === 'idle' || state.state === 'upToDate' || state.state === 'failed')) {
      return { state: 'off' }
    }
    return state
  }

  const service: UpdateService = {
    status,
    startSchedule() {
      if (!updater || timer) return
      const tick = (ms: number) => {
        timer = setTimeout(() => {
          // The same check staff can ask for; its failure is in the status (and the log), not thrown.
          if (deps.folderUrl()) void service.check().catch(() => undefined)
          tick(CHECK_EVERY_MS)
        }, ms)
        timer.unref()
      }
      tick(FIRST_CHECK_MS)
    },
    stop() {
      clearTimeout(timer)
      timer = undefined
    },
    async check() {
      if (!updater) throw AppFailure.coded('unavailable', message('updates.unsupported'))
      // A download under way or done is not thrown away by another check.
      if (state.state === 'checking' || state.state === 'downloading' || state.state === 'ready') return state
      const url = deps.folderUrl()
      if (!url) throw AppFailure.coded('validation', message('updates.noFolder'))
      set({ state: 'checking' })
      try {
        const found = await updater.check(url)
        logger.info('updates.checked', { url, found: found?.version ?? null })
        return set(
          found
            ? { state: 'available', version: found.version, releaseDate: found.releaseDate }
            : { state: 'upToDate', checkedAt: now().toISOString() },
        )
      } catch (err) {
        const detail = detailOf(err)
        logger.warn('updates.checkFailed', { url, detail })
        return failed(message('updates.checkFailed', { url, detail }))
      }
    },
    async download() {
      if (!updater) throw AppFailure.coded('unavailable', message('updates.unsupported'))
      if (state.state === 'downloading' || state.state === 'ready') return state
      if (state.state !== 'available') throw AppFailure.coded('conflict', message('updates.nothingToDownload'))
      const { version } = state
      set({ state: 'downloading', version, percent: 0 })
      try {
        await updater.download((percent) => {
          // An event per whole percent, not per chunk.
          const whole = Math.max(0, Math.min(100, Math.floor(percent)))
          if (state.state === 'downloading' && state.percent !== whole)
            set({ state: 'downloading', version, percent: whole })
        })
        logger.info('updates.downloaded', { version })
        return set({ state: 'ready', version })
      } catch (err) {
        const detail = detailOf(err)
        logger.warn('updates.downloadFailed', { version, detail })
        return failed(message('updates.downloadFailed', { version, detail }))
      }
    },
  }
  return service
}
