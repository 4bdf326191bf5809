/**
 * The vertical slice, end to end: a stop sale written to SQLite shows up in the real renderer,
 * through the real services and the real contract, in a real Chromium.
 */
import Database from 'better-sqlite3'
import { databaseFileIn } from '../../src/main/paths'
import { normalizeHotelName } from '../../src/main/reference/hotel-matching'
import { sampleStopSale } from '../support/fixtures'
import { expect, test } from './fixtures'

test('an empty database shows the empty state', async ({ page, harness }, testInfo) => {
  await page.goto(harness.url)
  await expect(page.getByTestId('stop-sales-empty')).toContainText('No stop sales yet')
  await page.screenshot({ path: testInfo.outputPath('empty.png') })
})

test('a stop sale written to SQLite appears in the list', async ({ page, harness, consoleErrors }, testInfo) => {
  // Written by the test with its own connection, as another process (the CLI) would.
  const direct = new Database(databaseFileIn(harness.context.services.info.dataDir))
  direct
    .prepare(
      `insert into stop_sales (hotel_name, room_codes, board_codes, first_night, last_night, kind, status, sedna_rec_id)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run('İstanbul Boğaz Palace', '["DBL","TRP"]', '["AI"]', '2025-06-01', '2025-06-03', 'close', 'synced', 823259)
  direct.close()

  await page.goto(harness.url)
  const row = page.getByTestId('stop-sale-row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('İstanbul Boğaz Palace')
  await expect(row).toContainText('01.06.2025')
  await expect(row).toContainText('03.06.2025')
  await expect(row.locator('td').nth(5)).toHaveText('3')
  await expect(row).toContainText('DBL, TRP')
  await expect(row).toContainText('AI')
  await expect(row).toContainText('Stop (close)')
  await expect(row).toContainText('Synced')
  await expect(row).toContainText('823259')
  await expect(page.getByTestId('count-synced')).toContainText('1')

  // Added through the service: main pushes stopSales.changed and the list refreshes by itself.
  harness.context.services.stopSales.add([sampleStopSale({ kind: 'open', roomCodes: [], boardCodes: [] })])
  await expect(row).toHaveCount(2)
  const opened = row.filter({ hasText: 'Çamyuva Güneş Otel' })
  await expect(opened).toContainText('Open')
  await expect(opened).toContainText('All rooms')
  await expect(opened).toContainText('Pending')
  await page.screenshot({ path: testInfo.outputPath('list.png'), fullPage: true })
  expect(consoleErrors).toEqual([])
})

test('when main cannot answer, the list shows an error and recovers on retry', async ({ page, harness }, testInfo) => {
  harness.context.services.stopSales.add([sampleStopSale()])
  await page.route('**/__harness/invoke/stopSales.list', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: { kind: 'internal', message: 'The database is locked by another program.' },
      }),
    }),
  )
  await page.goto(harness.url)
  const error = page.getByTestId('stop-sales-error')
  await expect(error).toContainText('Stop sales could not be loaded')
  await expect(error).toContainText('The database is locked by another program.')
  await page.screenshot({ path: testInfo.outputPath('error.png') })

  await page.unroute('**/__harness/invoke/stopSales.list')
  await error.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByTestId('stop-sale-row')).toHaveCount(1)
})

test('filter by hotel (Turkish-insensitive), status and text; sort by a column; keyboard', async ({
  page,
  harness,
}, testInfo) => {
  const add = harness.context.services.stopSales
  add.add([
    sampleStopSale({
      hotelName: 'İstanbul Boğaz Palace',
      firstNight: '2025-06-01',
      lastNight: '2025-06-03',
      roomCodes: ['SUI'],
    }),
    sampleStopSale({
      hotelName: 'Kemer Işıklar Resort',
      firstNight: '2025-07-01',
      lastNight: '2025-07-09',
      kind: 'open',
    }),
    sampleStopSale({ hotelName: 'Antalya Beach Otel', firstNight: '2025-05-01', lastNight: '2025-05-01' }),
  ])
  harness.context.database.sqlite
    .prepare("update stop_sales set status = 'synced', sedna_rec_id = 823999 where hotel_name like 'Kemer%'")
    .run()
  await page.goto(harness.url)
  const rows = page.getByTestId('stop-sale-row')
  await expect(rows).toHaveCount(3)

  await page.getByTestId('filter-hotel').fill('istanbul')
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('İstanbul Boğaz Palace')
  await expect(page.getByTestId('list-total')).toHaveText('1 stop sale matches')
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(rows).toHaveCount(3)

  await page.getByTestId('count-synced').click()
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('823999')
  await page.getByTestId('count-synced').click()

  await page.getByTestId('filter-text').fill('sui')
  await expect(rows).toHaveCount(1)
  await page.getByTestId('filter-text').fill('')
  await expect(rows).toHaveCount(3)

  await page.getByRole('button', { name: 'First night' }).click()
  await expect(rows.first()).toContainText('Antalya Beach Otel')
  await page.getByRole('button', { name: /First night/ }).click()
  await expect(rows.first()).toContainText('Kemer Işıklar Resort')
  await expect(page.getByRole('columnheader', { name: /First night/ })).toHaveAttribute('aria-sort', 'descending')
  await expect(page.getByTestId('list-total')).toHaveText('3 stop sales')

  // Keyboard: focus a row, arrow down, Enter opens that stop sale.
  await rows.first().focus()
  await page.keyboard.press('ArrowDown')
  await expect(rows.nth(1)).toBeFocused()
  const id = await rows.nth(1).getAttribute('data-id')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/stop-sale/${id}$`))
  await page.screenshot({ path: testInfo.outputPath('filters.png'), fullPage: true })
})

