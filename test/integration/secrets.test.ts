/**
 * A Sedna password must reach none of: the SQLite file, the log, an IPC response, a stored request.
 * Real keychain, real file log, real SQLite, real HTTP to the simulator — including the calls that
 * put the password in a query string (AgencyLogin, InsertReservation) and the failures.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeychainStore } from '../../src/main/credentials'
import { createFileLogger } from '../../src/main/log'
import type { SednaExchange } from '../../src/main/sedna/client'
import { startTestApp, type TestApp } from '../support/context'

const PASSWORD = 'Çok-Gizli&Şifre=42?'
let app: TestApp
let logDir: string
const responses: unknown[] = []
const exchanges: SednaExchange[] = []

beforeAll(async () => {
  app = await startTestApp(
    { credentials: createKeychainStore({ service: `Sedna Stop Sales test ${randomUUID()}` }) },
    { users: [{ username: 'acente', password: PASSWORD, operatorId: 571 }] },
  )
  // The real file logger, in the data folder, as in the app.
  Object.assign(app.ctx.logger, createFileLogger(app.dataDir))
  logDir = join(app.dataDir, 'logs')
})
afterAll(async () => {
  await app.close()
})

async function call(channel: string, input: unknown) {
  const result = await app.ctx.dispatch(channel, input)
  responses.push(result)
  return result
}

describe('the password never leaks', () => {
  it('through a whole session of profile, login, reference refresh, reservation and failures', async () => {
    const saved = await call('profiles.save', {
      name: 'Acente',
      baseUrl: app.sim.url,
      username: 'acente',
      operatorCode: '7STAR',
      password: PASSWORD,
      allowHttp: true,
    })
    expect(saved.ok).toBe(true)
    const id = (saved as { value: { id: number } }).value.id
    await call('profiles.list', {})
    expect(await call('profiles.testConnection', { id })).toMatchObject({ ok: true })
    expect(await call('reference.refresh', { profileId: id })).toMatchObject({ ok: true })

    // Reservations through the app: import, InsertReservation (query credentials; the first try fails
    // with a 500 so its URL also reaches an error message and the look-up runs), detail, cancel.
    const reservation = {
      voucher_no: 'LEAK-1',
      hotel_name: 'Mandarin Resort',
      check_in: '2026-09-01',
      check_out: '2026-09-05',
      room_type: 'STDSV',
      board_type: 'AI',
      adults: 1,
      guests: [{ title: 'Mr', first_name: 'Ali', last_name: 'Veli', nationality: 'TR' }],
      source_email_id: 'leak',
    }
    const preview = await call('reservationImport.preview', {
      fileName: 'r.json',
      contentBase64: Buffer.from(JSON.stringify([reservation])).toString('base64'),
    })
    const importId = (preview as { value: { importId: number } }).value.importId
    const committed = await call('reservationImport.commit', { importId })
    const [resId] = (committed as { value: { ids: number[] } }).value.ids
    app.sim.addFault({ path: 'Integratiion/InsertReservation', calls: [1], fault: { kind: 'http-500' } })
    expect(await call('sync.reservations', { ids: [resId] })).toMatchObject({
      ok: true,
      value: { reservations: { queued: 1 } },
    })
    expect(await call('sync.reservations', { ids: [resId] })).toMatchObject({
      ok: true,
      value: { reservations: { synced: 1 } },
    })
    const detail = await call('reservations.detail', { id: resId })
    expect(detail).toMatchObject({
      ok: true,
      value: { payload: { source: 'sent', url: expect.stringContaining('password=***') } },
    })
    expect(await call('reservations.cancel', { id: resId, confirm: true })).toMatchObject({
      ok: true,
      value: { status: 'cancelled' },
    })
    expect(await call('reservations.attempts', { id: resId })).toMatchObject({ ok: true })
    app.sim.clearFaults()

    // InsertReservation puts the password in the query string.
    const client = await app.ctx.connections.client(app.ctx.services.profiles.get(id))
    await client.insertReservation('V-1', [{ HotelId: 18, OperatorId: 571, SourceId: 'leak-1' }], {
      onExchange: (x) => exchanges.push(x),
    })
    // A failing call and a failing login carry the URL into error messages.
    app.sim.addFault({ path: 'Integratiion/InsertReservation', fault: { kind: 'http-500' } })
    await expect(
      client.insertReservation('V-2', [{ SourceId: 'leak-2' }], { onExchange: (x) => exchanges.push(x) }),
    ).rejects.toThrow()
    app.sim.addFault({ path: 'Integratiion/AgencyLogin', fault: { kind: 'reset' } })
    await call('profiles.save', { id, name: 'Acente', baseUrl: app.sim.url, username: 'acente', password: PASSWORD })
    expect(await call('profiles.testConnection', { id })).toMatchObject({ ok: false })
    // The password did travel: the simulator saw it (so the checks below are meaningful).
    expect(app.sim.requests().some((r) => r.query.password === PASSWORD)).toBe(true)
    expect(exchanges.length).toBeGreaterThanOrEqual(2)

    const encoded = encodeURIComponent(PASSWORD)
    const haystacks: Record<string, string> = {
      'IPC responses': JSON.stringify(responses),
      'stored requests': JSON.stringify(exchanges),
    }
    for (const f of readdirSync(app.dataDir).filter((n) => n.startsWith('sedna-stop-sales.sqlite'))) {
      haystacks[f] =
        readFileSync(join(app.dataDir, f)).toString('latin1') + readFileSync(join(app.dataDir, f)).toString('utf8')
    }
    for (const f of readdirSync(logDir)) haystacks[`log ${f}`] = readFileSync(join(logDir, f), 'utf8')
    expect(Object.keys(haystacks)).toEqual(expect.arrayContaining(['sedna-stop-sales.sqlite', 'log app.log']))
    expect(haystacks['log app.log']).toContain('password=***')
    for (const [where, text] of Object.entries(haystacks)) {
      expect(text.includes(PASSWORD), `password found in ${where}`).toBe(false)
      expect(text.includes(encoded), `URL-encoded password found in ${where}`).toBe(false)
    }
  })
})
