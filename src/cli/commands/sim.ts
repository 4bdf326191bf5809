/** `sim [--port P]`: the Sedna simulator, for demos and trials, until SIGINT/SIGTERM. */
import type { ParsedArgs } from '../args'
import { intOption } from '../validate'
import { CliError, EXIT } from '../errors'
import { write, type CliIo } from '../output'

export const DEMO_USER = { username: 'demo', password: 'demo', operatorId: 571 }

export async function simCommand(args: ParsedArgs, io: CliIo, until: Promise<unknown>): Promise<number> {
  const raw = args.options.port
  const port = typeof raw === 'string' ? intOption(raw, '--port', 0, 65_535) : 0
  // Loaded only for this command: every other run starts faster without it.
  const { startSimulator } = await import('../../main/sedna/simulator')
  let sim: Awaited<ReturnType<typeof startSimulator>>
  try {
    sim = await startSimulator({ port, users: [DEMO_USER] })
  } catch (err) {
    throw new CliError(
      'unavailable',
      `the simulator cannot listen on port ${port}: ${(err as Error).message}`,
      EXIT.usage,
    )
  }
  const info = {
    url: sim.url,
    port: sim.port,
    username: DEMO_USER.username,
    password: DEMO_USER.password,
    operatorCode: '7STAR',
  }
  await write(
    io.stdout,
    args.json
      ? `${JSON.stringify(info)}\n`
      : [
          `Sedna simulator listening on ${sim.url}`,
          `  username: demo   password: demo   (operator ${DEMO_USER.operatorId}, 7STAR)`,
          '  Ctrl+C stops it.',
          '',
        ].join('\n'),
  )
  await until
  await sim.close()
  return EXIT.ok
}
