/**
 * Default reference data (seed.json: data, not code). Ids that appear in the vendor's samples are kept
 * (operator 571 `7STAR`, hotel 18 with rooms 63/1364/1389/1390/15730/15731, boards 1 and 37, market 10,
 * countries 69 and 79) so the samples work unchanged. The other hotels give the same generic code (DBL,
 * SGL…) a different id in every hotel, as Sedna does: a client that maps codes without the hotel gets
 * caught. Hotel 1302 is closed (`active: false`): it is listed only without isActive=true.
 */
import seed from './seed.json' with { type: 'json' }
import type { SimSeed } from './types'

/** A fresh copy every call, so tests may edit theirs freely. */
export function defaultSeed(): SimSeed {
  return structuredClone(seed) as SimSeed
}
