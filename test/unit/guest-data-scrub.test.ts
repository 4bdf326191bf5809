/** How stored requests, answers and texts lose the guests' personal data (guest-data-scrub.ts). */
import { describe, expect, it } from 'vitest'
import { anonymousGuest, scrubberFor, scrubInvalidReason } from '../../src/main/services/guest-data-scrub'
import type { ReservationGuest } from '../../src/shared/reservations'

const guests: ReservationGuest[] = [
  {
    title: 'Mrs',
    titleAsReceived: 'Bayan',
    firstName: 'Ayşe Nur',
    lastName: 'Işıkoğlu-Demir',
    birthDate: '1985-07-09',
    passportNo: 'U 1234567',
    nationality: 'Türkiye',
  },
  {
    title: 'Chd',
    titleAsReceived: null,
    firstName: 'Ali',
    lastName: 'Işıkoğlu',
    birthDate: null,
    passportNo: null,
    nationality: null,
  },
]
const scrub = scrubberFor(guests)

describe('scrubbing guests’ personal data', () => {
  it('a guest keeps only what is not personal', () => {
    expect(anonymousGuest(guests[0]!)).toEqual({
      title: 'Mrs',
      titleAsReceived: 'Bayan',
      firstName: '',
      lastName: '',
      birthDate: null,
      passportNo: null,
      nationality: 'Türkiye',
    })
  })

  it('JSON bodies lose personal fields wherever they are, and mentions of these guests in other fields', () => {
    const body = JSON.stringify({
      Data: [
        {
          RecId: 9,
          Voucher: 'V1',
          Hotel: { Name: 'Mandarin Resort' },
          Customers: [
            {
              Title: 'Mrs',
              Name: 'AYŞE NUR',
              Surname: 'IŞIKOĞLU-DEMIR',
              DateOfBirth: '1985-07-09T00:00:00',
              PassSerial: 'U',
              Age: 40,
            },
            { Title: 'Chd', first_name: 'ALI', Email: 'ali@example.com', Phone: '+90 555', Nationality: 'TURKIYE' },
          ],
          Remark:
            'Lead: IŞIKOĞLU-DEMIR AYŞE NUR, born 1985-07-09T00:00:00, passport U 1234567. Ali Bey Club next year.',
        },
      ],
    })
    expect(JSON.parse(scrub.body(body)!)).toEqual({
      Data: [
        {
          RecId: 9,
          Voucher: 'V1',
          Hotel: { Name: 'Mandarin Resort' },
          Customers: [
            { Title: 'Mrs', Age: 40 },
            { Title: 'Chd', Nationality: 'TURKIYE' },
          ],
          Remark: 'Lead: *** *** ***, born ***:00:00, passport U ***. *** Bey Club next year.',
        },
      ],
    })
  })

  it('text that is not JSON loses the mentions (names as received or upper-cased, passport, birth date)', () => {
    expect(scrub.body('<html>Customer Işıkoğlu-Demir, Ayşe Nur (U 1234567, 1985-07-09) already exists</html>')).toBe(
      '<html>Customer ***, *** *** (U ***, ***) already exists</html>',
    )
    expect(scrub.text('Sedna: IŞIKOĞLU ALI')).toBe('Sedna: *** ***')
    // A name inside a dash-joined word goes; other words, and one-letter ones, stay.
    expect(scrub.text('Demir-Yılmaz hotel U2 Ali-Riza')).toBe('***-Yılmaz hotel U2 ***-Riza')
  })

  it('keeps the bytes of a body with nothing to remove', () => {
    const body = '[ {"ErrorType":0, "Message":null, "RecId":500001} ]'
    expect(scrub.body(body)).toBe(body)
    expect(scrubberFor([]).body(body)).toBe(body)
    expect(scrub.body(null)).toBeNull()
  })

  it('an invalid import row’s reason loses the values it quotes', () => {
    expect(
      scrubInvalidReason(
        'Guest 1 is not an object (text "Ayşe Işıkoğlu"). Guest 2: birth date 2031-02-01 is after check-in.',
      ),
    ).toBe('Guest 1 is not an object (text (removed)). Guest 2: birth date (removed) is after check-in.')
  })
})
