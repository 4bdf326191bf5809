/**
 * Sedna simulator: a loopback HTTP server that behaves like Sedna's Agency B2B API as far as
 * /work/shared/sedna-api.md knows it, for tests, benchmarks and the demo mode.
 */
export { startSimulator, BASE_PATH } from './server'
export { defaultSeed } from './seed'
export type {
  Fault,
  FaultRule,
  OmittableField,
  SednaUi,
  SeedCoded,
  SeedHotel,
  SeedRoomType,
  SimRequest,
  SimReservation,
  SimReservationEdit,
  SimReservationEntry,
  SimSeed,
  SimStopSale,
  SimStopSaleChildren,
  SimStopSaleEdit,
  SimStopSaleEntry,
  SimUser,
  Simulator,
  SimulatorOptions,
} from './types'
