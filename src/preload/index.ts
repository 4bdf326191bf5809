/**
 * Exposes `window.sedna` to the renderer: only the contract's channels, never raw ipcRenderer.
 * Runs sandboxed, so it is bundled into one CommonJS file; it takes the channel names from
 * channel-names.ts, not from the contract itself, so that zod stays out of that file.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { isCallName, isEventName } from '../shared/channel-names'
import type { SednaBridge } from '../shared/ipc'

const bridge: SednaBridge = {
  invoke(channel, input) {
    if (!isCallName(channel))
      return Promise.resolve({
        ok: false,
        error: { kind: 'validation', message: `Unknown call "${String(channel)}".` },
      })
    return ipcRenderer.invoke(channel, input)
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}".`)
    const forward = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload as never)
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  },
  pathForFile(file) {
    try {
      return webUtils.getPathForFile(file as File) || undefined
    } catch {
      return undefined
    }
  },
}

contextBridge.exposeInMainWorld('sedna', bridge)
