/**
 * The stop-sale detail in Chromium, against the simulator over real HTTP: fixing an unknown hotel in
 * place (and the choice being remembered for the next stop sale), and a synced stop sale's exact
 * bodies and attempt history.
 */

import { mandarin, stopSaleWrites } from '../support/sync-app'
import { expect, test } from './fixtures'
import { screenshot } from './screenshot'

test('an unknown hotel is fixed in place, synced, and remembered for the next stop sale', async ({
  page,
  sedna,
  consoleErrors,
}, testInfo) => {
  const typo = 'Mandarin Resrt Side'
  const [id] = sedna.harness.context.services.stopSales.add([mandarin({ hotelName: typo })])

  // From the list: Sync parks it, for want of the hotel.
  await page.goto(sedna.harness.url)
  const row = page.getByTestId('stop-sale-row').filter({ hasText: typo })
  await row.getByRole('button', { name: 'Sync' }).click()
  await expect(row).toHaveAttribute('data-status', 'needs_attention')
  expect(sedna.sim.stopSales()).toHaveLength(0)

  // Open the detail: what is unknown, and the picker.
  await row.getByRole('link', { name: typo }).click()
  await expect(page).toHaveURL(new RegExp(`#/stop-sale/${id}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Stop sale #${id}: ${typo}`)
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stop sales' })).toHaveClass(
    'active',
  )
  const status = page.getByTestId('detail-status')
  await expect(status).toHaveAttribute('data-status', 'needs_attention')
  await expect(page.getByTestId('unresolved').locator('li')).toHaveText([
    `Hotel “${typo}” is not known in Sedna (closest: Mandarin Resort).`,
  ])
  await expect(page.getByTestId('payload-phase1')).toHaveAttribute('data-source', 'unavailable')
  await expect(page.getByTestId('payload-phase1')).toContainText(`hotel "${typo}" is not known in Sedna`)
  const attempts = page.getByTestId('attempt')
  await expect(attempts).toHaveCount(1)
  await expect(attempts.first()).toHaveAttribute('data-phase', 'resolve')
  await expect(attempts.first()).toHaveAttribute('data-outcome', 'parked')

  const picker = page.getByTestId('hotel-picker')
  await expect(picker.getByRole('heading')).toHaveText(`Which Sedna hotel is “${typo}”?`)
  await expect(picker).toContainText('Your choice is remembered for this Sedna account')
  const suggestions = picker.getByRole('group', { name: 'Closest matches' })
  // Ranked: the likeliest first.
  await expect(suggestions.getByRole('radio').first()).toHaveAccessibleName(/^Mandarin Resort\b/)
  // The search box finds others (and leaves the suggestions alone).
  await picker.getByRole('searchbox', { name: 'Search all hotels of the Sedna account' }).fill('kemer')
  await expect(picker.getByTestId('hotel-search-results')).toContainText('Kemer Işıklar Resort')
  await screenshot(page, testInfo, 'detail-needs-attention.png')

  await suggestions.getByRole('radio', { name: /^Mandarin Resort\b/ }).check()
  await picker.getByRole('button', { name: 'Use Mandarin Resort' }).click()
  await expect(page.getByTestId('detail-mapped')).toContainText(
    `Remembered: “${typo}” is Mandarin Resort (hotel 18). Nothing else is missing: this stop sale is pending again.`,
  )
  await expect(status).toHaveAttribute('data-status', 'pending')
  await expect(page.getByTestId('fix-in-place')).toHaveCount(0)
  await expect(page.getByTestId('resolution')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('resolved-hotel-id')).toHaveText('18')

  // Sync from the detail: synced, with the RecId the simulator gave it.
  await page.getByTestId('detail-sync').click()
  await expect(status).toHaveAttribute('data-status', 'synced')
  expect(sedna.sim.stopSales()).toHaveLength(1)
  const recId = sedna.sim.stopSales()[0]!.RecId
  await expect(page.getByTestId('detail-rec-id')).toHaveText(String(recId))
  await expect(page.getByTestId('detail-sync-result')).toHaveText(
    new RegExp(`^Synced: Sedna stored it as RecId ${recId}\\.`),
  )
  await expect(page.getByTestId('detail-sync')).toHaveCount(0)
  await expect(page.getByTestId('payload-phase2')).toContainText(`"StopSaleId": ${recId}`)
  await screenshot(page, testInfo, 'detail-fixed-synced.png')

  // Another e-mail from the same hotel, same spelling: synced without asking again.
  const [next] = sedna.harness.context.services.stopSales.add([
    mandarin({
      hotelName: typo,
      firstNight: '2026-02-10',
      lastNight: '2026-02-12',
      sourceMessageId: '<a2@otel.example>',
    }),
  ])
  await page.getByRole('link', { name: '← Back to the stop sales' }).click()
  const nextRow = page.getByTestId('stop-sale-row').filter({ hasText: '10.02.2026' })
  await expect(nextRow).toHaveAttribute('data-status', 'pending')
  await nextRow.getByRole('button', { name: 'Sync' }).click()
  await expect(nextRow).toHaveAttribute('data-status', 'synced')
  expect(sedna.sim.stopSales()).toHaveLength(2)
  expect(sedna.sim.stopSales().map((s) => s.HotelId)).toEqual([18, 18])
  await expect(nextRow.getByTestId('rec-id')).toHaveText(String(sedna.sim.stopSales()[1]!.RecId))
  await screenshot(page, testInfo, 'detail-remembered-list.png')

  await nextRow.getByRole('link', { name: typo }).click()
  await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'synced')
  await expect(page).toHaveURL(new RegExp(`#/stop-sale/${next}$`))
  // Never parked: the look in Sedna before the first send, then the two phases.
  await expect(page.getByTestId('attempt')).toHaveCount(3)
  expect(consoleErrors).toEqual([])
})

