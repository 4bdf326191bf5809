/**
 * The mirror of Sedna's stop sales (#14 item 2) through the app context, against the simulator over real
 * HTTP and a real migrated SQLite file: the first pull fills it with children and authors; edits made in
 * Sedna's screens come in with the next 'changes' pull, deletions with the next full one; the guessed
 * answer shapes; a fault mid-pull keeps the last good mirror and records why; Sedna down keeps the last
 * pull's time; a pull before each sync run that never holds the run up; the schedule's first pull.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { PullProgress } from '../../src/shared/contracts/mirror'
import type { PulledEvent } from '../../src/main/mirror/service'
import { startSimulator, type SimStopSaleEntry, type Simulator } from '../../src/main/sedna/simulator'
import { wordMessage } from '../../src/shared/messages/word'
import { addSimAccount } from '../support/account'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { mandarin } from '../support/sync-app'

let app: TestApp | undefined
const others: Simulator[] = []
afterEach(async () => {
  await app?.close()
  app = undefined
  await Promise.all(others.splice(0).map((s) => s.close()))
})

/** This computer's day `offset` days from today, YYYY-MM-DD (the window is counted in local days). */
function night(offset: number): string {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
}

/** Stop sales typed into Sedna's screens by several people: every hotel, rooms, boards, operators, markets. */
const ENTRIES: Array<[user: string, entry: SimStopSaleEntry]> = [
  [
    'ayse',
    {
      HotelId: 18,
      BeginDate: night(3),
      EndDate: night(6),
      children: { rooms: [63, 1364], boards: [37], operators: [571], markets: [10] },
    },
  ],
  ['mehmet', { HotelId: 28, BeginDate: night(-20), EndDate: night(-18), children: { rooms: [133], boards: [1, 2] } }],
  ['zeynep', { HotelId: 659, BeginDate: night(200), EndDate: night(200), StopType: 1 }],
  ['ayse', { HotelId: 1187, BeginDate: night(400), EndDate: night(420), children: { operators: [571, 612] } }],
  // Before the window (nights ended 40 days ago) and after it (two years ahead): not in a full pull.
  ['mehmet', { HotelId: 18, BeginDate: night(-45), EndDate: night(-40) }],
  ['mehmet', { HotelId: 18, BeginDate: night(730), EndDate: night(731) }],
]
const IN_WINDOW = 4

async function withAccount(simOptions: Parameters<typeof startSimulator>[0] = {}) {
  app = await startTestApp({}, simOptions)
  const profile = await addSimAccount(app.ctx, app.sim.url)
  const recIds = ENTRIES.map(([user, entry]) => app!.sim.ui.enterStopSale(user, entry).RecId)
  return { app, profileId: profile.id, recIds }
}

const listCalls = (sim: Simulator) => sim.requests().filter((r) => /GetStopSaleListWithUpdateDate$/i.test(r.path))
const pullRows = (a: TestApp) =>
  a.ctx.database.sqlite.prepare('select * from sedna_pulls order by id').all() as Array<Record<string, any>>

