/**
 * Issue #14's screens in Chromium, against the simulator over real HTTP: the top bar's age of the app's
 * copy of Sedna (after a sync, "Read now" with its progress, the age growing, a failure with the age
 * kept), a stop sale Sedna already held reading "Already in Sedna" with who recorded it, the read-back
 * interval in Settings, and a stop sale edited or deleted in Sedna's screens flagged in the list with its
 * count and filter — in English and Turkish.
 */
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import type { NewStopSale } from '../../src/main/stop-sales/service'
import { invoke } from '../support/context'
import { mandarin } from '../support/sync-app'
import { watchEnglishOriginals } from './english-originals'
import { expect, test, type SednaEnv } from './fixtures'
import { screenshot } from './screenshot'

test.use({ simOptions: { latencyMs: 50 } })

/** This computer's day `offset` days from today, YYYY-MM-DD: inside the nights a read covers. */
function night(offset: number): string {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
}

const inWindow = (from: number, to: number, over: Partial<NewStopSale> = {}) =>
  mandarin({ firstNight: night(from), lastNight: night(to), ...over })

/** No read on the schedule: each read in these journeys is the test's own. */
const noSchedule = (sedna: SednaEnv) => invoke(sedna.harness.context, 'settings.save', { pullIntervalMinutes: 0 })

const recIdOf = (sim: Simulator, firstNight: string) =>
  sim.stopSales().find((r) => r.BeginDate.startsWith(firstNight))!.RecId

test('the top bar: the last read after a sync, "Read now" with its progress, its age, a failure offline', async ({
  page,
  sedna,
}, testInfo) => {
  await noSchedule(sedna)
  sedna.harness.context.services.stopSales.add([inWindow(60, 62), inWindow(90, 91)])
  // The page's clock runs as usual until the test moves it on (the age grows by itself).
  await page.clock.install()
  await page.goto(sedna.harness.url)
  const mirror = page.getByTestId('mirror')
  const age = mirror.getByTestId('mirror-age')
  await expect(age).toHaveText('Sedna not read yet')

  // A sync run reads Sedna first.
  await page.getByRole('button', { name: 'Sync all pending (2)' }).click()
  await page.getByTestId('preview-send').click() // the preview first (#15): send what it shows
  await expect(page.getByTestId('stop-sale-row').and(page.locator('[data-status="synced"]'))).toHaveCount(2)
  await expect(age).toHaveText('Sedna read just now')
  const first = await age.getAttribute('data-at')
  expect(first).toBeTruthy()
  await expect(age).toHaveAttribute('title', /last read on \d\d\.\d\d\.\d{4} \d\d:\d\d; the app’s copy holds \d+/)

  // Read now: its progress while it runs, then the new time.
  sedna.sim.addFault({ path: 'Integratiion/GetStopSaleListWithUpdateDate', fault: { kind: 'latency', ms: 1_500 } })
  const reads = () => sedna.sim.requests().filter((r) => /GetStopSaleListWithUpdateDate$/i.test(r.path)).length
  const readsBefore = reads()
  await mirror.getByRole('button', { name: 'Read now' }).click()
  await expect(mirror.getByTestId('mirror-progress')).toHaveText(/^Reading Sedna(: 0 of 1|…)$/)
  await expect(mirror.getByRole('button', { name: 'Read now' })).toBeDisabled()
  await screenshot(page, testInfo, 'mirror-reading.png')
  await expect(age).toHaveText('Sedna read just now')
  await expect(age).not.toHaveAttribute('data-at', first!)
  expect(reads()).toBe(readsBefore + 1)
  sedna.sim.clearFaults()

  // Four minutes later the age says so, without anything else happening.
  await page.clock.fastForward('04:00')
  await expect(age).toHaveText('Sedna read 4 min ago')

  // Sedna down: the read fails, said beside the age of what was read before (kept).
  const port = sedna.sim.port
  await sedna.sim.close()
  const kept = await age.getAttribute('data-at')
  await mirror.getByRole('button', { name: 'Read now' }).click()
  const failed = mirror.getByTestId('mirror-failed')
  await expect(failed).toContainText('last read failed')
  await expect(failed).toHaveAttribute(
    'title',
    /^Sedna's stop sales could not be read: .+ What was read before is kept\.$/,
  )
  await expect(age).toHaveText('Sedna read 4 min ago')
  await expect(age).toHaveAttribute('data-at', kept!)
  await screenshot(page, testInfo, 'mirror-failed.png')

  // Back: the next read clears the failure. (The page's clock is four minutes ahead of main's now.)
  sedna.sim = await startSimulator({ port })
  await mirror.getByRole('button', { name: 'Read now' }).click()
  await expect(failed).toHaveCount(0)
  await expect(age).not.toHaveAttribute('data-at', kept!)
})