test('an unknown room code and board are fixed one after the other', async ({
  page,
  sedna,
  consoleErrors,
}, testInfo) => {
  const [id] = sedna.harness.context.services.stopSales.add([
    mandarin({ roomCodes: ['STDSV', 'FAMILY'], boardCodes: ['ALLINC'] }),
  ])
  const parked = await sedna.harness.context.dispatch('sync.stopSales', { ids: [id!] })
  expect(parked).toMatchObject({ ok: true, value: { needsAttention: 1 } })
  // Parked before any login: the operator id (part of the bodies) is learned by testing the connection.
  const profileId = sedna.harness.context.services.profiles.active()!.id
  expect(await sedna.harness.context.dispatch('profiles.testConnection', { id: profileId })).toMatchObject({ ok: true })

  await page.goto(`${sedna.harness.url}#/stop-sale/${id}`)
  await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'needs_attention')
  await expect(page.getByTestId('unresolved').locator('li')).toHaveText([
    'Room code “FAMILY” is unknown at hotel 18.',
    'Board code “ALLINC” is unknown.',
  ])
  const room = page.getByTestId('room-picker')
  const board = page.getByTestId('board-picker')
  await expect(room).toContainText('later stop sales with room code “FAMILY” at hotel 18 use this room type')
  await expect(board).toContainText('later stop sales with board code “ALLINC” use this board')
  await expect(room.getByRole('button', { name: 'Remember this choice' })).toBeDisabled()
  await room
    .getByRole('combobox', { name: 'Sedna room type for “FAMILY”' })
    .selectOption({ label: 'FAM — Aile Odası (id 1389)' })
  await screenshot(page, testInfo, 'detail-room-and-board.png')
  await room.getByRole('button', { name: 'Remember this choice' }).click()
  // The board is still missing: it keeps waiting, with only the board left to fix.
  await expect(page.getByTestId('detail-mapped')).toContainText('This stop sale still needs something else')
  await expect(page.getByTestId('unresolved').locator('li')).toHaveText(['Board code “ALLINC” is unknown.'])
  await expect(page.getByTestId('room-picker')).toHaveCount(0)
  await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'needs_attention')

  await board
    .getByRole('combobox', { name: 'Sedna board for “ALLINC”' })
    .selectOption({ label: 'AI — All Inclusive (id 1)' })
  await board.getByRole('button', { name: 'Remember this choice' }).click()
  await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'pending')
  await expect(page.getByTestId('resolution')).toContainText('1389')
  await expect(page.getByTestId('payload-phase1')).toHaveAttribute('data-source', 'preview')
  await expect(page.getByTestId('payload-phase2').getByTestId('payload-label')).toHaveText('Preview')
  await expect(page.getByTestId('payload-phase2').locator('pre')).toContainText('"StopSaleId": "<RecId from phase 1>"')

  await page.getByTestId('detail-sync').click()
  await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'synced')
  const [record] = sedna.sim.stopSales()
  expect(sedna.sim.stopSales()).toHaveLength(1)
  await expect(page.getByTestId('payload-phase2').locator('pre')).toContainText(`"StopSaleId": ${record!.RecId}`)
  await expect(page.getByTestId('payload-phase2').locator('pre')).toContainText('"RoomTypeId": 1389')
  expect(consoleErrors).toEqual([])
})