describe('the first pull', () => {
  it('is full: every record of the window, with its children and its author, one request per span of nights', async () => {
    const { app, profileId, recIds } = await withAccount()
    const progress: PullProgress[] = []
    app.ctx.events.subscribe((name, payload) => {
      if (name === 'mirror.progress') progress.push(payload as PullProgress)
    })
    const result = await invoke(app.ctx, 'mirror.pull', {})
    expect(result).toMatchObject({
      profileId,
      kind: 'full',
      windowFrom: night(-30),
      received: IN_WINDOW,
      changed: IN_WINDOW,
      gone: 0,
      skipped: 0,
      goneChecked: true,
      records: IN_WINDOW,
      sinceDay: null,
    })
    // 18 months ahead: 546 to 549 nights, as the months fall.
    expect(result.windowTo >= night(546) && result.windowTo <= night(549)).toBe(true)
    // Each request asked for a span of nights; together they cover the window without gaps.
    const spans = listCalls(app.sim).map((r) => [r.query.stopDateBegin!, r.query.stopDateEnd!])
    expect(spans).toHaveLength(result.requests)
    expect(spans[0]![0]).toBe(result.windowFrom)
    expect(spans.at(-1)![1]).toBe(result.windowTo)
    for (let i = 1; i < spans.length; i++)
      expect(new Date(spans[i]![0]).getTime() - 86_400_000).toBe(new Date(spans[i - 1]![1]).getTime())
    expect(listCalls(app.sim).every((r) => r.query.recordDateBegin === undefined)).toBe(true)

    const mirror = app.ctx.services.mirror
    expect(mirror.byRecId(profileId, recIds[0]!)).toMatchObject({
      hotelId: 18,
      beginDate: night(3),
      endDate: night(6),
      recordUser: 'ayse',
      stopType: 0,
      state: 1,
      declareDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00$/),
      roomRemark: 'STDSV,STDLV',
      operatorRemark: '7STAR,',
      rooms: [63, 1364],
      boards: [37],
      operators: [571],
      markets: [10],
      recordDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      updateDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      goneAt: null,
    })
    // Children Sedna lists empty are stored empty ("all"), not as unknown.
    expect(mirror.byRecId(profileId, recIds[2]!)).toMatchObject({
      recordUser: 'zeynep',
      stopType: 1,
      rooms: [],
      boards: [],
      operators: [],
      markets: [],
    })
    expect(mirror.byRecId(profileId, recIds[1]!)).toMatchObject({ recordUser: 'mehmet', boards: [1, 2] })
    expect(mirror.byRecId(profileId, recIds[4]!)).toBeUndefined()
    expect(mirror.byRecId(profileId, recIds[5]!)).toBeUndefined()
    // The query other modules use: a hotel's records overlapping some nights.
    expect(mirror.records(profileId, 18, night(6), night(30)).map((r) => r.recId)).toEqual([recIds[0]])
    expect(mirror.records(profileId, 18, night(7), night(30))).toEqual([])
    expect(mirror.records(profileId, 1187, night(410), night(410)).map((r) => r.recordUser)).toEqual(['ayse'])

    // Progress: one event per request, then finished, months counted to the whole window.
    const running = progress.filter((p) => p.state === 'running')
    expect(running[0]).toMatchObject({ done: 0, total: result.requests })
    expect(running.at(-1)).toMatchObject({ done: result.requests, monthsDone: running.at(-1)!.monthsTotal })
    expect(running.at(-1)!.monthsTotal).toBeGreaterThanOrEqual(19)
    expect(progress.at(-1)).toMatchObject({ state: 'finished', received: IN_WINDOW, pullId: result.pullId })
    expect(pullRows(app)).toEqual([
      expect.objectContaining({
        id: result.pullId,
        kind: 'full',
        from_night: result.windowFrom,
        to_night: result.windowTo,
        received: IN_WINDOW,
        changed: IN_WINDOW,
        gone: 0,
        error_code: null,
        high_water: result.highWater,
        finished_at: expect.any(String),
      }),
    ])
    // The mark is the latest update date Sedna listed.
    const latest = app.sim
      .stopSales()
      .filter((r) => recIds.slice(0, IN_WINDOW).includes(r.RecId))
      .map((r) => r.updatedAt.slice(0, 19))
      .sort()
      .at(-1)
    expect(result.highWater).toBe(latest)

    const [account] = (await invoke(app.ctx, 'mirror.status', {})).accounts
    expect(account).toMatchObject({
      profileId,
      active: true,
      running: null,
      records: IN_WINDOW,
      lastPull: { id: result.pullId, kind: 'full', received: IN_WINDOW },
      lastFullAt: result.finishedAt,
      lastFailure: null,
      summary: { code: 'mirror.age.justNow' },
    })
    expect(wordMessage(account!.summary, 'tr')).toMatch(/^Sedna’daki stop sale’ler az önce okundu/)
  })
})

