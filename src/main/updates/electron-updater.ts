/**
 * Electron glue for updates (#16): electron-updater reading the agency's folder (a "generic" provider),
 * never downloading by itself, installing a downloaded version when the app quits. Only in the
 * installed app (electron-updater needs the packaged app's resources), and only loaded there (index.ts);
 * the rules are in service.ts.
 */
// electron-updater is CommonJS and defines its exports as getters, which an ES module cannot import by
// name (main is an ES module): the default import, then the property.
import electronUpdaterModule from 'electron-updater'
import type { Logger } from '../log'
import type { UpdaterPort } from './service'

export function electronUpdater(logger: Logger): UpdaterPort {
  const { autoUpdater } = electronUpdaterModule
  autoUpdater.autoDownload = false
  autoUpdater.autoInstallOnAppQuit = true
  autoUpdater.allowDowngrade = false
  // Its own log lines go to ours (the folder's address carries no secret: Settings refuses one).
  autoUpdater.logger = {
    info: (m: unknown) => logger.info('updater', { message: String(m) }),
    warn: (m: unknown) => logger.warn('updater', { message: String(m) }),
    error: (m: unknown) => logger.warn('updater', { message: String(m) }),
    debug: () => undefined,
  }
  return {
    async check(folderUrl) {
      autoUpdater.setFeedURL({ provider: 'generic', url: folderUrl })
      const result = await autoUpdater.checkForUpdates()
      if (!result?.isUpdateAvailable) return null
      return { version: result.updateInfo.version, releaseDate: result.updateInfo.releaseDate ?? null }
    },
    async download(onProgress) {
      const progress = (p: { percent: number }) => onProgress(p.percent)
      autoUpdater.on('download-progress', progress)
      try {
        await autoUpdater.downloadUpdate()
      } finally {
        autoUpdater.off('download-progress', progress)
      }
    },
  }
}