test('a synced stop sale shows both bodies as sent, the look before it and its two requests', async ({
  page,
  sedna,
  consoleErrors,
}, testInfo) => {
  const [id] = sedna.harness.context.services.stopSales.add([mandarin()])
  const summary = await sedna.harness.context.dispatch('sync.stopSales', { ids: [id!] })
  expect(summary).toMatchObject({ ok: true, value: { synced: 1 } })
  const recId = sedna.sim.stopSales()[0]!.RecId
  const sent = stopSaleWrites(sedna.sim).map((r) => JSON.stringify(JSON.parse(r.body), null, 2))

  await page.goto(`${sedna.harness.url}#/stop-sale/${id}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Stop sale #${id}: Mandarin Resort`)
  await expect(page.getByTestId('detail-status')).toHaveText('Synced')
  await expect(page.getByTestId('detail-rec-id')).toHaveText(String(recId))
  const facts = page.getByTestId('imported-facts')
  await expect(facts).toContainText('25.01.2026')
  await expect(facts).toContainText('27.01.2026')
  await expect(facts).toContainText('<a1@otel.example>')
  await expect(facts).toContainText('29.12.2025 09:30:00 (UTC+03:00)')
  await expect(page.getByTestId('resolution')).toContainText('63')

  for (const [i, phase] of (['phase1', 'phase2'] as const).entries()) {
    const payload = page.getByTestId(`payload-${phase}`)
    await expect(payload).toHaveAttribute('data-source', 'sent')
    await expect(payload.getByTestId('payload-label')).toHaveText('As sent')
    await expect(payload.locator('pre')).toHaveText(sent[i]!)
    await expect(payload.locator('pre')).not.toContainText(/password/i)
  }
  await expect(page.getByTestId('payload-phase1').locator('pre')).toContainText('"RecId": 0')
  await expect(page.getByTestId('payload-phase2').locator('pre')).toContainText(`"StopSaleId": ${recId}`)

  // The look in Sedna before the first send (nothing there), then the two phases.
  const attempts = page.getByTestId('attempt')
  await expect(attempts).toHaveCount(3)
  await expect(attempts.nth(0)).toHaveAttribute('data-phase', 'lookup')
  await expect(attempts.nth(0)).toHaveAttribute('data-outcome', 'ok')
  await expect(attempts.nth(1)).toHaveAttribute('data-phase', 'phase1')
  await expect(attempts.nth(1)).toHaveAttribute('data-outcome', 'ok')
  await expect(attempts.nth(2)).toHaveAttribute('data-phase', 'phase2')
  await expect(attempts.nth(2)).toHaveAttribute('data-outcome', 'ok')
  await expect(attempts.nth(1).locator('tr').first()).toContainText('Phase 1')
  await expect(attempts.nth(1).locator('tr').first()).toContainText('OK')
  await expect(attempts.nth(1).locator('tr').first()).toContainText('200')

  // Bodies are folded away until asked for.
  const phase2Bodies = attempts.nth(2).locator('details')
  await expect(phase2Bodies.locator('pre').first()).toBeHidden()
  await phase2Bodies.locator('summary').click()
  await expect(phase2Bodies.locator('pre').first()).toHaveText(sent[1]!)
  await expect(phase2Bodies.locator('pre').nth(1)).toBeVisible()
  await screenshot(page, testInfo, 'detail-synced.png')
  expect(consoleErrors).toEqual([])
})

test('an unknown id says so, with the way back to the list', async ({ page, sedna }, testInfo) => {
  await page.goto(`${sedna.harness.url}#/stop-sale/4242`)
  const error = page.getByTestId('detail-error')
  await expect(error).toHaveAttribute('data-kind', 'not-found')
  await expect(error.getByRole('heading')).toHaveText('Stop sale #4242 was not found')
  await expect(error).toContainText('Stop sale #4242 does not exist')
  await screenshot(page, testInfo, 'detail-not-found.png')
  await error.getByRole('link', { name: '← Back to the stop sales' }).click()
  await expect(page.getByTestId('stop-sales-empty')).toBeVisible()
})

test('when main cannot answer, the detail says so and recovers on retry', async ({ page, sedna }, testInfo) => {
  const [id] = sedna.harness.context.services.stopSales.add([mandarin()])
  let failures = 1
  await page.route('**/__harness/invoke/stopSales.detail', (route) =>
    failures-- > 0
      ? route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            ok: false,
            error: { kind: 'internal', message: 'The database is locked by another program.' },
          }),
        })
      : route.continue(),
  )
  await page.goto(`${sedna.harness.url}#/stop-sale/${id}`)
  const error = page.getByTestId('detail-error')
  await expect(error.getByRole('heading')).toHaveText(`Stop sale #${id} could not be loaded`)
  await expect(error).toContainText('The database is locked by another program.')
  await expect(error.getByRole('link', { name: '← Back to the stop sales' })).toBeVisible()
  await screenshot(page, testInfo, 'detail-error.png')
  await error.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByTestId('detail-status')).toHaveText('Pending')
  // Nothing sent yet: both phases are previews (or say why they cannot be built yet).
  await expect(page.getByTestId('resolution')).toHaveAttribute('data-source', 'resolved-now')
})