test('a stop sale Sedna already held reads "Already in Sedna", with who recorded it', async ({
  page,
  sedna,
}, testInfo) => {
  await noSchedule(sedna)
  // Typed in Sedna's screens by Ayşe: the same hotel, nights, room, board, operator and declaration.
  const byHand = sedna.sim.ui.enterStopSale('ayse', {
    HotelId: 18,
    BeginDate: night(40),
    EndDate: night(42),
    DeclareDate: '2025-12-29T09:30:00',
    children: { rooms: [63], operators: [571], boards: [1], markets: [10] },
  })
  const [adoptedId, sentId] = sedna.harness.context.services.stopSales.add([inWindow(40, 42), inWindow(50, 51)])
  await page.goto(sedna.harness.url)
  await page.getByRole('button', { name: 'Sync all pending (2)' }).click()
  await page.getByTestId('preview-send').click() // the preview first (#15): send what it shows

  const adopted = page.locator(`[data-testid="stop-sale-row"][data-id="${adoptedId}"]`)
  const sent = page.locator(`[data-testid="stop-sale-row"][data-id="${sentId}"]`)
  await expect(adopted).toHaveAttribute('data-status', 'synced')
  await expect(sent).toHaveAttribute('data-status', 'synced')
  const badge = adopted.getByTestId('row-status')
  await expect(badge).toHaveText('Already in Sedna')
  await expect(badge).toHaveAttribute(
    'title',
    `Sedna already held this stop sale, recorded by ayse: the app linked it to that record (RecId ${byHand.RecId}) and wrote nothing.`,
  )
  await expect(adopted.getByTestId('rec-id')).toHaveText(String(byHand.RecId))
  // The one the app wrote itself is plainly synced; both count as synced.
  await expect(sent.getByTestId('row-status')).toHaveText('Synced')
  await expect(page.getByTestId('count-synced')).toContainText('2')
  expect(sedna.sim.stopSales()).toHaveLength(2)
  await screenshot(page, testInfo, 'adopted.png')

  await page.getByTestId('language').selectOption('tr')
  await expect(badge).toHaveText('Sedna’da zaten var')
  await expect(badge).toHaveAttribute('title', /^Bu satış durdurma Sedna’da zaten vardı, ayse girmiş/)
})

test('Settings: how often Sedna is read back, 0 for never', async ({ page, sedna }, testInfo) => {
  await page.goto(`${sedna.harness.url}#/settings`)
  const field = page.getByTestId('pull-interval')
  await expect(field).toHaveValue('10')
  await expect(page.getByTestId('app-settings')).toContainText('0 turns this off')
  const save = page.getByRole('button', { name: 'Save settings' })

  await field.fill('')
  await save.click()
  await expect(page.getByTestId('app-settings')).toContainText('A whole number of minutes from 0 (off) to 1440.')
  await field.fill('1441')
  await save.click()
  await expect(page.getByTestId('app-settings')).toContainText('A whole number of minutes from 0 (off) to 1440.')
  expect(sedna.harness.context.services.settings.get().pullIntervalMinutes).toBe(10)

  await field.fill('0')
  await save.click()
  await expect(page.getByRole('status')).toHaveText('Saved.')
  expect(sedna.harness.context.services.settings.get().pullIntervalMinutes).toBe(0)
  await expect(field).toHaveValue('0')
  await screenshot(page, testInfo, 'settings-pull-interval.png')
})

