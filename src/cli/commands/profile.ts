/** `profile set`, `profile show`, `profile test`, `refs refresh`: the Settings screen's work. */
import { sameCredential } from '../../main/credentials'
import { credentialKeyOf } from '../../main/services/profiles'
import type { CallInput } from '../../shared/ipc'
import type { Profile } from '../../shared/profiles'
import type { ParsedArgs } from '../args'
import { PROGRAM } from '../args'
import type { CliContext } from '../context'
import { CliError, EXIT } from '../errors'
import { table, type CliIo, type CommandResult } from '../output'
import { readPassword } from '../password'
import { allMode, intOption } from '../validate'

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

export async function profileSet(cli: CliContext, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const o = args.options
  const url = str(o.url)
  const username = str(o.username)
  if (!url || !username) throw CliError.usage('"profile set" needs --url URL and --username NAME.')
  const authority = str(o.authority)
  const authorityId = authority === undefined ? undefined : intOption(authority, '--authority', 1, 2 ** 31 - 1)
  const allRooms = allMode(o['all-rooms'], '--all-rooms')
  const allBoards = allMode(o['all-boards'], '--all-boards')

  const { app } = cli
  // Which account: the one named by --name, else the active one, else a new one.
  // (Stored accounts, not profiles.list: that would ask the keychain about every account.)
  const rows = app.services.profiles.accounts()
  const name = str(o.name)
  const target = name ? rows.find((p) => p.name === name) : rows.find((p) => p.isActive)

  // A stored password is kept only for the address (scheme, host, port) and username it was typed for.
  const rebound =
    target !== undefined && !sameCredential(credentialKeyOf(target), { profileId: target.id, baseUrl: url, username })
  let password: string | undefined
  try {
    password = await readPassword(
      io,
      `Sedna password for ${username} at ${url}${target && !rebound ? ' (empty: keep the stored one)' : ''}: `,
    )
  } catch {
    throw CliError.usage('cancelled: no password was entered.')
  }
  if (!password && (!target || rebound)) {
    throw CliError.usage(
      `${rebound ? 'the address or username changed, so the stored password no longer applies: ' : ''}` +
        'no password: give it in the SEDNA_PASSWORD environment variable or on stdin (never as an argument).',
    )
  }
  const saved = await saveProfile(cli, {
    ...(target ? { id: target.id } : {}),
    name: name ?? target?.name ?? `Sedna (${hostOf(url)})`,
    baseUrl: url,
    username,
    operatorCode: str(o['operator-code']) ?? target?.operatorCode ?? null,
    authorityId: authorityId ?? target?.authorityId ?? 207,
    recordUser: str(o['record-user']) ?? target?.recordUser ?? 'Entegrasyon',
    allRooms: allRooms ?? target?.allRooms ?? 'explicit',
    allBoards: allBoards ?? target?.allBoards ?? 'explicit',
    ...(password ? { password } : {}),
    ...(o['allow-http'] === true ? { allowHttp: true } : {}),
  })
  const profile = saved.isActive ? saved : await cli.call('profiles.activate', { id: saved.id })
  const where = password ? cli.credentials.storedIn(profile.id) : undefined
  const passwordStorage = !password ? 'unchanged' : where === 'keychain' ? 'keychain' : 'this-run-only'
  const warnings = profile.warnings.filter((w) => w.code !== 'noPassword').map((w) => w.message)
  if (passwordStorage === 'this-run-only') {
    warnings.unshift(
      `The password was NOT stored: no keychain answers (${cli.credentials.keychainProblem(profile.id) ?? 'unavailable'}). ` +
        'It was used for this run only; give it in SEDNA_PASSWORD to every command (e.g. in the scheduled task).',
    )
  }
  app.logger.info('command line: profile set', { profileId: profile.id, passwordStorage })
  const lines = [
    `${target ? 'Updated' : 'Created'} Sedna account #${profile.id} "${profile.name}" (${profile.username} at ${profile.baseUrl}); it is the active one.`,
    passwordStorage === 'keychain'
      ? 'Password stored in the system keychain.'
      : passwordStorage === 'unchanged'
        ? 'Password unchanged.'
        : 'Password used for this run only (not stored).',
    ...warnings.map((w) => `Warning: ${w}`),
  ]
  return {
    exitCode: EXIT.ok,
    json: { profile: publicProfile(profile), passwordStorage, warnings },
    text: lines.join('\n'),
  }
}

