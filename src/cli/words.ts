/**
 * The command line's own words around main's messages (summary lines, headings), in English and
 * Turkish; main's messages themselves are worded from src/shared/messages (cli.say). Machine-readable
 * things — column names of tables, statuses, --json keys — stay as they are in both languages.
 */
import type { MessageLanguage } from '../shared/messages/word'
import type { SyncKindCounts } from '../shared/sync'

type Counts = Omit<SyncKindCounts, 'cancelled'> & { cancelled?: number }

const en = {
  counts: (c: Counts) =>
    `${c.synced} synced, ${c.failed} failed, ${c.queued} queued, ${c.needsAttention} need attention, ${c.needsReview} need review` +
    (c.cancelled ? `, ${c.cancelled} cancelled` : ''),
  sedna: (state: string) => `Sedna: ${state}`,
  perKind: (stops: string, reservations: string) => `Stop sales: ${stops}. Reservations: ${reservations}.`,
  reservationsHeading: 'Reservations:',
  nothingToSend: 'Nothing to send: nothing was pending or queued.',
  nothingReservationsToSend: 'Nothing to send: no reservation was pending or queued.',
  queueEmpty: 'Nothing to send: the queue is empty.',
  staysQueued: (what: string, n: number) =>
    `${what} ${n === 1 ? 'stays' : 'stay'} queued: the next "sync --all" or "queue --flush" sends ${n === 1 ? 'it' : 'them'} (so does the app while it runs).`,
  stopSales: (n: number) => `${n} stop sale${n === 1 ? '' : 's'}`,
  reservations: (n: number) => `${n} reservation${n === 1 ? '' : 's'}`,
  and: ' and ',
  waiting: (what: string, next: string | null) => `${what} waiting to be sent${next ? `; next due ${next}` : ''}.`,
  nothingWaits: 'Nothing waits to be sent.',
  parked: (what: 'stopSales' | 'reservations', p: { needsAttention: number; needsReview: number; failed: number }) =>
    `${what === 'stopSales' ? 'Stop sales' : 'Reservations'} not in the queue, waiting for a person: ${p.needsAttention} need attention, ${p.needsReview} need review, ${p.failed} failed (${what === 'stopSales' ? '"list --status needs_attention"' : '"reservations list --status needs_attention"'}).`,
  problem: (kind: 'stopSale' | 'reservation', id: number, label: string, text: string) =>
    `${kind === 'stopSale' ? 'Stop sale' : 'Reservation'} #${id} (${label}): ${text}`,
  reservationLine: (id: number, voucher: string, status: string, text: string) =>
    `Reservation #${id} (voucher ${voucher}): ${status}. ${text}`,
  cancelStaysQueued:
    'The cancellation stays queued: the next "sync --all" or "queue --flush" sends it (so does the app while it runs).',
  sending: (done: number, total: number, synced: number) => `sending: ${done}/${total} done, ${synced} synced   `,
}

const tr: typeof en = {
  counts: (c) =>
    `${c.synced} gönderildi, ${c.failed} başarısız, ${c.queued} kuyrukta, ${c.needsAttention} eşleştirme bekliyor, ${c.needsReview} kontrol bekliyor` +
    (c.cancelled ? `, ${c.cancelled} iptal edildi` : ''),
  sedna: (state) =>
    `Sedna: ${({ online: 'bağlı', offline: 'ulaşılamıyor', unknown: 'denetlenmedi', checking: 'denetleniyor', 'credentials-rejected': 'giriş reddedildi' } as Record<string, string>)[state] ?? state}`,
  perKind: (stops, reservations) => `Stop sale'ler: ${stops}. Rezervasyonlar: ${reservations}.`,
  reservationsHeading: 'Rezervasyonlar:',
  nothingToSend: 'Gönderilecek bir şey yok: bekleyen ya da kuyrukta kayıt yoktu.',
  nothingReservationsToSend: 'Gönderilecek bir şey yok: bekleyen ya da kuyrukta rezervasyon yoktu.',
  queueEmpty: 'Gönderilecek bir şey yok: kuyruk boş.',
  staysQueued: (what) =>
    `${what} kuyrukta kalıyor: bir sonraki "sync --all" ya da "queue --flush" gönderir (uygulama açıkken o da gönderir).`,
  stopSales: (n) => `${n} stop sale`,
  reservations: (n) => `${n} rezervasyon`,
  and: ' ve ',
  waiting: (what, next) => `${what} gönderilmeyi bekliyor${next ? `; sıradaki deneme ${next}` : ''}.`,
  nothingWaits: 'Gönderilmeyi bekleyen kayıt yok.',
  parked: (what, p) =>
    `${what === 'stopSales' ? "Kuyrukta olmayan, bir kişiyi bekleyen stop sale'ler" : 'Kuyrukta olmayan, bir kişiyi bekleyen rezervasyonlar'}: ${p.needsAttention} eşleştirme bekliyor, ${p.needsReview} kontrol bekliyor, ${p.failed} başarısız (${what === 'stopSales' ? '"list --status needs_attention"' : '"reservations list --status needs_attention"'}).`,
  problem: (kind, id, label, text) => `${kind === 'stopSale' ? 'Stop sale' : 'Rezervasyon'} #${id} (${label}): ${text}`,
  reservationLine: (id, voucher, status, text) => `Rezervasyon #${id} (voucher ${voucher}): ${status}. ${text}`,
  cancelStaysQueued:
    'İptal kuyrukta kalıyor: bir sonraki "sync --all" ya da "queue --flush" gönderir (uygulama açıkken o da gönderir).',
  sending: (done, total, synced) => `gönderiliyor: ${done}/${total} bitti, ${synced} gönderildi   `,
}

export const cliWords = (lang: MessageLanguage) => (lang === 'tr' ? tr : en)
export type CliWords = typeof en
