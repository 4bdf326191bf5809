/**
 * How both import screens get their file: dropped or chosen with the page's file input (its path in
 * the app, its bytes in a browser page), or chosen with main's open dialog when main has one.
 */
import { useQuery } from '@tanstack/react-query'
import type { AppError } from '../../../../shared/result'
import { call, toAppError } from '../../api'
import { appQueries } from '../../data/app'

/** Whether main can show the open dialog (the app window); otherwise the page's own file input is used. */
export function useCanChooseFiles(): boolean {
  return useQuery(appQueries.info()).data?.canChooseFiles ?? false
}

/** The file name at the end of a path main's open dialog answered (Windows or POSIX separators). */
export const fileNameOf = (path: string) => path.split(/[\\/]/).pop() || path

/** What an import preview is read from: a path main opens (and checks), or a browser page's bytes. */
export type ImportInput = { path: string } | { fileName: string; contentBase64: string }

/**
 * How both import screens get their file: `drop` takes a dropped or input-chosen file (its path in the
 * app, its bytes in a browser page), `choose` asks main's open dialog. Either hands the preview to
 * `previewOf`; a failure of the dialog itself goes to `onError`.
 */
export function useImportFile(
  kind: 'stopSales' | 'reservations',
  previewOf: (fileName: string, input: () => Promise<ImportInput>) => Promise<void>,
  onError: (error: AppError | undefined) => void,
) {
  const canChoose = useCanChooseFiles()
  async function drop(file: File) {
    const path = window.sedna?.pathForFile?.(file)
    await previewOf(file.name, async () =>
      path ? { path } : { fileName: file.name, contentBase64: await toBase64(file) },
    )
  }
  async function choose() {
    onError(undefined)
    try {
      const { path } = await call('files.chooseImport', { kind })
      if (path) await previewOf(fileNameOf(path), async () => ({ path }))
    } catch (err) {
      onError(toAppError(err))
    }
  }
  return { canChoose, drop, choose }
}

/** A chosen or dropped file as base64, for a page that cannot hand main a path (a browser). */
export function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(file)
  })
}
