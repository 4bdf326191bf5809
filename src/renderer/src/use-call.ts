import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppError } from '../../shared/result'
import { toAppError } from './api'

export type Loadable<T> =
  { state: 'loading'; data?: T } | { state: 'ready'; data: T } | { state: 'error'; error: AppError; data?: T }

/** Runs `load` now and whenever `reload` is called; keeps the last data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loadable<T>, () => void] {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' })
  const generation = useRef(0)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps)
  const reload = useCallback(() => {
    const mine = ++generation.current
    setValue((v) => ({ state: 'loading', ...(v.data !== undefined ? { data: v.data } : {}) }))
    run().then(
      (data) => mine === generation.current && setValue({ state: 'ready', data }),
      (err: unknown) =>
        mine === generation.current &&
        setValue((v) => ({
          state: 'error',
          error: toAppError(err),
          ...(v.data !== undefined ? { data: v.data } : {}),
        })),
    )
  }, [run])
  useEffect(reload, [reload])
  return [value, reload]
}
