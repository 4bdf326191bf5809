import { useMutation } from '@tanstack/react-query'
import type { Profile } from '../../../../shared/profiles'
import { call } from '../../api'
import { appError } from '../../data/client'
import { ErrorBanner } from '../../ui/ErrorBanner'

/** Creates (or re-activates) the demo profile on the built-in Sedna simulator. */
export function DemoButton(props: {
  label: string
  busyLabel?: string
  onCreated?: (p: Profile) => void | Promise<void>
}) {
  const demo = useMutation({
    mutationFn: async () => {
      const profile = await call('profiles.createDemo', {})
      await props.onCreated?.(profile)
    },
  })
  const error = appError(demo.error)
  return (
    <>
      <button type="button" className="secondary" disabled={demo.isPending} onClick={() => demo.mutate()}>
        {demo.isPending && props.busyLabel ? props.busyLabel : props.label}
      </button>
      {error && <ErrorBanner error={error} />}
    </>
  )
}