test('thousands of stop sales: one scrolled table, a few dozen rows in the DOM, keyboard from top to bottom', async ({
  page,
  harness,
  consoleErrors,
}, testInfo) => {
  // 3,000 rows written directly (as an import's commit would), newest first: #3000 at the top.
  const count = 3_000
  const sqlite = harness.context.database.sqlite
  const insert = sqlite.prepare(
    `insert into stop_sales (hotel_name, hotel_key, first_night, last_night, room_codes) values (?, ?, ?, ?, '["DBL"]')`,
  )
  sqlite.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const night = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10)
      insert.run(`Kaya ${i}`, normalizeHotelName(`Kaya ${i}`), night, night)
    }
  })()
  const listCalls: string[] = []
  page.on('request', (r) => r.url().includes('/stopSales.list') && listCalls.push(r.postData() ?? ''))
  await page.goto(harness.url)
  const rows = page.getByTestId('stop-sale-row')
  const inDom = page.getByTestId('stop-sales-table').locator('tbody tr[data-index]')
  await expect(rows.first()).toContainText('Kaya 3000')
  await expect(page.getByTestId('list-total')).toHaveText('3,000 stop sales')
  await expect(page.getByTestId('stop-sales-table')).toHaveAttribute('aria-rowcount', String(count + 1))
  expect(await inDom.count()).toBeLessThan(200)
  expect(listCalls).toHaveLength(1)

  // Scrolled to the bottom: the last stop sale is there, fetched on demand, and the DOM stays small.
  const scroller = page.getByTestId('stop-sales-scroll')
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
  const last = page.locator('[data-testid="stop-sale-row"][data-index="2999"]')
  await expect(last).toBeInViewport()
  await expect(last.getByTestId('open-detail')).toHaveText('Kaya 1')
  await expect(page.locator('[data-index="2999"]')).toHaveAttribute('aria-rowindex', String(count + 1))
  expect(await inDom.count()).toBeLessThan(200)
  expect(listCalls.length).toBeLessThanOrEqual(4)
  await page.screenshot({ path: testInfo.outputPath('virtual-bottom.png') })

  // Main says stop sales changed (one added, at the top): only the pages on screen are asked for again —
  // the bottom one, and the first (its focusable row is kept) — and the list moves down by one.
  const before = listCalls.length
  harness.context.services.stopSales.add([sampleStopSale({ hotelName: 'Kaya 3001' })])
  await expect(page.getByTestId('list-total')).toHaveText('3,001 stop sales')
  await expect(page.locator('[data-testid="stop-sale-row"][data-index="3000"]').getByTestId('open-detail')).toHaveText(
    'Kaya 1',
  )
  const offsets = listCalls.slice(before).map((body) => JSON.parse(body).offset as number)
  expect(offsets.length).toBeLessThanOrEqual(3)
  for (const offset of offsets) expect([0, 2_900, 3_000]).toContain(offset)

  // Keyboard: Home to the first row, arrows, End to the last, PageUp; Enter opens the focused one.
  await scroller.evaluate((el) => (el.scrollTop = 0))
  await rows.first().focus()
  await page.keyboard.press('End')
  const lastRow = page.locator('tr[data-index="3000"]')
  await expect(lastRow).toBeFocused()
  await expect(lastRow).toContainText('Kaya 1')
  await expect(lastRow).toBeInViewport()
  await page.keyboard.press('ArrowUp')
  await expect(page.locator('tr[data-index="2999"]')).toBeFocused()
  await expect(page.locator('tr[data-index="2999"]')).toContainText('Kaya 2')
  await page.keyboard.press('Home')
  await expect(page.locator('tr[data-index="0"]')).toBeFocused()
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown')
  const fortieth = page.locator('tr[data-index="40"]')
  await expect(fortieth).toBeFocused()
  await expect(fortieth).toBeInViewport()
  await expect(fortieth).toContainText('Kaya 2961')
  await page.keyboard.press('PageDown')
  const afterPage = Number(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.index))
  expect(afterPage).toBeGreaterThan(45)
  await page.keyboard.press('PageUp')
  await expect(fortieth).toBeFocused()
  // The focused row stays in the DOM when scrolled away by the mouse, so the keyboard carries on there.
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
  await expect(fortieth).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(page.locator('tr[data-index="41"]')).toBeFocused()
  await expect(page.locator('tr[data-index="41"]')).toBeInViewport()
  expect(await inDom.count()).toBeLessThan(200)
  await page.screenshot({ path: testInfo.outputPath('virtual-keyboard.png') })
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/stop-sale\/2960$/)

  // Back to the list: where it was, the row it was opened from focused again.
  await page.goBack()
  await expect(page.locator('tr[data-index="41"]')).toBeFocused()
  await expect(page.locator('tr[data-index="41"]')).toBeInViewport()

  // A filter scrolls back to the top of its own result.
  await page.getByTestId('filter-hotel').fill('kaya 29')
  await expect(page.getByTestId('list-total')).toHaveText('111 stop sales match')
  await expect(rows.first()).toContainText('Kaya 2999')
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0)
  expect(consoleErrors).toEqual([])
})
