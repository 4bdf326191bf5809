/**
 * Issue #15's preview in Chromium, against the simulator over real HTTP: stop sales imported from a
 * parsed file — one Sedna already holds (adopted), one sharing nights with a record typed in Sedna, an
 * open-sale over nights Sedna has closed, one that cannot be resolved — and "Sync all pending" shows what
 * it would do before anything goes: the counts, the overlap and the reopened nights, the records, each
 * hotel's calendar. Cancel sends nothing; Send sends exactly that. A record changed after the preview
 * makes the send refused, nothing sent, until a new preview; and the panel in Turkish.
 */
import { writeFileSync } from 'node:fs'
import type { Locator, Page, TestInfo } from '@playwright/test'
import { invoke } from '../support/context'
import { mandarin } from '../support/sync-app'
import { watchEnglishOriginals } from './english-originals'
import { expect, test, type SednaEnv } from './fixtures'
import { screenshot } from './screenshot'

test.use({ simOptions: { latencyMs: 20 } })

/** This computer's day `offset` days from today, YYYY-MM-DD (inside the nights Sedna is read for). */
function night(offset: number): string {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
}
const dmy = (iso: string) => iso.split('-').reverse().join('.')

const received = '2025-12-29T09:30:00+03:00'
/** As the e-mail parser writes them (the sample file's shape). */
const parsed = (n: number, over: Record<string, unknown>) => ({
  message_id: `<preview-${n}@hotel.example>`,
  received_at: received,
  subject: 'STOP SALE',
  hotel_name: 'Mandarin Resort',
  room_types: ['STDSV'],
  board_types: ['AI'],
  is_close: true,
  reason: null,
  ...over,
})

/** Sedna's records of Ayşe's (typed in its screens), and the five parsed stop sales the journeys import. */
function seed(sedna: SednaEnv, testInfo: TestInfo) {
  const mandarinChildren = { rooms: [63], operators: [571], boards: [1], markets: [10] }
  const earlier = '2025-12-20T09:00:00'
  const sim = sedna.sim.ui
  const held = sim.enterStopSale('ayse', {
    HotelId: 18,
    BeginDate: night(40),
    EndDate: night(42),
    DeclareDate: '2025-12-29T09:30:00',
    children: mandarinChildren,
  })
  const overlapped = sim.enterStopSale('ayse', {
    HotelId: 18,
    BeginDate: night(63),
    EndDate: night(70),
    DeclareDate: earlier,
    children: mandarinChildren,
  })
  const closed = sim.enterStopSale('ayse', {
    HotelId: 18,
    BeginDate: night(78),
    EndDate: night(82),
    DeclareDate: earlier,
    children: mandarinChildren,
  })
  const file = testInfo.outputPath('stop-sales.json')
  writeFileSync(
    file,
    JSON.stringify([
      parsed(1, { date_from: night(40), date_to: night(42) }), // the same as Ayşe's: adopted
      parsed(2, { date_from: night(60), date_to: night(66) }), // 4 nights in common with Ayşe's 63–70
      parsed(3, { date_from: night(80), date_to: night(85), is_close: false }), // opens 80–82
      parsed(4, { date_from: night(100), date_to: night(101) }),
      parsed(5, {
        hotel_name: 'Grand Palace Hotel',
        room_types: ['DBL', 'TRP'],
        date_from: night(50),
        date_to: night(52),
      }), // TRP is unknown at Grand Palace: a person maps it first
    ]),
  )
  return { file, held, overlapped, closed }
}

async function importFile(page: Page, sedna: SednaEnv, file: string) {
  await page.goto(`${sedna.harness.url}#/import`)
  await page.getByTestId('import-file').setInputFiles(file)
  // In the page's language (English, or Turkish for the journey in Turkish).
  await page.getByRole('button', { name: /^(Import 5 stop sales|5 satış durdurmayı içe aktar)$/ }).click()
  await page.getByRole('link', { name: /^(See the stop sales|Satış durdurmaları gör)$/ }).click()
}