describe("changes made in Sedna's screens", () => {
  it("an edit comes in with the next 'changes' pull: one request by update day, from the mark's day less one", async () => {
    const { app, profileId, recIds } = await withAccount()
    const first = await invoke(app.ctx, 'mirror.pull', {})
    const before = listCalls(app.sim).length
    app.sim.ui.editStopSale(recIds[0]!, { EndDate: night(9), State: 0, children: { rooms: [63], boards: [] } })

    const changes = await invoke(app.ctx, 'mirror.pull', {})
    const dayBefore = new Date(Date.parse(`${first.highWater!.slice(0, 10)}T00:00:00Z`) - 86_400_000)
    // Everything updated since that day is read again (all were created today), whatever its nights: the
    // edit, and the two records outside the window, which are new to the mirror.
    expect(changes).toMatchObject({
      kind: 'changes',
      sinceDay: dayBefore.toISOString().slice(0, 10),
      received: ENTRIES.length,
      changed: 3,
      gone: 0,
      goneChecked: false,
      records: ENTRIES.length,
      requests: 1,
    })
    const [call, ...more] = listCalls(app.sim).slice(before)
    expect(more).toEqual([])
    expect(call!.query).toMatchObject({ recordDateBegin: changes.sinceDay! })
    expect(call!.query.stopDateBegin).toBeUndefined()
    expect(app.ctx.services.mirror.byRecId(profileId, recIds[0]!)).toMatchObject({
      endDate: night(9),
      state: 0,
      rooms: [63],
      boards: [],
      operators: [571],
    })
    expect(changes.highWater! >= first.highWater!).toBe(true)
    // A 'changes' pull reads by update date whatever the nights: the record two years ahead is in now.
    expect(app.ctx.services.mirror.byRecId(profileId, recIds[5]!)).toMatchObject({ beginDate: night(730) })
  })

  it("a deletion is noticed by the next full pull (a 'changes' pull cannot see it); a record seen again is back", async () => {
    const { app, profileId, recIds } = await withAccount()
    await invoke(app.ctx, 'mirror.pull', {})
    app.sim.ui.deleteStopSale(recIds[1]!)
    expect(await invoke(app.ctx, 'mirror.pull', {})).toMatchObject({ kind: 'changes', gone: 0 })
    expect(app.ctx.services.mirror.byRecId(profileId, recIds[1]!)?.goneAt).toBeNull()

    const full = await invoke(app.ctx, 'mirror.pull', { full: true })
    // The records outside the window (read by the 'changes' pull) are not the full pull's to judge.
    expect(full).toMatchObject({ kind: 'full', gone: 1, goneChecked: true, records: ENTRIES.length - 1 })
    expect(app.ctx.services.mirror.byRecId(profileId, recIds[1]!)).toMatchObject({
      recordUser: 'mehmet',
      goneAt: full.finishedAt,
    })
    expect(app.ctx.services.mirror.records(profileId, 28, night(-30), night(0))).toEqual([])
    expect(
      app.ctx.services.mirror.records(profileId, 28, night(-30), night(0), { includeGone: true }).map((r) => r.recId),
    ).toEqual([recIds[1]])

    // Moved out of the window in Sedna: the full pull misses it, so it is gone, until a 'changes' pull
    // reads it with its new nights.
    app.sim.ui.editStopSale(recIds[3]!, { BeginDate: night(900), EndDate: night(901) })
    expect(await invoke(app.ctx, 'mirror.pull', { full: true })).toMatchObject({ gone: 1 })
    expect(app.ctx.services.mirror.byRecId(profileId, recIds[3]!)?.goneAt).not.toBeNull()
    expect(await invoke(app.ctx, 'mirror.pull', {})).toMatchObject({ kind: 'changes', changed: 1 })
    expect(app.ctx.services.mirror.byRecId(profileId, recIds[3]!)).toMatchObject({
      beginDate: night(900),
      goneAt: null,
    })
  })
})

describe("Sedna's guessed answer shapes", () => {
  it('wrapped lists ({"Data": [...]}) are read as bare ones', async () => {
    const { app, profileId, recIds } = await withAccount({ shapes: { lists: 'wrapped' } })
    expect(await invoke(app.ctx, 'mirror.pull', {})).toMatchObject({ received: IN_WINDOW, records: IN_WINDOW })
    expect(app.ctx.services.mirror.byRecId(profileId, recIds[0]!)).toMatchObject({
      rooms: [63, 1364],
      recordUser: 'ayse',
    })
  })

  it('without DeclareDate and RecordUser: stored as not said; without RecId: skipped and counted, the mirror kept', async () => {
    const { app, profileId, recIds } = await withAccount({ shapes: { omitFields: ['DeclareDate', 'RecordUser'] } })
    expect(await invoke(app.ctx, 'mirror.pull', {})).toMatchObject({ received: IN_WINDOW, skipped: 0 })
    expect(app.ctx.services.mirror.byRecId(profileId, recIds[0]!)).toMatchObject({
      declareDate: null,
      recordUser: null,
      rooms: [63, 1364],
    })

    // The same records from a Sedna whose lists carry no RecId (the account moved to it; password typed again).
    const bare = await startSimulator({
      shapes: { lists: 'wrapped', omitFields: ['DeclareDate', 'RecordUser', 'RecId'] },
    })
    others.push(bare)
    for (const [user, entry] of ENTRIES) bare.ui.enterStopSale(user, entry)
    await invoke(app.ctx, 'profiles.save', {
      id: profileId,
      name: 'Acente',
      baseUrl: bare.url,
      username: 'demo',
      password: 'demo',
      operatorCode: '7STAR',
      allowHttp: true,
    })
    const full = await invoke(app.ctx, 'mirror.pull', { full: true })
    expect(full).toMatchObject({
      kind: 'full',
      received: 0,
      changed: 0,
      skipped: IN_WINDOW,
      goneChecked: false,
      gone: 0,
    })
    // Nothing could be matched, so nothing is said to be gone.
    expect(full.records).toBe(IN_WINDOW)
    expect(app.ctx.services.mirror.byRecId(profileId, recIds[0]!)?.goneAt).toBeNull()
    const changes = await invoke(app.ctx, 'mirror.pull', {})
    expect(changes).toMatchObject({ kind: 'changes', received: 0, skipped: ENTRIES.length })
    // Read nothing: the mark stays where it was.
    expect(changes.highWater).toBe(full.highWater)
  })
})

