/**
 * Issue #15's hotel calendar in Chromium, against the real services and the simulator over real HTTP:
 * after a sync (waiting → closed in Sedna), a stop with an open-sale inside it, an out-of-order pair
 * placed by DeclareDate, the notices behind a cell, the keyboard, the legend's patterns, Turkish dates,
 * and the "Calendar" links from a record's detail and from the list. States are read from the grid's
 * cells (class and accessible name), not from a picture.
 */
import type { Page } from '@playwright/test'
import type { NewStopSale } from '../../src/main/stop-sales/service'
import { invoke } from '../support/context'
import { mandarin } from '../support/sync-app'
import { expect, test, type SednaEnv } from './fixtures'
import { screenshot } from './screenshot'

test.use({ simOptions: { latencyMs: 20 } })

const two = (n: number) => String(n).padStart(2, '0')
/** The month after next (YYYY-MM): inside what a read of Sedna covers, and never today's month. */
const month = (() => {
  const d = new Date()
  const m = new Date(d.getFullYear(), d.getMonth() + 2, 1)
  return `${m.getFullYear()}-${two(m.getMonth() + 1)}`
})()
const [year, mm] = month.split('-') as [string, string]
/** Night `day` of that month, YYYY-MM-DD, and as staff read it. */
const night = (day: number) => `${month}-${two(day)}`
const shown = (day: number) => `${two(day)}.${mm}.${year}`

/** Mandarin Resort (hotel 18): its room types as the grid orders them, by code. */
const HOTEL = 18
const STDSV = 63
const FAM = 1389

const STOP_DECLARED = '2026-01-05T09:00:00+03:00'
const OPEN_DECLARED = '2026-01-06T12:00:00+03:00'

const stop = (from: number, to: number, over: Partial<NewStopSale> = {}) =>
  mandarin({
    firstNight: night(from),
    lastNight: night(to),
    sourceReceivedAt: STOP_DECLARED,
    sourceMessageId: `<stop-${from}-${to}@mandarin.example>`,
    ...over,
  })
const open = (from: number, to: number, over: Partial<NewStopSale> = {}) =>
  stop(from, to, {
    kind: 'open',
    reason: null,
    sourceReceivedAt: OPEN_DECLARED,
    sourceMessageId: `<open-${from}-${to}@mandarin.example>`,
    ...over,
  })

/** No read of Sedna on the schedule: each read in these journeys is the test's own. */
const noSchedule = (sedna: SednaEnv) => invoke(sedna.harness.context, 'settings.save', { pullIntervalMinutes: 0 })

async function sync(sedna: SednaEnv, ids: number[]) {
  expect(await invoke(sedna.harness.context, 'sync.stopSales', { ids })).toMatchObject({ synced: ids.length })
}

const calendarUrl = (sedna: SednaEnv, query = `hotel=${HOTEL}&month=${month}`) =>
  `${sedna.harness.url}#/calendar?${query}`

const grid = (page: Page) => page.getByTestId('calendar-grid')
/** The cell of a room (`'all'`: the "all rooms" row) on night `day` of the month shown first. */
const cell = (page: Page, room: number | 'all', day: number) =>
  grid(page).locator(`tr[data-room="${room}"] > td:nth-of-type(${day})`)

/** The state each night of a room's row shows, from the cells' classes: days [from, to]. */
async function statesOf(page: Page, room: number | 'all', from: number, to: number): Promise<string[]> {
  return grid(page)
    .locator(`tr[data-room="${room}"] > td`)
    .evaluateAll(
      (tds, [a, b]) =>
        tds
          .slice(a! - 1, b!)
          .map((td) => /cal-(closed|open|closing|opening)\b/.exec(td.className)?.[1] ?? td.className),
      [from, to],
    )
}
const repeat = (state: string, n: number) => Array.from({ length: n }, () => state)

async function expectStates(page: Page, room: number | 'all', from: number, states: string[]) {
  await expect.poll(() => statesOf(page, room, from, from + states.length - 1)).toEqual(states)
}

const notices = (page: Page) => page.getByTestId('calendar-notices').getByTestId('calendar-notice')
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null)

