/**
 * A reservation's guests as the file lists them → Sedna's customers: names checked, titles made Sedna's
 * (Mr, Mrs, Chd, Inf, Grp), a child or an infant told by the birth date when no title is given.
 */
import type { ReservationGuest } from '../../../shared/reservations'
import type { SednaTitle } from '../../../shared/reservation-basics'
import { message, type Message } from '../../../shared/messages'
import { foldName } from '../../reference/hotel-matching'
import { isPlainObject, normaliseKeys, pick, readDate, valueParams } from './record-values'
import { ageOn } from '../../../shared/reservation-basics'

export { ageOn }

const GUEST_ALIASES = {
  title: ['title', 'salutation'],
  firstName: ['first_name', 'firstname', 'given_name', 'name'],
  lastName: ['last_name', 'lastname', 'surname', 'family_name'],
  birthDate: ['birth_date', 'birthdate', 'date_of_birth', 'dob'],
  passportNo: ['passport_no', 'passport', 'passport_number', 'pass_no'],
  nationality: ['nationality', 'country'],
} as const

/**
 * Sedna's titles (VENDOR: Mr, Mrs, Grp, Chd, Inf) from what vouchers write. Ms/Miss/Mme have no Sedna
 * equivalent but Mrs (GUESS); "Mstr" (Master) is a boy: Chd.
 */
const TITLES: Record<string, SednaTitle> = {
  mr: 'Mr',
  mister: 'Mr',
  bay: 'Mr',
  herr: 'Mr',
  monsieur: 'Mr',
  sr: 'Mr',
  mrs: 'Mrs',
  ms: 'Mrs',
  miss: 'Mrs',
  mme: 'Mrs',
  madam: 'Mrs',
  bayan: 'Mrs',
  frau: 'Mrs',
  sra: 'Mrs',
  chd: 'Chd',
  child: 'Chd',
  cocuk: 'Chd',
  kid: 'Chd',
  mstr: 'Chd',
  master: 'Chd',
  inf: 'Inf',
  infant: 'Inf',
  baby: 'Inf',
  bebek: 'Inf',
  grp: 'Grp',
}
/** Ages (at check-in) below which a guest without a title is an infant or a child (GUESS: hotels vary). */
export const INFANT_BELOW = 2
export const CHILD_BELOW = 12

/** The guests, or null (with the problems pushed to `errors`) when there are none to read. */
export function readGuests(value: unknown, checkIn: string | null, errors: Message[]): ReservationGuest[] | null {
  if (value === undefined) {
    errors.push(message('reservationRow.noGuests'))
    return null
  }
  if (!Array.isArray(value)) {
    errors.push(message('reservationRow.guestsNotList', valueParams(value)))
    return null
  }
  if (value.length === 0) {
    errors.push(message('reservationRow.noGuests'))
    return null
  }
  const guests: ReservationGuest[] = []
  value.forEach((raw, i) => {
    const guest = i + 1
    if (!isPlainObject(raw)) {
      errors.push(message('reservationRow.guestNotObject', { guest, ...valueParams(raw) }))
      return
    }
    const g = normaliseKeys(raw)
    const str = (field: Exclude<keyof typeof GUEST_ALIASES, 'birthDate'>, max: number): string | null => {
      const v = pick(g, GUEST_ALIASES[field])
      if (v === undefined) return null
      if (typeof v !== 'string' && typeof v !== 'number') {
        errors.push(message('reservationRow.guestFieldNotText', { guest, field, ...valueParams(v) }))
        return null
      }
      const s = String(v).trim().replace(/\s+/g, ' ')
      if (s.length > max) {
        errors.push(message('reservationRow.guestFieldTooLong', { guest, field, max }))
        return null
      }
      return s
    }
    const firstName = str('firstName', 100)
    const lastName = str('lastName', 100)
    if (!firstName) errors.push(message('reservationRow.guestNoFirstName', { guest }))
    if (!lastName) errors.push(message('reservationRow.guestNoLastName', { guest }))
    const rawBirth = pick(g, GUEST_ALIASES.birthDate)
    let birthDate: string | null = null
    if (rawBirth !== undefined) {
      birthDate = typeof rawBirth === 'string' ? (readDate(rawBirth) ?? null) : null
      if (!birthDate) errors.push(message('reservationRow.guestBirthNotDate', { guest, ...valueParams(rawBirth) }))
      else if (checkIn && birthDate > checkIn)
        errors.push(message('reservationRow.guestBornAfterCheckIn', { guest, birthDate }))
    }
    const titleAsReceived = str('title', 30)
    let title: SednaTitle | undefined
    if (titleAsReceived !== null) {
      title = TITLES[foldName(titleAsReceived).replace(/ /g, '')]
      if (!title) errors.push(message('reservationRow.guestUnknownTitle', { guest, title: titleAsReceived }))
    } else if (birthDate && checkIn) {
      const age = ageOn(birthDate, checkIn)
      if (age < INFANT_BELOW) title = 'Inf'
      else if (age < CHILD_BELOW) title = 'Chd'
      else errors.push(message('reservationRow.guestNoAdultTitle', { guest }))
    } else if (!birthDate) {
      errors.push(message('reservationRow.guestNoTitle', { guest }))
    }
    if (firstName && lastName && title) {
      guests.push({
        title,
        titleAsReceived,
        firstName,
        lastName,
        birthDate,
        passportNo: str('passportNo', 50),
        nationality: str('nationality', 100),
      })
    }
  })
  return guests
}
