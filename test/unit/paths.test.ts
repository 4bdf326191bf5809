import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_NAME, databaseFileIn, dataDirOverride, defaultUserDataDir, resolveDataDir } from '../../src/main/paths'

describe('data folder', () => {
  it('takes --data-dir over SEDNA_DATA_DIR over the platform default', () => {
    const env = { SEDNA_DATA_DIR: '/tmp/from-env' }
    expect(resolveDataDir(['node', 'app', '--data-dir', '/tmp/flag'], env, () => '/x')).toBe('/tmp/flag')
    expect(resolveDataDir(['node', 'app', '--data-dir=/tmp/flag2'], env, () => '/x')).toBe('/tmp/flag2')
    expect(resolveDataDir(['node', 'app'], env, () => '/x')).toBe('/tmp/from-env')
    expect(resolveDataDir(['node', 'app'], {}, () => '/x')).toBe('/x')
    expect(resolveDataDir(['node', 'app'], { SEDNA_DATA_DIR: '  ' }, () => '/x')).toBe('/x')
  })

  it('resolves a relative override against the working directory', () => {
    expect(dataDirOverride(['--data-dir', 'rel/dir'], {})).toBe(resolve('rel/dir'))
  })

  it('matches Electron userData per platform', () => {
    expect(defaultUserDataDir('linux', {}, '/home/ayse')).toBe(join('/home/ayse/.config', APP_NAME))
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ayse')).toBe(join('/cfg', APP_NAME))
    expect(defaultUserDataDir('darwin', {}, '/Users/ayse')).toBe(
      join('/Users/ayse/Library/Application Support', APP_NAME),
    )
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\ayse\\AppData\\Roaming' }, 'C:\\Users\\ayse')).toBe(
      join('C:\\Users\\ayse\\AppData\\Roaming', APP_NAME),
    )
    expect(databaseFileIn('/d')).toBe(join('/d', 'sedna-stop-sales.sqlite'))
  })
})