test('after a sync: waiting to be closed, then closed in Sedna, with the notice behind a cell', async ({
  page,
  sedna,
}, testInfo) => {
  await noSchedule(sedna)
  const ctx = sedna.harness.context
  const [id] = ctx.services.stopSales.add([stop(10, 12)])
  // A waiting record the app cannot place (a room code Sedna does not know here): listed, not in the grid.
  const [strayId] = ctx.services.stopSales.add([stop(20, 21, { roomCodes: ['PENTHOUSE'] })])

  await page.goto(calendarUrl(sedna))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calendar: Mandarin Resort')
  await expectStates(page, STDSV, 9, ['open', 'closing', 'closing', 'closing', 'open'])
  await expect(cell(page, STDSV, 10)).toHaveAttribute(
    'aria-label',
    `STDSV Standart Oda Deniz Manzaralı, ${shown(10)}: Closing (waiting to be sent)`,
  )
  const unplaced = page.getByTestId('calendar-unplaced')
  await expect(unplaced).toContainText('1 stop sale waiting to be sent is not in this calendar')
  await expect(unplaced.getByRole('link', { name: `Stop sale ${strayId}` })).toHaveAttribute(
    'href',
    `#/stop-sale/${strayId}`,
  )
  await expectStates(page, STDSV, 20, ['open', 'open'])

  // Sent, then Sedna read back: the same nights are closed in Sedna, nothing else is.
  await sync(sedna, [id!])
  await invoke(ctx, 'mirror.pull', { full: true })
  await expectStates(page, STDSV, 9, ['open', 'closed', 'closed', 'closed', 'open'])
  for (const room of ['all', FAM] as const) await expectStates(page, room, 9, repeat('open', 5))
  await expect(cell(page, STDSV, 11)).toHaveAttribute(
    'aria-label',
    `STDSV Standart Oda Deniz Manzaralı, ${shown(11)}: Closed in Sedna`,
  )
  await expect(page.getByTestId('calendar-mirror')).toContainText('as the app last read it, on')

  // The notice behind a closed night: Sedna's record, ours, who recorded it, its DeclareDate.
  await cell(page, STDSV, 11).click()
  const [record] = sedna.sim.stopSales()
  await expect(notices(page)).toHaveCount(1)
  const row = notices(page).first()
  await expect(row).toHaveAttribute('data-key', `sedna:${record!.RecId}`)
  await expect(row).toHaveAttribute('data-winner', 'true')
  await expect(row).toContainText('Decides')
  await expect(row).toContainText('Close')
  await expect(row).toContainText(`${shown(10)} – ${shown(12)}`)
  await expect(row).toContainText('05.01.2026 09:00:00')
  await expect(row).toContainText(String(record!.RecId))
  await expect(row).toContainText('Synced')
  await expect(row.getByRole('link', { name: `Stop sale ${id}` })).toHaveAttribute('href', `#/stop-sale/${id}`)
  expect(record!.RecordUser).toBeTruthy()
  await expect(row).toContainText(record!.RecordUser!)
  await expect(page.getByTestId('calendar-notices-summary')).toHaveText(
    '1 notice covers this night; it is Closed in Sedna.',
  )
  await screenshot(page, testInfo, 'calendar-after-sync.png')
})

test('a stop, then an open-sale inside it: the opened nights open, the rest stay closed', async ({
  page,
  sedna,
}, testInfo) => {
  await noSchedule(sedna)
  const ctx = sedna.harness.context
  const [stopId] = ctx.services.stopSales.add([stop(5, 14)])
  await sync(sedna, [stopId!])
  const [openId] = ctx.services.stopSales.add([open(8, 10)])

  await page.goto(calendarUrl(sedna))
  // Not sent yet: those nights are opening (waiting), the stop's others closed.
  await expectStates(page, STDSV, 4, [
    'open',
    ...repeat('closed', 3),
    ...repeat('opening', 3),
    ...repeat('closed', 4),
    'open',
  ])
  await expect(cell(page, STDSV, 9)).toHaveAttribute('aria-label', /: Opening \(waiting to be sent\)$/)

  await sync(sedna, [openId!])
  await invoke(ctx, 'mirror.pull', { full: true })
  expect(
    sedna.sim
      .stopSales()
      .map((r) => r.StopType)
      .sort(),
  ).toEqual([0, 1])
  await expectStates(page, STDSV, 4, [
    'open',
    ...repeat('closed', 3),
    ...repeat('open', 3),
    ...repeat('closed', 4),
    'open',
  ])

  // Behind an opened night: both notices, the open-sale (declared later) decides.
  await cell(page, STDSV, 9).click()
  await expect(notices(page)).toHaveCount(2)
  await expect(notices(page).first()).toContainText('Open')
  await expect(notices(page).first()).toHaveAttribute('data-winner', 'true')
  await expect(notices(page).nth(1)).toContainText('Close')
  await expect(notices(page).nth(1)).not.toHaveAttribute('data-winner')
  await expect(page.getByTestId('calendar-notices-summary')).toHaveText(
    '2 notices cover this night; the one declared last decides: Open.',
  )
  await screenshot(page, testInfo, 'calendar-stop-then-open.png')
})

