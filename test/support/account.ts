/**
 * The starting point of most tests: a Sedna account on a simulator, its reference data (hotels, room
 * types, boards, countries) fetched. One helper, used by the integration tests, the crash test's setup
 * and the browser journeys' fixture alike.
 */
import type { AppContext } from '../../src/main/app-context'
import type { CallInput, CallOutput } from '../../src/shared/ipc'
import { invoke } from './context'

/** The simulator's default login (its `demo` user, operator 571, code 7STAR). */
export const SIM_ACCOUNT = { name: 'Acente', username: 'demo', password: 'demo', operatorCode: '7STAR' } as const

/** Saves an account for the simulator at `simUrl` (http://, so confirmed) and fetches its reference data. */
export async function addSimAccount(
  ctx: Pick<AppContext, 'dispatch'>,
  simUrl: string,
  over: Partial<CallInput<'profiles.save'>> = {},
): Promise<CallOutput<'profiles.save'>> {
  const profile = await invoke(ctx, 'profiles.save', { ...SIM_ACCOUNT, baseUrl: simUrl, allowHttp: true, ...over })
  await invoke(ctx, 'reference.refresh', { profileId: profile.id })
  return profile
}
