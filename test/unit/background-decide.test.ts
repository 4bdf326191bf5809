/**
 * The background rules (#16) as plain functions: when closing the window asks, hides or quits; what the
 * tray shows; how quitting during a sync goes; how the app registers its start at login. Every message
 * they answer is worded in English and Turkish.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  afterCloseDialog,
  autostartEntry,
  CLOSE_GRACE_MS,
  closeDialog,
  loginItem,
  onWindowClose,
  quitPlan,
  startsHidden,
  trayModel,
} from '../../src/main/background/decide'
import type { BackgroundState } from '../../src/main/background/state'
import type { Message } from '../../src/shared/messages'
import { wordMessage } from '../../src/shared/messages/word'
import { closeActions } from '../../src/shared/settings'

const state = (over: Partial<BackgroundState> = {}): BackgroundState => ({
  waiting: 0,
  pending: 0,
  syncRunning: false,
  connectivity: 'online',
  closeAction: 'ask',
  ...over,
})

const arbState: fc.Arbitrary<BackgroundState> = fc.record({
  waiting: fc.nat({ max: 10_000 }),
  pending: fc.nat({ max: 10_000 }),
  syncRunning: fc.boolean(),
  connectivity: fc.constantFrom('unknown', 'online', 'offline', 'checking', 'credentials-rejected' as const),
  closeAction: fc.constantFrom(...closeActions),
})

/** Worded in both languages from the real resources: a code without wording comes back as the code itself. */
function expectWorded(m: Message) {
  for (const lang of ['en', 'tr'] as const) {
    const text = wordMessage(m, lang)
    expect(text, `${m.code} in ${lang}`).not.toBe(m.code)
    expect(text, `${m.code} in ${lang}`).not.toMatch(/\{\{|\$t\(/)
  }
}

describe('closing the window', () => {
  it.each([
    // waiting, syncRunning, closeAction, quitting → decision
    [0, false, 'ask', false, 'close-now'],
    [0, false, 'background', false, 'close-now'],
    [0, false, 'quit', false, 'close-now'],
    [3, false, 'ask', false, 'ask'],
    [3, false, 'background', false, 'hide-to-background'],
    [3, false, 'quit', false, 'quit'],
    // A sync under way counts as work even when the queue reads empty (its last item in flight).
    [0, true, 'ask', false, 'ask'],
    [0, true, 'background', false, 'hide-to-background'],
    [0, true, 'quit', false, 'quit'],
    // Quitting already (tray's Quit, the OS): never asked again, whatever waits.
    [3, true, 'ask', true, 'close-now'],
    [3, false, 'background', true, 'close-now'],
    [0, false, 'ask', true, 'close-now'],
  ] as const)(
    'waiting %i, sync running %s, choice %s, quitting %s → %s',
    (waiting, syncRunning, closeAction, quitting, decision) => {
      expect(onWindowClose(state({ waiting, syncRunning, closeAction }), quitting)).toBe(decision)
    },
  )

  it('items imported but never asked to be sent do not hold the window open', () => {
    expect(onWindowClose(state({ pending: 40 }), false)).toBe('close-now')
  })

  it('quitting explicitly never asks, and nothing to finish never asks (any state)', () => {
    fc.assert(
      fc.property(arbState, (s) => {
        expect(onWindowClose(s, true)).toBe('close-now')
        if (s.waiting === 0 && !s.syncRunning) expect(onWindowClose(s, false)).toBe('close-now')
        // Asked only when the choice is still open.
        if (onWindowClose(s, false) === 'ask') expect(s.closeAction).toBe('ask')
      }),
    )
  })

  it('the dialog says what waits and offers background first, then quit, with "remember"', () => {
    const d = closeDialog(state({ waiting: 2 }))
    expect(d.detail).toEqual({ code: 'tray.close.waiting', params: { count: 2 } })
    expect(d.buttons).toEqual({ background: { code: 'tray.close.background' }, quit: { code: 'tray.close.quit' } })
    expect(closeDialog(state({ syncRunning: true })).detail).toEqual({ code: 'tray.close.sending' })
    for (const m of [d.title, d.detail, d.buttons.background, d.buttons.quit, d.remember]) expectWorded(m)
    expect(wordMessage(d.detail, 'en')).toBe(
      '2 items still wait to be sent. In the background the app keeps sending them, with a tray icon; if you quit, they are sent the next time the app opens.',
    )
  })

  it.each([
    ['background', true, 'hide-to-background', { closeAction: 'background' }],
    ['background', false, 'hide-to-background', null],
    ['quit', true, 'quit', { closeAction: 'quit' }],
    ['quit', false, 'quit', null],
  ] as const)('the answer %s (remember %s) → %s, saving %o', (choice, remember, decision, save) => {
    expect(afterCloseDialog(choice, remember)).toEqual({ decision, save })
  })

  it('a remembered answer is what the next close does without asking', () => {
    for (const choice of ['background', 'quit'] as const) {
      const { decision, save } = afterCloseDialog(choice, true)
      expect(onWindowClose(state({ waiting: 1, ...save! }), false)).toBe(decision)
    }
  })
})

describe('the tray', () => {
  it.each([
    // connectivity, waiting, pending, running → icon, first tooltip line, Sedna line
    ['online', 0, 0, false, 'ok', { code: 'tray.allSent' }, 'tray.sedna.online'],
    ['online', 5, 0, false, 'waiting', { code: 'tray.waiting', params: { count: 5 } }, 'tray.sedna.online'],
    ['online', 5, 0, true, 'waiting', { code: 'tray.sending', params: { count: 5 } }, 'tray.sedna.online'],
    ['online', 0, 0, true, 'waiting', { code: 'tray.sending', params: { count: 0 } }, 'tray.sedna.online'],
    ['online', 0, 7, false, 'ok', { code: 'tray.notSent', params: { count: 7 } }, 'tray.sedna.online'],
    ['offline', 5, 0, false, 'offline', { code: 'tray.waiting', params: { count: 5 } }, 'tray.sedna.offline'],
    ['offline', 0, 0, false, 'offline', { code: 'tray.allSent' }, 'tray.sedna.offline'],
    [
      'credentials-rejected',
      5,
      0,
      false,
      'attention',
      { code: 'tray.waiting', params: { count: 5 } },
      'tray.sedna.credentialsRejected',
    ],
    ['checking', 1, 0, false, 'waiting', { code: 'tray.waiting', params: { count: 1 } }, 'tray.sedna.checking'],
    ['unknown', 0, 0, false, 'ok', { code: 'tray.allSent' }, 'tray.sedna.checking'],
  ] as const)(
    '%s, waiting %i, pending %i, running %s → icon %s',
    (connectivity, waiting, pending, syncRunning, icon, first, sedna) => {
      const m = trayModel(state({ connectivity, waiting, pending, syncRunning }))
      expect(m.icon).toBe(icon)
      expect(m.tooltip).toEqual([first, { code: sedna }])
    },
  )

  it.each([
    // waiting, pending, running, connectivity → Sync all pending enabled
    [0, 0, false, 'online', false],
    [3, 0, false, 'online', true],
    [0, 3, false, 'online', true],
    [3, 3, true, 'online', false],
    // Offline: pressing it checks Sedna again first, so it stays available.
    [3, 0, false, 'offline', true],
    [0, 2, false, 'credentials-rejected', true],
  ] as const)(
    'waiting %i, pending %i, running %s, %s → Sync all pending enabled: %s',
    (waiting, pending, syncRunning, connectivity, enabled) => {
      const menu = trayModel(state({ waiting, pending, syncRunning, connectivity })).menu
      expect(menu.map((i) => i.id)).toEqual(['open', 'syncAll', 'quit'])
      expect(menu.find((i) => i.id === 'syncAll')).toEqual({
        id: 'syncAll',
        label: { code: 'tray.menu.syncAll', params: { count: waiting + pending } },
        enabled,
      })
      // Open and Quit are always there.
      expect(menu.filter((i) => i.id !== 'syncAll').every((i) => i.enabled)).toBe(true)
    },
  )

  it('every state: Sync all pending only when something could be sent and no sync runs; all worded', () => {
    fc.assert(
      fc.property(arbState, (s) => {
        const m = trayModel(s)
        expect(m.menu[1]!.enabled).toBe(s.waiting + s.pending > 0 && !s.syncRunning)
        // The icon never says all is well while Sedna refuses the login or does not answer.
        if (s.connectivity === 'credentials-rejected' || s.connectivity === 'offline') expect(m.icon).not.toBe('ok')
        for (const line of [...m.tooltip, ...m.menu.map((i) => i.label)]) expectWorded(line)
      }),
      { numRuns: 200 },
    )
  })

  it('words the tooltip with plurals in English and Turkish', () => {
    const m = trayModel(state({ waiting: 1, connectivity: 'offline' }))
    expect(m.tooltip.map((l) => wordMessage(l, 'en'))).toEqual([
      '1 item waits to be sent to Sedna.',
      'Sedna does not answer: sending resumes by itself when it does.',
    ])
    expect(wordMessage(trayModel(state({ waiting: 4 })).tooltip[0], 'tr')).toBe(
      'Sedna’ya gönderilmeyi bekleyen 4 kayıt var.',
    )
  })
})

describe('quitting', () => {
  it('during a sync: nothing new starts, what is in flight gets the grace, the rest stays queued', () => {
    const plan = quitPlan(state({ waiting: 9, syncRunning: true }))
    expect(plan).toEqual({
      stopNewSends: true,
      graceMs: CLOSE_GRACE_MS,
      notice: { code: 'tray.quit.finishing', params: { seconds: 5, count: 9 } },
    })
    expectWorded(plan.notice!)
    expect(quitPlan(state({ syncRunning: true }), 12_500).notice?.params).toEqual({ seconds: 13, count: 0 })
  })

  it('without a sync: quits at once, saying what stays queued (if anything)', () => {
    expect(quitPlan(state({ waiting: 2 }))).toEqual({
      stopNewSends: false,
      graceMs: CLOSE_GRACE_MS,
      notice: { code: 'tray.quit.leftQueued', params: { count: 2 } },
    })
    expectWorded(quitPlan(state({ waiting: 2 })).notice!)
    expect(quitPlan(state()).notice).toBeNull()
  })
})

describe('starting at login', () => {
  it.each([
    [true, 'win32', { kind: 'electron', settings: { openAtLogin: true, args: ['--background'] } }],
    [false, 'win32', { kind: 'electron', settings: { openAtLogin: false, args: [] } }],
    [true, 'darwin', { kind: 'electron', settings: { openAtLogin: true } }],
    [false, 'darwin', { kind: 'electron', settings: { openAtLogin: false } }],
    [true, 'linux', { kind: 'autostart-file', enabled: true, args: ['--background'] }],
    [false, 'linux', { kind: 'autostart-file', enabled: false, args: ['--background'] }],
  ] as const)('startAtLogin %s on %s', (startAtLogin, platform, plan) => {
    expect(loginItem({ startAtLogin }, platform)).toEqual(plan)
  })

  it('starts hidden when started with --background, or opened at login on macOS', () => {
    expect(startsHidden(['/opt/app/sedna', '--background'])).toBe(true)
    expect(startsHidden(['/opt/app/sedna'])).toBe(false)
    expect(startsHidden(['/opt/app/sedna'], true)).toBe(true)
    expect(startsHidden(['/opt/app/sedna', '--backgroundx'])).toBe(false)
  })

  it('writes a Linux autostart entry that quotes a path with spaces and escapes what the format needs', () => {
    expect(autostartEntry('Sedna Stop Sales', '/opt/Sedna Stop Sales/sedna', ['--background'])).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Sedna Stop Sales',
        'Exec="/opt/Sedna Stop Sales/sedna" --background',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    )
    expect(autostartEntry('S', '/home/a$b/100%/x"y', [])).toContain('Exec="/home/a\\\\$b/100%%/x\\\\"y"')
    expect(autostartEntry('S', '/usr/bin/sedna', ['--background'])).toContain('Exec=/usr/bin/sedna --background\n')
  })
})