describe('failures', () => {
  it.each([
    ['a 500', { kind: 'http-500' } as const, 'sedna', /^sednaFailure\.serverError/],
    ['a reset connection', { kind: 'reset' } as const, 'network', /^sednaFailure\.connectionBroke$/],
  ])(
    '%s mid-pull leaves the previous mirror as it was; the pull row carries the code',
    async (_, fault, kind, code) => {
      const { app, profileId, recIds } = await withAccount()
      const good = await invoke(app.ctx, 'mirror.pull', {})
      app.sim.ui.deleteStopSale(recIds[0]!)
      app.sim.ui.editStopSale(recIds[3]!, { State: 0 })
      const calls = listCalls(app.sim).length
      app.sim.addFault({ path: 'Integratiion/GetStopSaleListWithUpdateDate', calls: [calls + 4], fault })

      const failed = await app.ctx.dispatch('mirror.pull', { full: true })
      expect(failed).toMatchObject({ ok: false, error: { kind, code: 'mirror.pullFailed' } })
      if (failed.ok) throw new Error('unreachable')
      expect(failed.error.params?.failure).toMatch(code)
      expect(failed.error.message).toMatch(/^Sedna's stop sales could not be read: .* What was read before is kept\.$/)
      // Nothing marked gone, every record still there; the first chunks' answers were written.
      expect(app.ctx.services.mirror.byRecId(profileId, recIds[0]!)?.goneAt).toBeNull()
      expect(app.ctx.services.mirror.records(profileId, 18, night(-30), night(30)).map((r) => r.recId)).toEqual([
        recIds[0],
      ])
      const last = pullRows(app).at(-1)!
      expect(last).toMatchObject({ kind: 'full', finished_at: expect.any(String), high_water: null })
      expect(last.error_code).toBe(failed.error.params?.failure)
      expect(JSON.parse(last.error_params)).toEqual(expect.any(Object))

      const [account] = (await invoke(app.ctx, 'mirror.status', {})).accounts
      expect(account).toMatchObject({
        records: IN_WINDOW,
        lastPull: { id: good.pullId, finishedAt: good.finishedAt },
        lastFailure: { kind: 'full', error: { code: 'mirror.pullFailed', params: { failure: last.error_code } } },
      })
      // The next 'changes' pull goes on from the last good mark.
      const next = await invoke(app.ctx, 'mirror.pull', {})
      expect(next.sinceDay).toBe(
        new Date(Date.parse(`${good.highWater!.slice(0, 10)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
      )
      expect(app.ctx.services.mirror.byRecId(profileId, recIds[3]!)?.state).toBe(0)
    },
  )

  it('Sedna down: the pull fails as unreachable, the status keeps the last good pull and its age', async () => {
    const { app } = await withAccount()
    const good = await invoke(app.ctx, 'mirror.pull', {})
    const pulled: PulledEvent[] = []
    app.ctx.services.mirror.onPulled((e) => void pulled.push(e))
    await app.sim.close()

    const failed = await app.ctx.dispatch('mirror.pull', {})
    expect(failed).toMatchObject({
      ok: false,
      // Refused, or broken on a kept-alive connection the closing server cut.
      error: {
        kind: 'network',
        code: 'mirror.pullFailed',
        params: { failure: expect.stringMatching(/^sednaFailure\.connection(Refused|Broke)$/) },
      },
    })
    expect(pulled).toEqual([])
    const [account] = (await invoke(app.ctx, 'mirror.status', {})).accounts
    expect(account).toMatchObject({
      records: IN_WINDOW,
      lastPull: { id: good.pullId, finishedAt: good.finishedAt, kind: 'full' },
      lastFailure: { kind: 'changes', error: { code: 'mirror.pullFailed' } },
      summary: { code: 'mirror.age.justNow' },
    })
    expect(wordMessage(account!.lastFailure!.error)).toMatch(/^Sedna's stop sales could not be read: .*127\.0\.0\.1/)
    expect(wordMessage(account!.lastFailure!.error, 'tr')).toMatch(
      /^Sedna’daki stop sale’ler okunamadı: .* Daha önce okunanlar korunuyor\.$/,
    )
  })
})

describe('after a pull, and before a sync run', () => {
  it('onPulled hears every good pull with its window and kind', async () => {
    const { app, profileId } = await withAccount()
    const pulled: PulledEvent[] = []
    const off = app.ctx.services.mirror.onPulled(async (e) => {
      pulled.push(e)
    })
    const full = await invoke(app.ctx, 'mirror.pull', {})
    const changes = await invoke(app.ctx, 'mirror.pull', {})
    off()
    await invoke(app.ctx, 'mirror.pull', {})
    expect(pulled).toEqual([
      {
        profileId,
        pullId: full.pullId,
        kind: 'full',
        windowFrom: full.windowFrom,
        windowTo: full.windowTo,
        startedAt: full.startedAt,
        changed: IN_WINDOW,
        gone: 0,
        goneChecked: true,
      },
      // The two records outside the window are new to the mirror (a 'changes' pull reads by update date only).
      expect.objectContaining({ pullId: changes.pullId, kind: 'changes', windowFrom: full.windowFrom, changed: 2 }),
    ])
  })

  it('a sync run pulls first (once a minute at most); a failing pull never holds the sending up', async () => {
    const { app, profileId } = await withAccount()
    const [a, b] = app.ctx.services.stopSales.add([
      mandarin({ firstNight: night(50), lastNight: night(52), sourceMessageId: '<a@mirror.example>' }),
      mandarin({ firstNight: night(60), lastNight: night(61), sourceMessageId: '<b@mirror.example>' }),
    ])
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [a!] })).toMatchObject({ synced: 1 })
    const paths = app.sim.requests().map((r) => r.path.split('/').at(-1))
    const firstPull = paths.indexOf('GetStopSaleListWithUpdateDate')
    expect(firstPull).toBeGreaterThanOrEqual(0)
    expect(firstPull).toBeLessThan(paths.indexOf('UpdateStopSale'))
    expect(pullRows(app)).toHaveLength(1)
    expect(app.ctx.services.mirror.byRecId(profileId, app.sim.stopSales()[0]!.RecId)).toBeDefined()

    // Within a minute of that pull: no other one.
    const pulls = listCalls(app.sim).length
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [b!] })).toMatchObject({ synced: 1 })
    expect(listCalls(app.sim)).toHaveLength(pulls)
    expect(pullRows(app)).toHaveLength(1)

    // A minute later Sedna fails the pull: the stop sale goes out all the same.
    app.ctx.database.sqlite.prepare("update sedna_pulls set finished_at = '2020-01-01T00:00:00.000Z'").run()
    app.sim.addFault({ path: 'Integratiion/GetStopSaleListWithUpdateDate', fault: { kind: 'http-500' } })
    const [c] = app.ctx.services.stopSales.add([
      mandarin({ firstNight: night(70), lastNight: night(70), sourceMessageId: '<c@mirror.example>' }),
    ])
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [c!] })).toMatchObject({ synced: 1 })
    expect(pullRows(app).at(-1)).toMatchObject({
      kind: 'changes',
      error_code: expect.stringMatching(/^sednaFailure\.serverError/),
    })
  })

  it("the schedule's first pull after start is a full one; with the setting at 0 there is none", async () => {
    app = await startTestApp({ mirror: { firstPullDelayMs: 20 } })
    await addSimAccount(app.ctx, app.sim.url)
    await invoke(app.ctx, 'settings.save', { pullIntervalMinutes: 0 })
    app.ctx.start()
    await new Promise((r) => setTimeout(r, 300))
    expect(pullRows(app)).toEqual([])
    await app.close()

    app = await startTestApp({ mirror: { firstPullDelayMs: 20 } })
    const { id } = await addSimAccount(app.ctx, app.sim.url)
    const ended = new Promise<PullProgress>((resolve) =>
      app!.ctx.events.subscribe((name, payload) => {
        if (name === 'mirror.progress' && (payload as PullProgress).state !== 'running')
          resolve(payload as PullProgress)
      }),
    )
    app.ctx.start()
    expect(await ended).toMatchObject({ profileId: id, kind: 'full', state: 'finished' })
    expect(pullRows(app)).toEqual([expect.objectContaining({ kind: 'full', error_code: null })])
  })
})
