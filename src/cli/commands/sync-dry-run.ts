/**
 * `sync --all --dry-run` and `sync ID… --dry-run`: the preview of a sync (main/preview, `sync.preview`) —
 * what it would create, adopt from Sedna, update, overlap or open again — with nothing sent. --json puts
 * the issue's keys first ({ create, adopt, overlap, reopen }), then the rest of the preview.
 */
import type { SyncPreview } from '../../shared/contracts/calendar'
import type { MessageLanguage } from '../../shared/messages/word'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { EXIT } from '../errors'
import { table, type CommandResult } from '../output'
import { stopSaleIds } from '../validate'

/** A night as staff read it: YYYY-MM-DD, dd.MM.yyyy in Turkish. */
const dayIn = (d: string, lang: MessageLanguage) =>
  lang === 'tr' ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : d

/** Consecutive nights as ranges: 2026-01-25..2026-01-27, 2026-02-01. */
export function nightRanges(nights: readonly string[], lang: MessageLanguage): string {
  const shown = (d: string) => dayIn(d, lang)
  const next = (d: string) => {
    const t = new Date(`${d}T00:00:00Z`)
    t.setUTCDate(t.getUTCDate() + 1)
    return t.toISOString().slice(0, 10)
  }
  const ranges: string[] = []
  let start: string | undefined
  let end = ''
  for (const d of [...nights].sort()) {
    if (start !== undefined && d === next(end)) {
      end = d
      continue
    }
    if (start !== undefined) ranges.push(start === end ? shown(start) : `${shown(start)}..${shown(end)}`)
    start = end = d
  }
  if (start !== undefined) ranges.push(start === end ? shown(start) : `${shown(start)}..${shown(end)}`)
  return ranges.join(', ')
}

const en = {
  summary: (p: SyncPreview) =>
    `Dry run: nothing was sent. A sync would ${[
      `create ${p.create}`,
      `adopt ${p.adopt} already in Sedna (nothing written for ${p.adopt === 1 ? 'it' : 'them'})`,
      p.update ? `send ${p.update} again on ${p.update === 1 ? 'its' : 'their'} RecId` : '',
    ]
      .filter(Boolean)
      .join(', ')}${p.blocked ? `; ${p.blocked} ${p.blocked === 1 ? 'waits' : 'wait'} for a person` : ''}.`,
  nothing: 'Dry run: nothing would be sent (no stop sale is pending).',
  kind: (kind: 'close' | 'open'): string => (kind === 'close' ? 'Stop sale' : 'Open sale'),
  overlapHeading: 'Overlaps with what Sedna holds:',
  overlap: (what: string, nights: string, recIds: string) => `  ${what} shares ${nights} with Sedna record ${recIds}.`,
  reopenHeading: 'Nights opened again (closed in Sedna now):',
  reopen: (what: string, nights: string) => `  ${what} opens ${nights}.`,
  blockedHeading: 'Waiting for a person (not sent):',
  reservations: (n: number) => `${n} pending reservation${n === 1 ? '' : 's'} would be sent too.`,
  mirrored: (at: string | null) => `What Sedna holds was read from the app's copy${at ? ` of ${at}` : ''}.`,
  action: { create: 'create', adopt: 'adopt', update: 'update', blocked: 'blocked' } as Record<string, string>,
}

const tr: typeof en = {
  summary: (p) =>
    `Önizleme: hiçbir şey gönderilmedi. Senkronizasyon ${[
      `${p.create} kayıt oluşturur`,
      `Sedna'da zaten olan ${p.adopt} kaydı bağlar (${p.adopt === 1 ? 'onun' : 'onlar'} için hiçbir şey yazılmaz)`,
      p.update ? `${p.update} kaydı kendi RecId'si üzerine yeniden gönderir` : '',
    ]
      .filter(Boolean)
      .join(', ')}${p.blocked ? `; ${p.blocked} kayıt bir kişinin kararını bekliyor` : ''}.`,
  nothing: 'Önizleme: gönderilecek bir şey yok (bekleyen stop sale yok).',
  kind: (kind) => (kind === 'close' ? 'Stop sale' : 'Satışa açma'),
  overlapHeading: "Sedna'daki kayıtlarla çakışanlar:",
  overlap: (what, nights, recIds) => `  ${what}, ${recIds} numaralı Sedna kaydıyla ${nights} gecelerinde çakışıyor.`,
  reopenHeading: "Yeniden satışa açılacak geceler (şu an Sedna'da kapalı):",
  reopen: (what, nights) => `  ${what}: ${nights}.`,
  blockedHeading: 'Bir kişinin kararını bekleyenler (gönderilmez):',
  reservations: (n) => `Bekleyen ${n} rezervasyon da gönderilir.`,
  mirrored: (at) => `Sedna'daki kayıtlar uygulamadaki kopyadan okundu${at ? ` (${at})` : ''}.`,
  action: { create: 'oluştur', adopt: 'bağla', update: 'güncelle', blocked: 'bekliyor' },
}

export async function syncDryRun(cli: CliContext, args: ParsedArgs): Promise<CommandResult> {
  cli.activeProfile()
  const p = await cli.call('sync.preview', args.options.all === true ? {} : { ids: stopSaleIds(args.positionals) })
  const w = cli.lang === 'tr' ? tr : en
  const byId = new Map(p.items.map((i) => [i.id, i]))
  const what = (id: number) => {
    const item = byId.get(id)!
    return `${w.kind(item.kind)} #${id} (${item.hotelName})`
  }

  const lines = [p.items.length || p.reservations.length ? w.summary(p) : w.nothing]
  if (!p.fresh) lines.push(cli.say(p.notice), w.mirrored(p.mirrorPulledAt))
  if (p.items.length) {
    lines.push(
      table(
        ['ID', 'ACTION', 'HOTEL', 'NIGHTS', 'RECID'],
        p.items.map((i) => [
          i.id,
          w.action[i.action],
          i.hotelName,
          i.firstNight === i.lastNight
            ? dayIn(i.firstNight, cli.lang)
            : `${dayIn(i.firstNight, cli.lang)}..${dayIn(i.lastNight, cli.lang)}`,
          i.recId,
        ]),
        80,
      ),
    )
  }
  if (p.overlap.length) {
    lines.push(w.overlapHeading)
    for (const o of p.overlap) lines.push(w.overlap(what(o.id), nightRanges(o.nights, cli.lang), o.recIds.join(', ')))
  }
  if (p.reopen.length) {
    lines.push(w.reopenHeading)
    for (const r of p.reopen) lines.push(w.reopen(what(r.id), nightRanges(r.nights, cli.lang)))
  }
  const blocked = p.items.filter((i) => i.action === 'blocked')
  if (blocked.length) {
    lines.push(w.blockedHeading)
    for (const b of blocked) lines.push(`  ${what(b.id)}: ${cli.say(b.reason)}`)
  }
  if (p.reservations.length) lines.push(w.reservations(p.reservations.length))

  const { create, adopt, overlap, reopen, update, blocked: blockedCount, fresh, ...rest } = p
  return {
    exitCode: EXIT.ok,
    json: {
      create,
      adopt,
      overlap,
      reopen,
      update,
      blocked: blockedCount,
      fresh,
      ...rest,
      notice: cli.say(rest.notice) || null,
      noticeCode: rest.notice?.code ?? null,
      items: p.items.map((i) => ({ ...i, reason: cli.say(i.reason) || null, reasonCode: i.reason?.code ?? null })),
    },
    text: lines.join('\n'),
  }
}
