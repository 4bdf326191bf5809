/**
 * Default reference data. Ids that appear in the vendor's samples are kept (operator 571 `7STAR`,
 * hotel 18 with rooms 63/1364/1389/1390/15730/15731, boards 1 and 37, market 10, countries 69 and 79)
 * so the samples work unchanged. The other hotels give the same generic code (DBL, SGL…) a different
 * id in every hotel, as Sedna does: a client that maps codes without the hotel gets caught.
 */
import type { SeedHotel, SimSeed } from './types'

const hotels: SeedHotel[] = [
  {
    id: 18,
    name: 'Mandarin Resort',
    code: 'MANDRN',
    region: 'Side',
    active: true,
    roomTypes: [
      { id: 63, code: 'STDSV', name: 'Standart Oda Deniz Manzaralı' },
      { id: 1364, code: 'STDLV', name: 'Standart Oda Kara Manzaralı' },
      { id: 1389, code: 'FAM', name: 'Aile Odası' },
      { id: 1390, code: 'SUI', name: 'Suit' },
      { id: 15730, code: 'DBL', name: 'Double Oda' },
      { id: 15731, code: 'TRP', name: 'Triple Oda' },
    ],
  },
  {
    id: 28,
    name: 'Çamyuva Güneş Otel',
    code: 'CMYGNS',
    region: 'Kemer',
    active: true,
    roomTypes: [
      { id: 133, code: 'DBL', name: 'Double Oda' },
      { id: 134, code: 'SGL', name: 'Tek Kişilik Oda' },
      { id: 135, code: 'FAM', name: 'Aile Odası' },
    ],
  },
  {
    id: 659,
    name: 'İstanbul Boğaz Palace',
    code: 'ISTBGZ',
    region: 'İstanbul',
    active: true,
    roomTypes: [
      { id: 2101, code: 'DBL', name: 'Deluxe Double' },
      { id: 2102, code: 'SGL', name: 'Single' },
      { id: 2103, code: 'SUI', name: 'Boğaz Suit' },
    ],
  },
  {
    id: 916,
    name: 'Kemer Işıklar Resort',
    code: 'KMRISK',
    region: 'Kemer',
    active: true,
    roomTypes: [
      { id: 7528, code: 'DBL', name: 'Standart Double' },
      { id: 7529, code: 'TRP', name: 'Triple Oda' },
      { id: 7530, code: 'FAM', name: 'Aile Odası' },
    ],
  },
  {
    id: 1021,
    name: 'Antalya Beach Otel',
    code: 'ANTBCH',
    region: 'Lara',
    active: true,
    roomTypes: [
      { id: 8811, code: 'DBL', name: 'Double Oda' },
      { id: 8812, code: 'SGL', name: 'Tek Kişilik Oda' },
      { id: 8813, code: 'STDSV', name: 'Standart Deniz Manzaralı' },
    ],
  },
  {
    id: 1187,
    name: 'Grand Palace Hotel',
    code: 'GRNDPL',
    region: 'Belek',
    active: true,
    roomTypes: [
      { id: 9420, code: 'DBL', name: 'Superior Double' },
      { id: 9421, code: 'SUI', name: 'King Suite' },
      { id: 9422, code: 'FAM', name: 'Family Room' },
    ],
  },
  {
    id: 1250,
    name: 'Sunset Beach Resort',
    code: 'SNSTBR',
    region: 'Alanya',
    active: true,
    roomTypes: [
      { id: 9901, code: 'DBL', name: 'Double Room' },
      { id: 9902, code: 'TRP', name: 'Triple Room' },
    ],
  },
  {
    // Closed hotel: only visible without isActive=true.
    id: 1302,
    name: 'Kapadokya Mağara Otel',
    code: 'KPDMGR',
    region: 'Ürgüp',
    active: false,
    roomTypes: [{ id: 10050, code: 'DBL', name: 'Mağara Oda' }],
  },
]

/** A fresh copy every call, so tests may edit theirs freely. */
export function defaultSeed(): SimSeed {
  return structuredClone({
    operators: [
      { id: 571, code: '7STAR', name: '7 Star Travel' },
      { id: 3, code: 'ANEX', name: 'Anex Tour' },
      { id: 612, code: 'PEGAS', name: 'Pegas Touristik' },
    ],
    hotels,
    boards: [
      { id: 1, code: 'AI', name: 'All Inclusive' },
      { id: 37, code: 'UAI', name: 'Ultra All Inclusive' },
      { id: 2, code: 'FB', name: 'Full Board' },
      { id: 3, code: 'HB', name: 'Half Board' },
      { id: 4, code: 'BB', name: 'Bed & Breakfast' },
      { id: 5, code: 'RO', name: 'Room Only' },
    ],
    markets: [
      { id: 10, code: 'ALL', name: 'Tüm Pazarlar' },
      { id: 11, code: 'RU', name: 'Rusya Pazarı' },
    ],
    countries: [
      { id: 1, code: 'TR', name: 'TÜRKİYE' },
      { id: 49, code: 'DE', name: 'ALMANYA' },
      { id: 7, code: 'RU', name: 'RUSYA' },
      { id: 79, code: 'UA', name: 'UKRAYNA' },
      { id: 69, code: 'KZ', name: 'KAZAKISTAN' },
      { id: 44, code: 'GB', name: 'İNGİLTERE' },
    ],
  })
}
