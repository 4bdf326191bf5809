/** The InsertReservation body builder and the reservation reader's pure helpers. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildReservationPayload, sednaName } from '../../src/main/sedna/reservation-payload'
import {
  ageOn,
  canonicalizeReservation,
  fieldKey,
  readAmount,
  reservationDedupeKey,
} from '../../src/main/reservations/import/parse'

const samples = join(import.meta.dirname, '../../../shared/samples/sedna-requests')
const vendor = (name: string) => JSON.parse(readFileSync(join(samples, name), 'utf8')) as Record<string, unknown>[]
const VENDOR_FILES = [
  'vendor_InsertReservation.request.json',
  'vendor_InsertReservationTEST.request.json',
  'vendor_TEST.request.json',
  'vendor_1Vocuher2Oda.request.json',
]

const resolved = {
  ok: true as const,
  hotelId: 28,
  roomTypeId: 133,
  boardId: 1,
  roomCode: 'DBL',
  boardCode: 'AI',
  nationalities: [{ value: 'UA', countryId: 79, name: 'UKRAYNA' }],
}
const reservation = {
  sourceId: 'R7-a1b2c3',
  voucherNo: '54',
  checkIn: '2024-09-05',
  checkOut: '2024-09-10',
  adults: 1,
  children: 2,
  totalPrice: 667.8,
  currency: 'EUR',
  saleDate: '2024-06-08',
  guests: [
    {
      title: 'Mrs' as const,
      titleAsReceived: 'Ms',
      firstName: 'Kseniia',
      lastName: 'Tsenova',
      birthDate: null,
      passportNo: 'FU022013',
      nationality: 'UA',
    },
    {
      title: 'Inf' as const,
      titleAsReceived: null,
      firstName: 'mykola',
      lastName: 'tsenov',
      birthDate: '2023-09-12',
      passportNo: null,
      nationality: null,
    },
  ],
}

describe('InsertReservation body', () => {
  it('is an array of one room, with only field names the vendor samples use', () => {
    const body = buildReservationPayload(reservation, resolved, 571)
    expect(Array.isArray(body)).toBe(true)
    expect(body).toHaveLength(1)
    const roomKeys = new Set(VENDOR_FILES.flatMap((f) => vendor(f).flatMap((room) => Object.keys(room))))
    const customerKeys = new Set(
      VENDOR_FILES.flatMap((f) =>
        vendor(f).flatMap((room) => (room.Customers as Record<string, unknown>[]).flatMap((c) => Object.keys(c))),
      ),
    )
    const room = body[0]!
    expect(Object.keys(room).filter((k) => !roomKeys.has(k))).toEqual([])
    for (const c of room.Customers) expect(Object.keys(c).filter((k) => !customerKeys.has(k))).toEqual([])
    // The vendor's own first sample, field for field where the app has the same facts.
    const sample = vendor('vendor_InsertReservation.request.json')[0]!
    expect(room).toMatchObject({
      Voucher: sample.Voucher,
      CheckinDate: sample.CheckinDate,
      CheckOutDate: sample.CheckOutDate,
      HotelId: sample.HotelId,
      OperatorId: sample.OperatorId,
      Adult: sample.Adult,
      Child: sample.Child,
      BoardId: sample.BoardId,
      RoomTypeId: sample.RoomTypeId,
      SaleDate: sample.SaleDate,
      IsReservationChanged: false,
      SourceId: 'R7-a1b2c3',
      Amount: 667.8,
      CurrencyRemark: 'EUR',
    })
    expect(room.Customers).toEqual([
      {
        Title: 'Mrs',
        FirstName: 'KSENIIA',
        LastName: 'TSENOVA',
        PassNo: 'FU022013',
        Nationality: 'UKRAYNA',
        NationalityId: 79,
        SourceId: 'R7-a1b2c3-1',
      },
      {
        Title: 'Inf',
        FirstName: 'MYKOLA',
        LastName: 'TSENOV',
        BirthDate: '2023-09-12',
        Age: 0,
        SourceId: 'R7-a1b2c3-2',
      },
    ])
    // The same input gives the same bytes (a retry sends exactly what was sent).
    expect(JSON.stringify(buildReservationPayload(reservation, resolved, 571))).toBe(JSON.stringify(body))
  })

  it('upper-cases names without the Turkish dotted capital (i → I, never İ)', () => {
    expect(sednaName('  jane   smith ')).toBe('JANE SMITH')
    expect(sednaName('Çağrı Işık')).toBe('ÇAĞRI IŞIK')
  })
})

describe('reading parsed reservations', () => {
  it('matches field names loosely and keys a booking by voucher and source e-mail', () => {
    expect(['voucherNo', 'Voucher No', 'voucher-no', 'VOUCHER_NO'].map(fieldKey)).toEqual(Array(4).fill('voucher_no'))
    expect(reservationDedupeKey({ voucherNo: 'jun2024001', sourceEmailId: '310' })).toBe(
      reservationDedupeKey({ voucherNo: 'JUN2024001', sourceEmailId: '310' }),
    )
    expect(reservationDedupeKey({ voucherNo: 'A', sourceEmailId: '1' })).not.toBe(
      reservationDedupeKey({ voucherNo: 'A', sourceEmailId: '2' }),
    )
  })

  it('reads amounts as written in Turkey and elsewhere', () => {
    expect([1234.56, '1234.56', '1234,56', '1.234,56', '1,234.56', '€ 1,234.56 EUR', '1,234'].map(readAmount)).toEqual([
      1234.56, 1234.56, 1234.56, 1234.56, 1234.56, 1234.56, 1234,
    ])
    expect([-1, '-5', 'abc', null, {}].map(readAmount)).toEqual([null, null, null, null, null])
  })

  it('counts ages in whole years on the day', () => {
    expect(ageOn('2019-09-01', '2026-08-31')).toBe(6)
    expect(ageOn('2019-09-01', '2026-09-01')).toBe(7)
    expect(ageOn('2024-02-29', '2025-02-28')).toBe(0)
  })

  it('accepts the parser sample as it is', () => {
    const sample = JSON.parse(readFileSync(join(samples, '../parsed/reservation-row.sample.json'), 'utf8'))
    const out = canonicalizeReservation(Object.fromEntries(Object.entries(sample).map(([k, v]) => [fieldKey(k), v])))
    expect(out).toMatchObject({
      ok: true,
      value: {
        voucherNo: 'JUN2024001',
        roomCode: 'DBL',
        boardCode: 'AI',
        adults: 2,
        children: 1,
        sourceEmailId: '310',
      },
    })
  })
})