/** profiles.save, with the command line's own words for an http:// address that was not confirmed. */
async function saveProfile(cli: CliContext, input: CallInput<'profiles.save'>) {
  try {
    return await cli.call('profiles.save', input)
  } catch (err) {
    if (err instanceof CliError && err.code === 'profiles.httpNeedsConfirmation') {
      throw CliError.usage(
        'the address starts with http://, so the Sedna password would travel unencrypted: use https:// if the server offers it, or add --allow-http if http:// is intended.',
      )
    }
    throw err
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

const publicProfile = (p: Profile) => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  baseUrl: p.baseUrl,
  username: p.username,
  operatorId: p.operatorId,
  operatorCode: p.operatorCode,
  authorityId: p.authorityId,
  recordUser: p.recordUser,
  allRooms: p.allRooms,
  allBoards: p.allBoards,
  isActive: p.isActive,
  hasPassword: p.hasPassword,
  lastLoginAt: p.lastLoginAt,
  warnings: p.warnings.map((w) => w.message),
})

export async function profileShow(cli: CliContext): Promise<CommandResult> {
  const { profiles, keychain } = await cli.call('profiles.list', {})
  const lines = profiles.length
    ? [
        table(
          ['', 'ID', 'NAME', 'USER', 'ADDRESS', 'OPERATOR', 'PASSWORD'],
          profiles.map((p) => [
            p.isActive ? '*' : '',
            p.id,
            p.name,
            p.username,
            p.baseUrl,
            p.operatorCode ?? '-',
            p.hasPassword === null ? '?' : p.hasPassword ? 'stored' : 'none',
          ]),
          80,
        ),
      ]
    : [`No Sedna account yet: "${PROGRAM} profile set --url URL --username NAME".`]
  lines.push(
    keychain.available
      ? 'Keychain: available.'
      : `Keychain: not available (${keychain.message ?? 'no answer'}).${cli.credentials.fromEnvironment ? ' SEDNA_PASSWORD is set for this run.' : ''}`,
  )
  return {
    exitCode: EXIT.ok,
    json: {
      profiles: profiles.map(publicProfile),
      keychain: { available: keychain.available, message: keychain.message },
      passwordFromEnvironment: cli.credentials.fromEnvironment,
    },
    text: lines.join('\n'),
  }
}

export async function profileTest(cli: CliContext): Promise<CommandResult> {
  const profile = cli.activeProfile()
  const result = await cli.call('profiles.testConnection', { id: profile.id })
  return {
    exitCode: EXIT.ok,
    json: {
      profileId: profile.id,
      operatorId: result.operatorId,
      durationMs: result.durationMs,
      message: cli.say(result.message),
    },
    text: `${cli.say(result.message)} (${result.durationMs} ms)`,
  }
}

export async function refsRefresh(cli: CliContext): Promise<CommandResult> {
  const profile = cli.activeProfile()
  const status = await cli.call('reference.refresh', { profileId: profile.id })
  // A failed refresh keeps the old rows and marks them stale: that is this command's failure.
  const failed = status.kinds.filter((k) => k.stale && k.lastError)
  const unreachable = cli.app.sync.connectivity.state === 'offline'
  const counts = Object.fromEntries(status.kinds.map((k) => [k.kind, k.count]))
  const lines = [
    table(
      ['KIND', 'COUNT', 'SKIPPED', 'REFRESHED', 'ERROR'],
      status.kinds.map((k) => [
        k.kind,
        k.count,
        k.skipped,
        k.refreshedAt ?? '-',
        k.lastError ? cli.say(k.lastError) : '',
      ]),
      120,
    ),
  ]
  if (failed.length) lines.push(`Refresh failed for ${failed.map((k) => k.kind).join(', ')}; the cached rows are kept.`)
  return {
    exitCode: failed.length ? (unreachable ? EXIT.unreachable : EXIT.attention) : EXIT.ok,
    json: {
      profileId: profile.id,
      hotels: counts.hotels ?? 0,
      roomTypes: counts.roomTypes ?? 0,
      boards: counts.boards ?? 0,
      countries: counts.countries ?? 0,
      kinds: status.kinds,
    },
    text: lines.join('\n'),
  }
}

export async function refsCountries(cli: CliContext, args: ParsedArgs): Promise<CommandResult> {
  const profile = cli.activeProfile()
  const query = args.positionals[0]?.trim() || undefined
  const countries = await cli.call('reference.countries', {
    profileId: profile.id,
    ...(query ? { query } : {}),
    limit: 300,
  })
  const lines = countries.length
    ? [
        table(
          ['ID', 'CODE', 'NAME'],
          countries.map((c) => [c.id, c.code ?? '', c.name]),
          80,
        ),
      ]
    : [
        query
          ? `No country matches "${query}".`
          : `No countries are cached for "${profile.name}": run "${PROGRAM} refs refresh".`,
      ]
  return { exitCode: EXIT.ok, json: { profileId: profile.id, query: query ?? null, countries }, text: lines.join('\n') }
}