test('out of order: the open-sale declared later, imported first, still wins on its nights', async ({
  page,
  sedna,
}, testInfo) => {
  await noSchedule(sedna)
  const ctx = sedna.harness.context
  // The open-sale arrives and is sent first; the stop it answers, declared earlier, only afterwards.
  const [openId] = ctx.services.stopSales.add([open(8, 10)])
  await sync(sedna, [openId!])
  const [stopId] = ctx.services.stopSales.add([stop(5, 14)])
  expect(openId!).toBeLessThan(stopId!)

  await page.goto(calendarUrl(sedna))
  // Waiting: the stop closes around the open-sale, not over it.
  await expectStates(page, STDSV, 5, [...repeat('closing', 3), ...repeat('open', 3), ...repeat('closing', 4)])

  await sync(sedna, [stopId!])
  await invoke(ctx, 'mirror.pull', { full: true })
  await expectStates(page, STDSV, 4, [
    'open',
    ...repeat('closed', 3),
    ...repeat('open', 3),
    ...repeat('closed', 4),
    'open',
  ])
  // Sedna holds both with the hotel's DeclareDates: the rule orders by them, not by arrival.
  const held = sedna.sim.stopSales().sort((a, b) => a.RecId - b.RecId)
  expect(held.map((r) => r.StopType)).toEqual([1, 0])

  await cell(page, STDSV, 8).click()
  await expect(notices(page)).toHaveCount(2)
  const winner = notices(page).and(page.locator('[data-winner]'))
  await expect(winner).toHaveCount(1)
  await expect(winner).toContainText('Open')
  await expect(winner).toContainText('06.01.2026 12:00:00')
  await expect(notices(page).nth(1)).toContainText('05.01.2026 09:00:00')
  await screenshot(page, testInfo, 'calendar-out-of-order.png')
})

test('keyboard: arrows, Home/End and PageDown move the focus; Enter lists the notices', async ({ page, sedna }) => {
  await noSchedule(sedna)
  const ctx = sedna.harness.context
  const [id] = ctx.services.stopSales.add([stop(10, 12)])
  await sync(sedna, [id!])

  await page.goto(calendarUrl(sedna))
  await expectStates(page, STDSV, 10, repeat('closed', 3))
  // One cell in the Tab order.
  await expect(grid(page).locator('td[tabindex="0"]')).toHaveCount(1)
  await cell(page, 'all', 9).click()
  await expect(cell(page, 'all', 9)).toBeFocused()
  await expect(page.getByTestId('calendar-notices-summary')).toHaveText('No notice covers this night: it is open.')

  await page.keyboard.press('ArrowRight')
  await expect(cell(page, 'all', 10)).toBeFocused()
  expect(await focusedLabel(page)).toBe(`All rooms (hotel-wide notices), ${shown(10)}: Open`)
  // Down the rows to STDSV (DBL, FAM, STDLV, STDSV).
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown')
  await expect(cell(page, STDSV, 10)).toBeFocused()
  expect(await focusedLabel(page)).toBe(`STDSV Standart Oda Deniz Manzaralı, ${shown(10)}: Closed in Sedna`)
  await expect(grid(page).locator('td[tabindex="0"]')).toHaveCount(1)
  await expect(cell(page, STDSV, 10)).toHaveAttribute('tabindex', '0')

  await page.keyboard.press('Enter')
  await expect(notices(page)).toHaveCount(1)
  await expect(page.getByRole('heading', { level: 2, name: `STDSV on ${shown(10)}` })).toBeVisible()
  await expect(cell(page, STDSV, 10)).toBeFocused()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press(' ')
  await expect(page.getByTestId('calendar-notices-summary')).toHaveText('No notice covers this night: it is open.')

  await page.keyboard.press('End')
  const days = await grid(page).locator(`tr[data-room="${STDSV}"] > td`).count()
  await expect(cell(page, STDSV, days)).toBeFocused()
  await page.keyboard.press('Home')
  await expect(cell(page, STDSV, 1)).toBeFocused()

  // The next month: the hash follows, the focus stays in the grid on the same row.
  await page.keyboard.press('PageDown')
  const next = new Date(Date.UTC(Number(year), Number(mm), 1))
  const nextMonth = `${next.getUTCFullYear()}-${two(next.getUTCMonth() + 1)}`
  await expect(page).toHaveURL(new RegExp(`month=${nextMonth}`))
  await expect.poll(() => focusedLabel(page)).toMatch(new RegExp(`^STDSV .*, 01\\.${nextMonth.slice(5)}\\.`))
  await page.keyboard.press('PageUp')
  await expect(page).toHaveURL(new RegExp(`month=${month}`))
  await expect.poll(() => focusedLabel(page)).toBe(`STDSV Standart Oda Deniz Manzaralı, ${shown(1)}: Open`)
})

