/**
 * The sync queue in Chromium, against the simulator over real HTTP: what waits, why, when it is tried
 * next; Sedna coming back empties it by itself; "Try now" and "Try all now" send at once what Sedna
 * asked to hold back.
 */
import { startSimulator } from '../../src/main/sedna/simulator'
import { mandarin } from '../support/sync-app'
import { expect, test } from './fixtures'

test('Sedna down: the queue shows what waits and why; when Sedna is back it empties by itself', async ({
  page,
  sedna,
  consoleErrors,
}, testInfo) => {
  sedna.harness.context.services.stopSales.add([
    mandarin(),
    mandarin({ firstNight: '2026-04-01', lastNight: '2026-04-02' }),
  ])
  const port = sedna.sim.port
  await sedna.sim.close()
  await page.goto(sedna.harness.url)
  await page.getByRole('button', { name: 'Sync all pending (2)' }).click()
  await page.getByTestId('preview-send').click() // the preview first (#15): send what it shows
  await expect(page.getByTestId('sync-summary').locator('[data-count="queued"]')).toHaveText('Queued 2')

  // The indicator's count leads to the queue.
  await page.getByTestId('queue-link').click()
  await expect(page).toHaveURL(/#\/queue$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sync queue')
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' })).toHaveAttribute(
    'aria-current',
    'page',
  )
  const items = page.getByTestId('queue-item')
  await expect(items).toHaveCount(2)
  await expect(page.getByTestId('queue-total')).toHaveText('2 waiting')
  await expect(page.getByTestId('queue-offline')).toContainText('Sedna does not answer')
  for (const item of await items.all()) {
    await expect(item).toHaveAttribute('data-state', 'waiting-for-sedna')
    await expect(item.getByTestId('queue-state')).toHaveText('Waiting for Sedna')
    await expect(item).toContainText('Mandarin Resort')
    // Why: the failure in Sedna's words; when: as soon as Sedna answers.
    await expect(item.getByTestId('queue-why')).toContainText('Sedna')
    await expect(item.getByTestId('queue-why')).toContainText('127.0.0.1')
    await expect(item.getByTestId('queue-next')).toContainText('as soon as Sedna answers')
    // Nothing was sent: the look in Sedna before the first send found it down.
    await expect(item.getByTestId('queue-attempts')).toHaveText('0')
  }
  // Which goes first depends on each one's (randomised) backoff: both are there, with their nights.
  await expect(items.filter({ hasText: '25.01.2026 – 27.01.2026 · STDSV · AI' })).toHaveCount(1)
  await expect(items.filter({ hasText: '01.04.2026 – 02.04.2026 · STDSV · AI' })).toHaveCount(1)
  await page.screenshot({ path: testInfo.outputPath('queue-offline.png'), fullPage: true })

  // Sedna comes back on the same address; nobody presses anything.
  sedna.sim = await startSimulator({ port })
  await expect(page.getByTestId('queue-empty')).toBeVisible({ timeout: 15_000 })
  await expect(items).toHaveCount(0)
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'online')
  expect(sedna.sim.stopSales()).toHaveLength(2)
  await page.screenshot({ path: testInfo.outputPath('queue-empty.png'), fullPage: true })

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stop sales' }).click()
  await expect(page.getByTestId('stop-sale-row').and(page.locator('[data-status="synced"]'))).toHaveCount(2)
  expect(consoleErrors).toEqual([])
})

test('Sedna asks to wait an hour: the queue shows when; "Try now" and "Try all now" send at once', async ({
  page,
  sedna,
  consoleErrors,
}, testInfo) => {
  const [first, second] = sedna.harness.context.services.stopSales.add([
    mandarin(),
    mandarin({ firstNight: '2026-03-01', lastNight: '2026-03-03' }),
  ])
  // Both first saves are answered "503 Service Unavailable, Retry-After: 3600".
  sedna.sim.addFault({
    path: 'Contract/UpdateStopSale',
    calls: [1, 2],
    fault: { kind: 'status', status: 503, retryAfterSeconds: 3_600 },
  })
  await page.goto(sedna.harness.url)
  await page.getByRole('button', { name: 'Sync all pending (2)' }).click()
  await page.getByTestId('preview-send').click() // the preview first (#15): send what it shows
  await expect(page.getByTestId('sync-summary').locator('[data-count="queued"]')).toHaveText('Queued 2')
  expect(sedna.sim.stopSales()).toHaveLength(0)

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click()
  const items = page.getByTestId('queue-item')
  await expect(items).toHaveCount(2)
  for (const item of await items.all()) {
    await expect(item).toHaveAttribute('data-state', 'retry-later')
    await expect(item.getByTestId('queue-state')).toHaveText('Retry planned')
    await expect(item.getByTestId('queue-why')).toContainText('503')
    await expect(item.getByTestId('queue-attempts')).toHaveText('1')
    // The next try, dd.MM.yyyy HH:mm:ss in local time, an hour from now (Sedna's Retry-After).
    const next = item.getByTestId('queue-next-time')
    await expect(next).toHaveText(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/)
    const at = Date.parse((await next.getAttribute('datetime'))!)
    expect(at - Date.now()).toBeGreaterThan(3_500_000)
    expect(at - Date.now()).toBeLessThan(3_700_000)
    const [dd, mm, yyyy, hh, min, ss] = (await next.textContent())!.split(/[.: ]/).map(Number)
    expect(new Date(yyyy!, mm! - 1, dd!, hh!, min!, ss!).getTime()).toBe(Math.floor(at / 1000) * 1000)
  }
  await page.screenshot({ path: testInfo.outputPath('queue-retry-later.png'), fullPage: true })

  // "Try now" on one: it goes out at once and leaves the queue; the other keeps its hour.
  const one = items.and(page.locator(`[data-id="${first}"]`))
  await one.getByRole('button', { name: 'Try Mandarin Resort 25.01.2026 now' }).click()
  await expect(one).toHaveCount(0, { timeout: 10_000 })
  await expect(items).toHaveCount(1)
  await expect(items).toHaveAttribute('data-id', String(second))
  await expect(items).toHaveAttribute('data-state', 'retry-later')
  expect(sedna.sim.stopSales()).toHaveLength(1)

  // "Try all now": the rest goes too.
  await page.getByTestId('try-all').click()
  await expect(page.getByTestId('queue-empty')).toBeVisible({ timeout: 10_000 })
  expect(sedna.sim.stopSales()).toHaveLength(2)
  await page.screenshot({ path: testInfo.outputPath('queue-after-try.png'), fullPage: true })

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stop sales' }).click()
  const rows = page.getByTestId('stop-sale-row')
  await expect(rows.and(page.locator('[data-status="synced"]'))).toHaveCount(2)
  const recIds = sedna.sim.stopSales().map((s) => String(s.RecId))
  await expect(rows.getByTestId('rec-id')).toHaveText(recIds.reverse())
  expect(consoleErrors).toEqual([])
})