const stopSaleWrites = (sedna: SednaEnv) => sedna.sim.requests().filter((r) => /UpdateStopSale$/i.test(r.path)).length
/** One count of the panel: its label and its number. */
async function shown(counts: Locator, key: string, label: string, n: number) {
  await expect(counts.locator(`[data-count="${key}"] dt`)).toHaveText(label)
  await expect(counts.locator(`[data-count="${key}"] dd`)).toHaveText(String(n))
}

const noSchedule = (sedna: SednaEnv) => invoke(sedna.harness.context, 'settings.save', { pullIntervalMinutes: 0 })

test('"Sync all pending" previews first: the counts, overlaps and reopened nights; Cancel sends nothing, Send sends it', async ({
  page,
  sedna,
}, testInfo) => {
  await noSchedule(sedna)
  const { file, held, overlapped, closed } = seed(sedna, testInfo)
  await importFile(page, sedna, file)
  const rows = page.getByTestId('stop-sale-row')
  await expect(rows).toHaveCount(5)
  const id = async (firstNight: string) =>
    Number(await rows.filter({ hasText: dmy(firstNight) }).getAttribute('data-id'))
  const [adoptId, overlapId, openId, plainId, blockedId] = [
    await id(night(40)),
    await id(night(60)),
    await id(night(80)),
    await id(night(100)),
    await id(night(50)),
  ]

  await page.getByRole('button', { name: 'Sync all pending (5)' }).click()
  const panel = page.getByTestId('sync-preview')
  await expect(panel).toBeVisible()
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Before sending everything pending')
  const counts = panel.getByTestId('preview-counts')
  await shown(counts, 'create', 'Create in Sedna', 3)
  await shown(counts, 'adopt', 'Already in Sedna (linked, nothing written)', 1)
  await shown(counts, 'update', 'Send again to its Sedna record', 0)
  await shown(counts, 'blocked', 'Cannot be sent yet (a person acts first)', 1)
  await expect(counts.locator('[data-count="reservations"]')).toHaveCount(0)
  // Why the blocked one cannot go, worded from its reason.
  await expect(panel.getByTestId('preview-blocked')).toContainText(`#${blockedId}: `)
  await expect(panel.getByTestId('preview-blocked')).toContainText('TRP')
  // Which Sedna records share nights with which of ours, and the nights, as ranges.
  const overlap = panel.getByTestId('preview-overlap')
  await expect(overlap.locator(`li[data-id="${overlapId}"]`)).toHaveText(
    `#${overlapId} Mandarin Resort — RecId ${overlapped.RecId}: ${dmy(night(63))}–${dmy(night(66))}`,
  )
  // The open-sale over Ayşe's closed nights: the nights it opens.
  await expect(panel.getByTestId('preview-reopen').locator(`li[data-id="${openId}"]`)).toHaveText(
    `#${openId} Mandarin Resort — ${dmy(night(80))}–${dmy(night(82))}`,
  )
  await expect(panel.getByTestId('preview-fresh')).toHaveAttribute('data-fresh', 'true')
  await expect(panel.getByTestId('preview-fresh')).toContainText('Sedna was looked at for these hotels just now')
  // The records with what happens to each; a calendar per hotel at its first month.
  const items = panel.getByTestId('preview-item')
  await expect(items).toHaveCount(5)
  const action = (itemId: number) => items.and(page.locator(`[data-id="${itemId}"]`))
  await expect(action(adoptId)).toHaveAttribute('data-action', 'adopt')
  await expect(action(overlapId)).toHaveAttribute('data-action', 'create')
  await expect(action(openId)).toHaveAttribute('data-action', 'create')
  await expect(action(plainId)).toHaveAttribute('data-action', 'create')
  await expect(action(blockedId)).toHaveAttribute('data-action', 'blocked')
  await expect(action(openId)).toContainText(`${dmy(night(80))}–${dmy(night(85))}`)
  const calendar = panel.getByTestId('preview-calendar-link').filter({ hasText: 'Mandarin Resort' })
  const calendarHref = `#/calendar?hotel=18&month=${night(40).slice(0, 7)}`
  await expect(calendar).toHaveAttribute('href', calendarHref)
  // The safe answer has the focus: Enter alone sends nothing.
  await expect(panel.getByTestId('preview-cancel')).toBeFocused()
  await screenshot(page, testInfo, 'preview.png')

  // Cancel: nothing written, nothing changed.
  const writesBefore = stopSaleWrites(sedna)
  await panel.getByTestId('preview-cancel').click()
  await expect(panel).toHaveCount(0)
  expect(sedna.sim.stopSales()).toHaveLength(3)
  expect(stopSaleWrites(sedna)).toBe(writesBefore)
  await expect(rows.and(page.locator('[data-status="pending"]'))).toHaveCount(5)

  // Again, and Send: exactly the created ones are new in Sedna; the adopted one is linked to Ayşe's.
  await page.getByRole('button', { name: 'Sync all pending (5)' }).click()
  await shown(counts, 'create', 'Create in Sedna', 3)
  await panel.getByRole('button', { name: 'Send these 5' }).click()
  await expect(panel).toHaveCount(0)
  const summary = page.getByTestId('sync-summary')
  await expect(summary.locator('[data-count="synced"]')).toHaveText('Synced 4')
  await expect(summary.locator('[data-count="needsAttention"]')).toHaveText('Needs attention 1')
  const records = sedna.sim.stopSales()
  expect(records).toHaveLength(3 + 3)
  const before = new Set([held.RecId, overlapped.RecId, closed.RecId])
  expect(records.filter((r) => !before.has(r.RecId)).map((r) => [r.BeginDate.slice(0, 10), r.StopType])).toEqual([
    [night(60), 0],
    [night(80), 1],
    [night(100), 0],
  ])
  await expect(rows.filter({ hasText: dmy(night(40)) }).getByTestId('rec-id')).toHaveText(String(held.RecId))
  await screenshot(page, testInfo, 'preview-sent.png')

  // The hotel's calendar after the sync, where the preview's link leads.
  await page.goto(`${sedna.harness.url}${calendarHref}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Mandarin Resort')
  await screenshot(page, testInfo, 'calendar-after-sync.png')
})

test('a record changed after the preview: the send is refused, nothing sent, and "Preview again" shows it now', async ({
  page,
  sedna,
}, testInfo) => {
  await noSchedule(sedna)
  const ctx = sedna.harness.context
  const [first, second] = ctx.services.stopSales.add([
    mandarin({ firstNight: night(30), lastNight: night(31) }),
    mandarin({ firstNight: night(34), lastNight: night(35) }),
  ])
  await page.goto(sedna.harness.url)
  await page.getByRole('button', { name: 'Sync all pending (2)' }).click()
  const panel = page.getByTestId('sync-preview')
  await shown(panel.getByTestId('preview-counts'), 'create', 'Create in Sedna', 2)

  // Meanwhile another window sends one of them.
  expect(await invoke(ctx, 'sync.stopSales', { ids: [first!] })).toMatchObject({ synced: 1 })
  expect(sedna.sim.stopSales()).toHaveLength(1)
  await panel.getByRole('button', { name: 'Send these 2' }).click()
  const changed = panel.getByTestId('preview-changed')
  await expect(changed).toHaveText(
    '1 record changed since the preview (or is gone): nothing was sent. Preview again, then send.',
  )
  await expect(panel.getByTestId('preview-again')).toBeFocused()
  await expect(panel.getByTestId('preview-send')).toHaveCount(0)
  // Said once, in the panel (not again on the page behind it).
  await expect(page.locator('[data-error-code="preview.stale"]')).toHaveCount(0)
  expect(sedna.sim.stopSales()).toHaveLength(1)
  await screenshot(page, testInfo, 'preview-changed.png')

  await panel.getByTestId('preview-again').click()
  await shown(panel.getByTestId('preview-counts'), 'create', 'Create in Sedna', 1)
  await expect(panel.getByTestId('preview-item')).toHaveCount(1)
  await expect(panel.getByTestId('preview-item')).toHaveAttribute('data-id', String(second))
  await panel.getByRole('button', { name: 'Send this one' }).click()
  await expect(page.getByTestId('sync-summary').locator('[data-count="synced"]')).toHaveText('Synced 1')
  expect(sedna.sim.stopSales()).toHaveLength(2)

  // Nothing left: the preview says so and offers no send.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reservations' }).click()
  await page.getByTestId('reservations-sync-all').click()
  await expect(panel.getByTestId('preview-nothing')).toHaveText('Nothing is waiting to be sent.')
  await expect(panel.getByTestId('preview-send')).toHaveCount(0)
  await panel.getByRole('button', { name: 'Close' }).click()
  await expect(panel).toHaveCount(0)
})

test('Sedna unreachable: the preview says so and how old the app’s copy of Sedna is', async ({ page, sedna }) => {
  await noSchedule(sedna)
  sedna.harness.context.services.stopSales.add([mandarin({ firstNight: night(30), lastNight: night(31) })])
  await sedna.sim.close()
  await page.goto(sedna.harness.url)
  await page.getByRole('button', { name: 'Sync all pending (1)' }).click()
  const panel = page.getByTestId('sync-preview')
  const line = panel.getByTestId('preview-fresh')
  await expect(line).toHaveAttribute('data-fresh', 'false')
  await expect(line).toContainText('Sedna could not be read for Mandarin Resort just now')
  await expect(line).toContainText('Sedna not read yet')
  await shown(panel.getByTestId('preview-counts'), 'create', 'Create in Sedna', 1)
  // It can still be sent: it waits in the queue until Sedna answers, as any sync would.
  await panel.getByRole('button', { name: 'Send this one' }).click()
  await expect(page.getByTestId('sync-summary').locator('[data-count="queued"]')).toHaveText('Queued 1')
})

test.describe('in Turkish', () => {
  test.use({ locale: 'tr-TR' })

  test('the panel in Turkish, for all pending and for a selection', async ({ page, sedna }, testInfo) => {
    await noSchedule(sedna)
    const english = watchEnglishOriginals(page)
    const { file, overlapped } = seed(sedna, testInfo)
    await importFile(page, sedna, file)
    await page.getByRole('button', { name: 'Bekleyenlerin hepsini senkronize et (5)' }).click()
    const panel = page.getByTestId('sync-preview')
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Göndermeden önce: bekleyenlerin hepsi')
    const counts = panel.getByTestId('preview-counts')
    await shown(counts, 'create', 'Sedna’da oluşturulacak', 3)
    await shown(counts, 'blocked', 'Henüz gönderilemiyor (önce birinin bakması gerek)', 1)
    await expect(panel.getByTestId('preview-overlap')).toContainText(
      `RecId ${overlapped.RecId}: ${dmy(night(63))}–${dmy(night(66))}`,
    )
    await expect(panel.getByTestId('preview-fresh')).toContainText('Bu oteller için Sedna’ya az önce bakıldı')
    await expect(panel.getByRole('button', { name: 'Bu 5 kaydı gönder' })).toBeVisible()
    expect(await english.check()).toEqual([])
    await screenshot(page, testInfo, 'preview-tr.png')
    await panel.getByRole('button', { name: 'Vazgeç' }).click()

    // "Sync selected" previews the selection only.
    const row = page.getByTestId('stop-sale-row').filter({ hasText: dmy(night(100)) })
    await row.getByRole('checkbox').check()
    await page.getByRole('button', { name: 'Seçilenleri senkronize et (1)' }).click()
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Göndermeden önce: seçilen satış durdurmalar')
    await expect(panel.getByTestId('preview-item')).toHaveCount(1)
    await panel.getByRole('button', { name: 'Bu kaydı gönder' }).click()
    await expect(row).toHaveAttribute('data-status', 'synced')
    await expect(page.getByRole('button', { name: 'Seçilenleri senkronize et (0)' })).toBeDisabled()
    expect(sedna.sim.stopSales()).toHaveLength(4)
    expect(await english.check()).toEqual([])
  })
})