// Drift (src/main/drift) sets these statuses after a read that finds Sedna’s copy changed or gone.
test('edited and deleted in Sedna, then read: "Changed in Sedna" and "Not in Sedna" with counts and filters', async ({
  page,
  sedna,
}, testInfo) => {
  await noSchedule(sedna)
  const ctx = sedna.harness.context
  const [editedId, deletedId, keptId] = ctx.services.stopSales.add([
    inWindow(70, 72),
    inWindow(80, 81),
    inWindow(100, 103),
  ])
  expect(await invoke(ctx, 'sync.stopSales', { ids: [editedId!, deletedId!, keptId!] })).toMatchObject({ synced: 3 })
  await page.goto(sedna.harness.url)
  await expect(page.getByTestId('mirror-age')).toHaveText('Sedna read just now')

  // Someone changes one in Sedna's screens (one night more) and deletes another.
  sedna.sim.ui.editStopSale(recIdOf(sedna.sim, night(70)), { EndDate: night(73) })
  sedna.sim.ui.deleteStopSale(recIdOf(sedna.sim, night(80)))
  const row = (id: number) => page.locator(`[data-testid="stop-sale-row"][data-id="${id}"]`)

  // The edit comes with the next read of what changed.
  await page.getByTestId('mirror').getByRole('button', { name: 'Read now' }).click()
  await expect(row(editedId!)).toHaveAttribute('data-status', 'changed_in_sedna')
  await expect(row(editedId!).getByTestId('row-status')).toHaveText('Changed in Sedna')
  await expect(page.getByTestId('count-changed_in_sedna')).toHaveText('Changed in Sedna 1')
  // Told by a sign, not by colour alone.
  const sign = (id: number) =>
    row(id)
      .getByTestId('row-status')
      .evaluate((el) => getComputedStyle(el, '::before').content)
  expect(await sign(editedId!)).toContain('≠')

  // A deletion is seen by a full read (the schedule makes one every few hours).
  await invoke(ctx, 'mirror.pull', { full: true })
  await expect(row(deletedId!)).toHaveAttribute('data-status', 'missing_in_sedna')
  await expect(row(deletedId!).getByTestId('row-status')).toHaveText('Not in Sedna')
  await expect(page.getByTestId('count-missing_in_sedna')).toHaveText('Not in Sedna 1')
  expect(await sign(deletedId!)).toContain('⊘')
  await expect(row(keptId!)).toHaveAttribute('data-status', 'synced')
  await expect(page.getByTestId('count-synced')).toHaveText('Synced 1')
  await screenshot(page, testInfo, 'drift-list.png')

  // Each count filters the list.
  await page.getByTestId('count-changed_in_sedna').click()
  await expect(page.getByTestId('stop-sale-row')).toHaveCount(1)
  await expect(row(editedId!)).toBeVisible()
  await expect(page.getByTestId('list-total')).toHaveText('1 stop sale matches')
  await page.getByTestId('count-changed_in_sedna').click()
  await page.getByTestId('count-missing_in_sedna').click()
  await expect(page.getByTestId('stop-sale-row')).toHaveCount(1)
  await expect(row(deletedId!)).toBeVisible()
  await screenshot(page, testInfo, 'drift-filtered.png')

  // In Turkish, and nothing of it left in English.
  const english = watchEnglishOriginals(page)
  await page.getByTestId('language').selectOption('tr')
  await page.getByTestId('count-missing_in_sedna').click()
  await expect(page.getByTestId('count-changed_in_sedna')).toHaveText('Sedna’da değişti 1')
  await expect(page.getByTestId('count-missing_in_sedna')).toHaveText('Sedna’da yok 1')
  await expect(row(editedId!).getByTestId('row-status')).toHaveText('Sedna’da değişti')
  await expect(page.getByTestId('mirror-age')).toHaveText('Sedna az önce okundu')
  // The longest status, sign and all, fits its column (not cut off).
  const cut = await page
    .getByTestId('row-status')
    .evaluateAll((badges) => badges.filter((b) => b.parentElement!.scrollWidth > b.parentElement!.clientWidth).length)
  expect(cut).toBe(0)
  expect(await english.check()).toEqual([])
  await screenshot(page, testInfo, 'drift-list-tr.png')
})

test.describe('in Turkish', () => {
  test.use({ locale: 'tr-TR' })

  test('the top bar and the list say it in Turkish', async ({ page, sedna }, testInfo) => {
    await noSchedule(sedna)
    const english = watchEnglishOriginals(page)
    sedna.harness.context.services.stopSales.add([inWindow(60, 62)])
    await page.clock.install()
    await page.goto(sedna.harness.url)
    const mirror = page.getByTestId('mirror')
    await expect(mirror.getByTestId('mirror-age')).toHaveText('Sedna henüz okunmadı')
    await page.getByRole('button', { name: /^Bekleyenlerin hepsini senkronize et/ }).click()
    await page.getByTestId('preview-send').click() // the preview first (#15): send what it shows
    await expect(page.getByTestId('stop-sale-row')).toHaveAttribute('data-status', 'synced')
    await expect(mirror.getByTestId('mirror-age')).toHaveText('Sedna az önce okundu')
    await page.clock.fastForward('04:00')
    await expect(mirror.getByTestId('mirror-age')).toHaveText('Sedna 4 dk önce okundu')
    await expect(mirror.getByRole('button', { name: 'Şimdi oku' })).toBeEnabled()

    // Sedna down: the failure, in Turkish.
    const port = sedna.sim.port
    await sedna.sim.close()
    await mirror.getByRole('button', { name: 'Şimdi oku' }).click()
    await expect(mirror.getByTestId('mirror-failed')).toContainText('son okuma başarısız')
    await expect(mirror.getByTestId('mirror-failed')).toHaveAttribute('title', /^Sedna’daki/)
    expect(await english.check()).toEqual([])
    await screenshot(page, testInfo, 'mirror-tr.png')
    // The window's narrowest (1024 px, window.ts): the top bar holds all of it, nothing cut, and the
    // pages' names are not squeezed onto two lines.
    await page.setViewportSize({ width: 1024, height: 768 })
    const topbar = page.locator('header.topbar')
    expect(await topbar.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    const linesPerLink = await topbar
      .locator('nav a, .brand')
      .evaluateAll((links) => links.map((a) => a.getClientRects().length))
    expect(linesPerLink).toEqual([1, 1, 1, 1, 1, 1, 1])
    await expect(mirror.getByRole('button', { name: 'Şimdi oku' })).toBeInViewport({ ratio: 1 })
    await page.screenshot({ path: testInfo.outputPath('mirror-tr-1024.png') })

    await page.getByRole('navigation', { name: 'Ana menü' }).getByRole('link', { name: 'Ayarlar' }).click()
    await expect(page.getByTestId('pull-interval')).toHaveValue('0')
    expect(await english.check()).toEqual([])
    sedna.sim = await startSimulator({ port })
  })
})
