/** Binds the contract's calls to ipcMain. The only IPC code that knows about Electron. */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { callNames } from '../../shared/ipc'
import { fail } from '../../shared/result'
import type { Dispatch } from './dispatch'

export function registerIpc(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const channel of callNames) {
    ipcMain.handle(channel, (event, input: unknown) =>
      isTrustedSender(event)
        ? dispatch(channel, input)
        : Promise.resolve(fail('auth', 'This page is not allowed to use the app.')),
    )
  }
}
