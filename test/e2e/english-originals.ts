/**
 * For journeys in Turkish: the English originals that must not show on a screen. Main's answers to the
 * page are watched, and every coded message they carry (`{ code, params }`) is worded in English with
 * the same wording the command line uses; so is every English `message` that comes with a code (an
 * error, an import note, a profile warning). Added to those: every fragment of the renderer's own
 * English strings (its `en.ts`, main's messages included) long enough to be unmistakable, where the
 * Turkish says something else.
 */
import type { Page } from '@playwright/test'
import { wordMessage } from '../../src/shared/messages/word'
import { en } from '../../src/renderer/src/i18n/en'
import { tr } from '../../src/renderer/src/i18n/tr'

type Tree = { [key: string]: string | Tree }

/** Pieces of an English string between its {{params}} and $t(…) nestings. */
const fragments = (text: string) => text.split(/\{\{[^}]*\}\}|\$t\([^)]*\)/).map((f) => f.trim())

function rendererOriginals(): string[] {
  const out: string[] = []
  const walk = (english: Tree, turkish: Tree) => {
    for (const [key, value] of Object.entries(english)) {
      const other = turkish[key]
      if (typeof value === 'string') {
        if (typeof other !== 'string' || other === value) continue
        // Long enough not to be a word both languages share (a code, a name, "Sedna RecId").
        for (const f of fragments(value)) if (f.length >= 15 && f.includes(' ') && !other.includes(f)) out.push(f)
      } else if (typeof other === 'object') walk(value, other)
    }
  }
  walk(en as unknown as Tree, tr as unknown as Tree)
  return out
}

export interface SeenMessage {
  code: string
  params?: Record<string, string | number>
}

/** Starts watching the page's calls; `check()` answers the English originals found in the page's text. */
export function watchEnglishOriginals(page: Page) {
  const messages = new Map<string, SeenMessage>()
  const englishTexts = new Set<string>()
  const pending = new Set<Promise<void>>()
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(collect)
    if (value === null || typeof value !== 'object') return
    const o = value as Record<string, unknown>
    if (typeof o.code === 'string' && (o.params === undefined || typeof o.params === 'object')) {
      const m: SeenMessage = o.params
        ? { code: o.code, params: o.params as Record<string, string | number> }
        : { code: o.code }
      messages.set(JSON.stringify(m), m)
      // An error, an import note or a profile warning brings its English along.
      if (typeof o.message === 'string') englishTexts.add(o.message)
    }
    Object.values(o).forEach(collect)
  }
  page.on('response', (res) => {
    if (!res.url().includes('/__harness/invoke/')) return
    const done = res
      .json()
      .then(collect, () => undefined)
      .finally(() => pending.delete(done))
    pending.add(done)
  })
  const renderer = rendererOriginals()

  /** English worded from what main sent, where the Turkish wording differs. */
  const fromMain = () => {
    const out: Array<{ code: string; english: string }> = []
    for (const m of messages.values()) {
      const english = wordMessage(m, 'en')
      if (english !== m.code && english !== wordMessage(m, 'tr')) out.push({ code: m.code, english })
    }
    return out
  }

  return {
    /** The coded messages main sent so far. */
    seen: () => [...messages.values()],
    /** Every English original on the page now, with where it comes from. */
    async check(): Promise<string[]> {
      await Promise.all([...pending])
      const text = await page.locator('body').innerText()
      return [
        ...fromMain()
          .filter((m) => text.includes(m.english))
          .map((m) => `${m.code}: ${m.english}`),
        ...[...englishTexts].filter((s) => s.length > 0 && text.includes(s)).map((s) => `message: ${s}`),
        ...renderer.filter((f) => text.includes(f)).map((f) => `renderer: ${f}`),
      ]
    },
  }
}