test('the legend: each state by its own pattern and words; months, Today, the board filter', async ({
  page,
  sedna,
}, testInfo) => {
  await noSchedule(sedna)
  await page.goto(calendarUrl(sedna))
  const legend = page.getByTestId('calendar-legend')
  await expect(legend.locator('li')).toHaveText([
    'Closed in Sedna',
    'Closing (waiting to be sent)',
    'Opening (waiting to be sent)',
    'Open',
    'Changed in Sedna (corner mark)',
    'Today',
  ])
  // Not colour alone: each state's swatch has a pattern of its own (open: plain), changed a corner mark.
  const look = (key: string) =>
    legend.locator(`li[data-legend="${key}"] .cal-swatch`).evaluate((el) => {
      const s = getComputedStyle(el)
      return { image: s.backgroundImage, corner: getComputedStyle(el, '::after').content }
    })
  const closed = await look('closed')
  const closing = await look('closing')
  const opening = await look('opening')
  const opened = await look('open')
  // Each pattern is a small bitmap tile (stripes on red, stripes on white, dots on green); open is plain.
  for (const patterned of [closed, closing, opening]) expect(patterned.image).toMatch(/^url\("data:image\/png/)
  expect(opened.image).toBe('none')
  expect(new Set([closed.image, closing.image, opening.image, opened.image]).size).toBe(4)
  expect((await look('changed')).corner).not.toBe('none')

  // Three months, and back to today's.
  await page.getByTestId('calendar-months').selectOption('3')
  await expect(page).toHaveURL(/months=3/)
  await expect(grid(page).locator('th.cal-month')).toHaveCount(3)
  await expect(grid(page).locator(`tr[data-room="${STDSV}"] > td`)).toHaveCount(
    await grid(page).locator('th.cal-day').count(),
  )
  await page.getByTestId('calendar-today').click()
  const now = new Date()
  await expect(page).toHaveURL(new RegExp(`month=${now.getFullYear()}-${two(now.getMonth() + 1)}`))
  const today = grid(page).locator('th.cal-day.cal-today')
  await expect(today).toHaveCount(1)
  await expect(today).toHaveAttribute(
    'aria-label',
    `${two(now.getDate())}.${two(now.getMonth() + 1)}.${now.getFullYear()}`,
  )
  await expect(grid(page).locator(`tr[data-room="${STDSV}"] > td.cal-today`)).toHaveCount(1)

  // The board filter: every board of the account, in the hash.
  const board = page.getByTestId('calendar-board')
  await expect(board.locator('option').first()).toHaveText('All boards')
  await board.selectOption({ label: 'AI — All Inclusive' })
  await expect(page).toHaveURL(/board=1(&|$)/)
  await screenshot(page, testInfo, 'calendar-legend-three-months.png')
})

test('Turkish: dd.MM.yyyy in the cells and the notices, the states in Turkish', async ({ page, sedna }, testInfo) => {
  await noSchedule(sedna)
  const ctx = sedna.harness.context
  const [id] = ctx.services.stopSales.add([stop(10, 12)])
  await sync(sedna, [id!])
  await invoke(ctx, 'mirror.pull', { full: true })

  await page.goto(calendarUrl(sedna))
  await page.getByTestId('language').selectOption('tr')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Takvim: Mandarin Resort')
  await expect(cell(page, STDSV, 10)).toHaveAttribute(
    'aria-label',
    `STDSV Standart Oda Deniz Manzaralı, ${shown(10)}: Sedna’da kapalı`,
  )
  await expect(cell(page, 'all', 10)).toHaveAttribute(
    'aria-label',
    `Tüm odalar (otelin tamamı için bildirimler), ${shown(10)}: Açık`,
  )
  await cell(page, STDSV, 10).click()
  const row = notices(page).first()
  await expect(row).toContainText(`${shown(10)} – ${shown(12)}`)
  await expect(row).toContainText('Kapatma')
  await expect(row).toContainText('Belirleyen')
  await expect(page.getByTestId('calendar-notices-summary')).toHaveText(
    'Bu geceyi 1 bildirim kapsıyor; durum: Sedna’da kapalı.',
  )
  await expect(page.getByTestId('calendar-legend').locator('li').first()).toHaveText('Sedna’da kapalı')
  await screenshot(page, testInfo, 'calendar-turkish.png')
})

test('"Calendar" from a stop sale’s detail and from the list; the hotel search', async ({ page, sedna }) => {
  await noSchedule(sedna)
  const ctx = sedna.harness.context
  const [id] = ctx.services.stopSales.add([stop(10, 12)])
  const [unknownId] = ctx.services.stopSales.add([stop(10, 12, { hotelName: 'Otel Bilinmeyen Koy' })])

  // The detail: its resolved hotel and the month of its first night.
  await page.goto(`${sedna.harness.url}#/stop-sale/${id}`)
  const link = page.getByTestId('stop-sale-detail').getByTestId('calendar-link')
  await expect(link).toHaveAttribute('href', `#/calendar?hotel=${HOTEL}&month=${month}`)
  await link.click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calendar: Mandarin Resort')
  await expectStates(page, STDSV, 10, repeat('closing', 3))
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' })).toHaveAttribute(
    'aria-current',
    'page',
  )

  // A record whose hotel Sedna does not know: no calendar, and why.
  await page.goto(`${sedna.harness.url}#/stop-sale/${unknownId}`)
  const none = page.getByTestId('stop-sale-detail').getByTestId('calendar-link')
  await expect(none).toHaveAttribute('aria-disabled', 'true')
  await expect(none).toHaveAttribute('title', /the hotel is not known in Sedna/)
  await expect(none).not.toHaveAttribute('href')
  // The top bar's "Calendar" opens the last calendar seen.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click()
  await expect(page).toHaveURL(new RegExp(`#/calendar\\?hotel=${HOTEL}&month=${month}$`))

  // A list row: the calendar finds the hotel the record resolves to.
  await page.goto(sedna.harness.url)
  const listRow = page.locator(`[data-testid="stop-sale-row"][data-id="${id}"]`)
  await listRow.getByTestId('calendar-link').click()
  await expect(page).toHaveURL(new RegExp(`#/calendar\\?hotel=${HOTEL}&month=${month}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calendar: Mandarin Resort')
  await page.goto(sedna.harness.url)
  await page.locator(`[data-testid="stop-sale-row"][data-id="${unknownId}"]`).getByTestId('calendar-link').click()
  await expect(page.getByTestId('calendar-record-no-hotel')).toContainText(`Stop sale ${unknownId} has no calendar yet`)

  // Another hotel by a search written without Turkish letters.
  await page.getByRole('searchbox', { name: 'Hotel' }).fill('camyuva')
  await page.getByTestId('calendar-hotel-results').getByRole('link', { name: 'Çamyuva Güneş Otel' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calendar: Çamyuva Güneş Otel')
  await expect(page).toHaveURL(/hotel=28/)
})
