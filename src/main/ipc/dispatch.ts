/**
 * Transport-neutral IPC dispatch: validate the input against the contract, call the handler,
 * check the output, and turn every failure into data. Electron's ipcMain and the test harness's
 * HTTP server both call this, so they behave identically.
 */
import { calls, isCallName, type CallName, type CallOutput, type CallParsedInput } from '../../shared/ipc'
import { fail, ok, type Issue, type Result } from '../../shared/result'
import { databaseFailure, databaseTrouble, troubleDetails } from '../db/sqlite-errors'
import { AppFailure } from '../errors'
import type { z } from 'zod'

export type Handlers = {
  [N in CallName]: (input: CallParsedInput<N>) => CallOutput<N> | Promise<CallOutput<N>>
}

export type Dispatch = (channel: string, rawInput: unknown) => Promise<Result<unknown>>

export interface DispatchLog {
  error(message: string, err: unknown): void
}

export interface DispatchOptions {
  /** The data folder, named in what staff are told when its database cannot be written (disk full…). */
  dataDir?: string
}

export function createDispatcher(handlers: Handlers, log: DispatchLog, opts: DispatchOptions = {}): Dispatch {
  const dataDir = opts.dataDir ?? ''
  return async (channel, rawInput) => {
    if (!isCallName(channel)) return fail('validation', `Unknown call "${String(channel)}".`)
    const contract = calls[channel]
    const parsed = contract.input.safeParse(rawInput)
    if (!parsed.success) {
      const issues = toIssues(parsed.error)
      return fail('validation', `Invalid request for ${channel}: ${issues.map(formatIssue).join('; ')}`, issues)
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown
      const value = await handler(parsed.data)
      const checked = contract.output.safeParse(value)
      if (!checked.success) {
        log.error(`${channel} returned data that breaks its contract`, checked.error)
        return fail('internal', 'The app produced an unexpected answer. Details were written to the log.')
      }
      return ok(checked.data)
    } catch (err) {
      if (err instanceof AppFailure) {
        return fail(err.kind, err.message, err.issues, err.code ? { code: err.code, params: err.params } : undefined)
      }
      // The database itself failed (locked, disk full, read-only, damaged): say what to do about it.
      const trouble = databaseTrouble(err)
      if (trouble) {
        log.error(`${channel} failed: ${trouble.code}`, troubleDetails(trouble))
        const failure = databaseFailure(trouble, dataDir)
        return fail(failure.kind, failure.message, undefined, { code: failure.code!, params: failure.params })
      }
      log.error(`${channel} failed`, err)
      return fail('internal', 'Something went wrong inside the app. Details were written to the log.', undefined, {
        code: 'internal',
      })
    }
  }
}

export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }))
}

const formatIssue = (i: Issue) => `${i.path}: ${i.message}`
