import { useCallback, useEffect, useRef, useState } from 'react'

/** The value, settled for `ms` (typing in a filter or search box does not query on every key). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

/** The ids ticked in a list, with a stable `onSelect(id, on)` for memoised rows. */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set())
  const onSelect = useCallback(
    (id: number, on: boolean) =>
      setSelected((prev) => {
        const next = new Set(prev)
        if (on) next.add(id)
        else next.delete(id)
        return next
      }),
    [],
  )
  return [selected, setSelected, onSelect] as const
}

/** Focuses the element once `ready` (a page's heading once its record is loaded: keyboard and screen readers start there). */
export function useFocusWhen<E extends HTMLElement>(ready: boolean) {
  const ref = useRef<E>(null)
  useEffect(() => {
    if (ready) ref.current?.focus()
  }, [ready])
  return ref
}
