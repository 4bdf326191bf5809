/**
 * The route table: every Sedna action the simulator knows, its HTTP method (VENDOR), how it
 * authenticates and what it answers. Keys are `controller/action` in lower case because Web API
 * routing ignores case.
 */
import { type Reply, badRequest, json, result } from './aspnet'
import type { Sessions } from './auth'
import {
  BindingError,
  type JsonObject,
  dayQuery,
  intQuery,
  isObject,
  parseJson,
  parseJsonArray,
  queryValue,
  stringProp,
} from './binding'
import type { ReservationStore } from './reservations'
import type { StopSaleStore } from './stop-sales'
import type { SimSeed, SimulatorOptions } from './types'

export interface SimState {
  seed: SimSeed
  sessions: Sessions
  stopSales: StopSaleStore
  reservations: ReservationStore
  shapes: Required<NonNullable<SimulatorOptions['shapes']>>
}

export interface CallContext {
  state: SimState
  query: URLSearchParams
  body: string
  /** The caller's operator id (session or query credentials); 0 for AgencyLogin. */
  operatorId: number
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT'
  /** session = ASP.NET_SessionId cookie; query = username/password in the URL; none = login. */
  auth: 'none' | 'session' | 'query'
  /** The action binds a JSON body, so Web API insists on a JSON content type. */
  jsonBody: boolean
  handle(ctx: CallContext): Reply
}

/** Lists as a bare array, or wrapped as {"Data": [...]} (both GUESSED, clients must accept both). */
function list(state: SimState, items: unknown[]): Reply {
  return json(state.shapes.lists === 'wrapped' ? { Data: items } : items)
}

/**
 * A look-up list (stop sales, reservations) with the fields of `shapes.omitFields` taken out of each
 * item, whatever their casing (a reservation element keeps the casing its sender used).
 */
function lookupList(state: SimState, items: JsonObject[]): Reply {
  const omitted = new Set(state.shapes.omitFields.map((f) => f.toLowerCase()))
  if (omitted.size === 0) return list(state, items)
  return list(
    state,
    items.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => !omitted.has(key.toLowerCase())))),
  )
}

/** A session-authenticated list of seeded codes, no body; every item active. */
function seedList(method: Route['method'], items: (seed: SimSeed) => Record<string, unknown>[]): Route {
  return {
    method,
    auth: 'session',
    jsonBody: false,
    handle: ({ state }) =>
      list(
        state,
        items(state.seed).map((item) => ({ ...item, IsActive: true })),
      ),
  }
}

function stopSaleList(byUpdateDate: boolean) {
  return ({ state, query }: CallContext) =>
    lookupList(
      state,
      state.stopSales.list(
        {
          hotelId: intQuery(query, 'hotelId'),
          recordDateBegin: dayQuery(query, 'recordDateBegin'),
          recordDateEnd: dayQuery(query, 'recordDateEnd'),
          stopDateBegin: dayQuery(query, 'stopDateBegin'),
          stopDateEnd: dayQuery(query, 'stopDateEnd'),
        },
        byUpdateDate,
      ),
    )
}

