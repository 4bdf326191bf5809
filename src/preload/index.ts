/**
 * Exposes `window.sedna` to the renderer: only the contract's channels, never raw ipcRenderer.
 * Runs sandboxed, so it is bundled into one CommonJS file.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { isCallName, isEventName, type SednaBridge } from '../shared/ipc'
import { fail } from '../shared/result'

const bridge: SednaBridge = {
  invoke(channel, input) {
    if (!isCallName(channel)) return Promise.resolve(fail('validation', `Unknown call "${String(channel)}".`))
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
