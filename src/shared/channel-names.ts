/**
 * The contract's call and event names without the contract: the preload's allowlist. The preload is
 * sandboxed, so it is bundled into one file, and importing ipc.ts would carry zod into it (232 KB).
 * A name added to ipc.ts and not here is a type error below (and test/unit/channel-names.test.ts
 * compares both lists with the contract).
 */
import type { CallName, EventName } from './ipc'

export const callNames = [
  'app.info',
  'stopSales.list',
  'stopSales.get',
  'stopSales.detail',
  'stopSales.attempts',
  'mappings.setHotel',
  'mappings.setRoom',
  'mappings.setBoard',
  'mappings.setNationality',
  'import.preview',
  'import.rows',
  'import.commit',
  'import.discard',
  'files.chooseImport',
  'sync.stopSales',
  'sync.reservations',
  'sync.allPending',
  'sync.status',
  'sync.stopAfterCurrent',
  'sync.retryNow',
  'queue.list',
  'queue.tryNow',
  'profiles.list',
  'profiles.save',
  'profiles.createDemo',
  'profiles.activate',
  'profiles.delete',
  'profiles.testConnection',
  'reference.status',
  'reference.refresh',
  'reference.hotels',
  'reference.roomTypes',
  'reference.boards',
  'reference.countries',
  'reservations.list',
  'reservations.get',
  'reservations.detail',
  'reservations.attempts',
  'reservations.cancel',
  'reservations.sendAnyway',
  'reservationImport.preview',
  'reservationImport.rows',
  'reservationImport.commit',
  'reservationImport.discard',
  'settings.get',
  'settings.save',
  'backups.list',
  'backups.create',
  'backups.restore',
  'mirror.pull',
  'mirror.status',
  'stopSales.acceptSedna',
  'stopSales.sendOursAgain',
  'stopSales.reconcile',
  'calendar.get',
  'sync.preview',
  'sync.sendPreviewed',
  'diagnostics.export',
  'diagnostics.save',
  'updates.status',
  'updates.check',
  'updates.download',
] as const satisfies readonly CallName[]

export const eventNames = [
  'stopSales.changed',
  'reservations.changed',
  'sync.progress',
  'import.progress',
  'profiles.changed',
  'reference.changed',
  'connectivity.changed',
  'settings.changed',
  'data.restored',
  'mirror.progress',
  'mirror.changed',
  'updates.changed',
] as const satisfies readonly EventName[]

/** A call or event of the contract missing above: the type error names it ("Property 'x' is missing"). */
export const unlistedNames: Record<
  Exclude<CallName, (typeof callNames)[number]> | Exclude<EventName, (typeof eventNames)[number]>,
  true
> = {}

const calls: ReadonlySet<string> = new Set(callNames)
const events: ReadonlySet<string> = new Set(eventNames)
export const isCallName = (name: unknown): name is CallName => typeof name === 'string' && calls.has(name)
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && events.has(name)