export const routes: Record<string, Route> = {
  'integratiion/agencylogin': {
    method: 'GET',
    auth: 'none',
    jsonBody: false,
    handle({ state, query }) {
      const user = state.sessions.userFor(queryValue(query, 'username'), queryValue(query, 'password'))
      if (!user) return result(1, 'Kullanıcı adı veya şifre hatalı', 0)
      const reply = result(0, null, user.operatorId)
      reply.headers['Set-Cookie'] = state.sessions.open(user.operatorId)
      return reply
    },
  },

  'integratiion/gethotellist': {
    method: 'POST',
    auth: 'session',
    jsonBody: false,
    handle({ state, query }) {
      const onlyActive = queryValue(query, 'isActive')?.toLowerCase() === 'true'
      const { hotelIdField, hotelNameField } = state.shapes
      const hotels = state.seed.hotels
        .filter((h) => !onlyActive || h.active)
        .map((h) => ({
          [hotelIdField]: h.id,
          [hotelNameField]: h.name,
          Code: h.code,
          RegionName: h.region,
          IsActive: h.active,
        }))
      return list(state, hotels)
    },
  },

  'integratiion/getroomtypelist': {
    method: 'POST',
    auth: 'session',
    jsonBody: false,
    handle({ state }) {
      // The union over all hotels: the same code (DBL) shows up under several ids.
      const rooms = state.seed.hotels.flatMap((h) =>
        h.roomTypes.map((t) => ({ RoomTypeId: t.id, Code: t.code, Name: t.name, IsActive: true })),
      )
      return list(state, rooms)
    },
  },

  'service1/gethotelroomtypelistall': {
    method: 'POST',
    auth: 'session',
    jsonBody: true,
    handle({ state, body }) {
      const ids = parseJsonArray(body, 'hotelIds')
      if (!ids.every((id) => typeof id === 'number' && Number.isInteger(id))) {
        throw new BindingError('hotelIds', 'A JSON array of integers is required.')
      }
      const rooms = state.seed.hotels
        .filter((h) => ids.includes(h.id))
        .flatMap((h) =>
          h.roomTypes.map((t) => ({ HotelId: h.id, RoomTypeId: t.id, Code: t.code, Name: t.name, HotelName: h.name })),
        )
      return list(state, rooms)
    },
  },

  // The seeded code lists, each as Sedna names its id field (GUESS: RecId / BoardId).
  'service2/getboardlist': seedList('GET', (seed) =>
    seed.boards.map((b) => ({ BoardId: b.id, Code: b.code, Name: b.name })),
  ),
  'integratiion/getoperators': seedList('GET', (seed) =>
    seed.operators.map((o) => ({ RecId: o.id, Code: o.code, Name: o.name })),
  ),
  'integratiion/getcountrys': seedList('POST', (seed) =>
    seed.countries.map((c) => ({ RecId: c.id, Name: c.name, Code: c.code })),
  ),

  'contract/updatestopsale': {
    method: 'PUT',
    auth: 'session',
    jsonBody: true,
    handle: ({ state, body }) => state.stopSales.update(body),
  },

  'contract/checkstopsalestate': {
    method: 'POST',
    auth: 'session',
    jsonBody: true,
    handle: ({ state, body }) => list(state, state.stopSales.checkState(body)),
  },

  'integratiion/getstopsalelist': {
    method: 'POST',
    auth: 'session',
    jsonBody: false,
    handle: stopSaleList(false),
  },

  'integratiion/getstopsalelistwithupdatedate': {
    method: 'POST',
    auth: 'session',
    jsonBody: false,
    handle: stopSaleList(true),
  },

  'integratiion/insertreservation': {
    method: 'POST',
    auth: 'query',
    jsonBody: true,
    handle({ state, query, body, operatorId }) {
      const voucher = queryValue(query, 'voucherNo')
      if (voucher === null || voucher.trim() === '') return badRequest('voucherNo', 'The voucherNo field is required.')
      return state.reservations.insert(body, voucher, operatorId)
    },
  },

  'integratiion/getreservations': {
    method: 'POST',
    auth: 'session',
    jsonBody: true,
    handle({ state, body }) {
      // An empty body binds a null filter: everything (GUESS).
      const filter: JsonObject = body.trim() === '' ? {} : asObject(parseJson(body, 'filter'))
      return lookupList(
        state,
        state.reservations.find({
          voucher: stringProp(filter, 'VoucherNo', 'filter'),
          sourceId: stringProp(filter, 'SourceId', 'filter'),
          operatorId: null,
        }),
      )
    },
  },

  'reservation/getreservationbyvoucher': {
    method: 'GET',
    auth: 'session',
    jsonBody: false,
    handle({ state, query }) {
      const voucher = queryValue(query, 'voucher')
      if (voucher === null || voucher === '') return badRequest('voucher', 'The voucher field is required.')
      return lookupList(
        state,
        state.reservations.find({ voucher, sourceId: null, operatorId: intQuery(query, 'operatorId') }),
      )
    },
  },

  'integratiion/cancelreservationbysourcid': {
    method: 'POST',
    auth: 'session',
    jsonBody: false,
    handle({ state, query, operatorId }) {
      const sourceId = queryValue(query, 'sourceId')
      if (sourceId === null || sourceId === '') return badRequest('sourceId', 'The sourceId field is required.')
      return state.reservations.cancel(intQuery(query, 'operatorId') ?? operatorId, sourceId)
    },
  },
}

function asObject(value: unknown): JsonObject {
  if (!isObject(value)) throw new BindingError('filter', 'A JSON object is required.')
  return value
}
