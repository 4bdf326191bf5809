/** Updates from the agency's own folder (#16): asked, and downloaded, only when staff say so. */
import { z } from 'zod'
import { defineCall } from '../contract'
import { updateStatusSchema } from '../updates'

export const updateCalls = {
  'updates.status': defineCall({
    summary: 'Where the app stands with updates (no folder, up to date, a version available, downloading, ready)',
    input: z.strictObject({}),
    output: updateStatusSchema,
  }),
  'updates.check': defineCall({
    summary: 'Ask the update folder set in Settings whether a newer version is there (nothing is downloaded)',
    input: z.strictObject({}),
    output: updateStatusSchema,
  }),
  'updates.download': defineCall({
    summary: 'Download the newer version found by the last check; it is installed when the app quits',
    input: z.strictObject({}),
    output: updateStatusSchema,
  }),
} as const
