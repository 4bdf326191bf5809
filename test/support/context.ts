import type { CallInput, CallName, CallOutput } from '../../src/shared/ipc'
import { openAppContext, type AppContext, type AppContextOptions } from '../../src/main/app-context'
import { createMemoryStore } from '../../src/main/credentials'
import { createMemoryLogger } from '../../src/main/log'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { migrationsFolder } from '../harness/server'
import { tempDataDir } from './fixtures'

export interface TestApp {
  ctx: AppContext
  sim: Simulator
  dataDir: string
  close(): Promise<void>
}

/** An app context on a fresh data folder, talking to its own simulator (also its demo server). */
export async function startTestApp(
  options: Partial<AppContextOptions> = {},
  simOptions: Parameters<typeof startSimulator>[0] = {},
): Promise<TestApp> {
  const t = tempDataDir()
  const sim = await startSimulator(simOptions)
  const ctx = await openAppContext({
    dataDir: t.dir,
    migrationsFolder,
    version: 'test',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
    startDemoServer: async () => ({ url: sim.url, username: 'demo', password: 'demo', close: async () => {} }),
    sednaTimeouts: { connectMs: 1_000, headersMs: 2_000, bodyMs: 2_000 },
    ...options,
  })
  return {
    ctx,
    sim,
    dataDir: t.dir,
    async close() {
      await ctx.close()
      await sim.close()
      t.cleanup()
    },
  }
}

/** Unwraps a dispatch result, typed by the contract, failing the test with the error when it is not ok. */
export async function invoke<N extends CallName>(
  ctx: Pick<AppContext, 'dispatch'>,
  channel: N,
  input: CallInput<N>,
): Promise<CallOutput<N>> {
  const result = await ctx.dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`)
  return result.value as CallOutput<N>
}
