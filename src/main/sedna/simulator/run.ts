/**
 * `npm run sedna:sim [-- --port P]`: runs the Sedna simulator until Ctrl+C, for the demo mode and
 * for trying the app without a real Sedna.
 */
import { startSimulator } from './index'

function portArg(argv: string[]): number {
  const i = argv.indexOf('--port')
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--port='))?.slice('--port='.length)
  if (raw === undefined) return 0
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port wants a number from 0 to 65535, got ${JSON.stringify(raw)}`)
    process.exit(2)
  }
  return port
}

const user = { username: 'demo', password: 'demo', operatorId: 571 }
const sim = await startSimulator({ port: portArg(process.argv.slice(2)), users: [user] })
console.log(`Sedna simulator listening on ${sim.url}`)
console.log(`  username: ${user.username}   password: ${user.password}   (operator ${user.operatorId}, 7STAR)`)
console.log('  Ctrl+C stops it.')

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1)
    stopping = true
    void sim.close().then(() => process.exit(0))
  })
}
