/** Sedna accounts, the reference data cached for each, and fixing a record in place (mappings). */
import { z } from 'zod'
import { defineCall } from '../contract'
import { idInput, positiveId, searchText, code } from './fields'
import {
  connectionTestSchema,
  keychainStatusSchema,
  profileInputSchema,
  profileSchema,
  referenceStatusSchema,
} from '../profiles'
import { recordRefSchema } from '../records'
import { boardOptionSchema, hotelOptionSchema, mappingResultSchema, roomTypeOptionSchema } from '../mappings'
import { countryOptionSchema } from '../reservations'

export const accountCalls = {
  'profiles.list': defineCall({
    summary: 'All Sedna profiles (never a password) and whether the keychain answers',
    input: z.strictObject({}),
    output: z.object({ profiles: z.array(profileSchema), keychain: keychainStatusSchema }),
  }),
  'profiles.save': defineCall({
    summary: 'Create or update a profile; the password (write-only) goes to the keychain',
    input: profileInputSchema,
    output: profileSchema,
  }),
  'profiles.createDemo': defineCall({
    summary: 'Use the built-in demo Sedna server (no account needed) and make it active',
    input: z.strictObject({}),
    output: profileSchema,
  }),
  'profiles.activate': defineCall({
    summary: 'Make a profile the one stop sales are sent with',
    input: idInput,
    output: profileSchema,
  }),
  'profiles.delete': defineCall({
    summary: 'Delete a profile, its cached reference data and its stored password',
    input: idInput,
    output: z.object({ deleted: z.literal(true) }),
  }),
  'profiles.testConnection': defineCall({
    summary: 'Log in to Sedna with a profile and report the operator id, or exactly why not',
    input: idInput,
    output: connectionTestSchema,
  }),
  'reference.status': defineCall({
    summary: 'Counts, age and staleness of the cached hotels, room types and boards',
    input: z.strictObject({ profileId: z.number().int().positive() }),
    output: referenceStatusSchema,
  }),
  'reference.refresh': defineCall({
    summary: 'Fetch hotels, room types and boards from Sedna now',
    input: z.strictObject({ profileId: z.number().int().positive() }),
    output: referenceStatusSchema,
  }),
  'reference.hotels': defineCall({
    summary: 'Cached hotels for a picker: ranked by similarity to the query (Turkish-aware), or by name without one',
    input: z.strictObject({
      profileId: positiveId,
      query: searchText.optional(),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    output: z.array(hotelOptionSchema),
  }),
  'reference.roomTypes': defineCall({
    summary: "A hotel's cached room types (the operator-wide list when the hotel has none), for a picker",
    input: z.strictObject({ profileId: positiveId, hotelId: positiveId }),
    output: z.array(roomTypeOptionSchema),
  }),
  'reference.boards': defineCall({
    summary: 'The cached boards, for a picker',
    input: z.strictObject({ profileId: positiveId }),
    output: z.array(boardOptionSchema),
  }),

  // ---- reservations (issue #8) ----------------------------------------------------------------
  'reference.countries': defineCall({
    summary: 'Cached countries (guest nationalities) for a picker: matching the query by code or name, or all by name',
    input: z.strictObject({
      profileId: positiveId,
      query: searchText.optional(),
      limit: z.number().int().min(1).max(300).default(50),
    }),
    output: z.array(countryOptionSchema),
  }),
  'mappings.setHotel': defineCall({
    summary:
      "Remember that this hotel name (as e-mails write it) is that Sedna hotel: a record's name in its account (record), or a name in an account (the active one when omitted); parked stop sales and reservations that now resolve go back to pending",
    input: z.union([
      z.strictObject({ record: recordRefSchema, hotelId: positiveId }),
      z.strictObject({
        profileId: positiveId.optional(),
        hotelName: z.string().trim().min(1).max(300),
        hotelId: positiveId,
      }),
    ]),
    output: mappingResultSchema,
  }),
  'mappings.setRoom': defineCall({
    summary:
      "Remember that this room code at a hotel is that Sedna room type: one of a record's codes at its hotel, in its account (record), or at a hotel in an account (the active one when omitted); parked records that now resolve go back to pending",
    input: z.union([
      z.strictObject({ record: recordRefSchema, code, roomTypeId: positiveId }),
      z.strictObject({ profileId: positiveId.optional(), hotelId: positiveId, code, roomTypeId: positiveId }),
    ]),
    output: mappingResultSchema,
  }),
  'mappings.setBoard': defineCall({
    summary:
      "Remember that this board code is that Sedna board: one of a record's codes in its account (record), or in an account (the active one when omitted); parked records that now resolve go back to pending",
    input: z.union([
      z.strictObject({ record: recordRefSchema, code, boardId: positiveId }),
      z.strictObject({ profileId: positiveId.optional(), code, boardId: positiveId }),
    ]),
    output: mappingResultSchema,
  }),
  'mappings.setNationality': defineCall({
    summary:
      "Remember that this guest nationality (as vouchers write it) is that Sedna country: one of a reservation's guests' in its account (record), or in an account (the active one when omitted); parked reservations that now resolve go back to pending",
    input: z.union([
      z.strictObject({
        record: recordRefSchema,
        nationality: z.string().trim().min(1).max(100),
        countryId: positiveId,
      }),
      z.strictObject({
        profileId: positiveId.optional(),
        nationality: z.string().trim().min(1).max(100),
        countryId: positiveId,
      }),
    ]),
    output: mappingResultSchema,
  }),
} as const
