import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const src = join(root, 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!)
}

const builtins = new Set(builtinModules)
const isNode = (spec: string) => spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)

// The only main-process files allowed to know about Electron: entry point, window, IPC binding.
const electronFiles = new Set([
  'src/main/index.ts',
  'src/main/window.ts',
  'src/main/ipc/register-electron.ts',
  'src/preload/index.ts',
])

describe('process boundaries', () => {
  it('src/shared imports neither electron nor node built-ins', () => {
    const offenders = sourceFiles(join(src, 'shared')).flatMap((f) =>
      importsOf(f)
        .filter((s) => s === 'electron' || isNode(s))
        .map((s) => `${relative(root, f)} imports ${s}`),
    )
    expect(sourceFiles(join(src, 'shared')).length).toBeGreaterThan(0)
    expect(offenders).toEqual([])
  })

  it('services and the rest of main never import electron', () => {
    const offenders = [...sourceFiles(join(src, 'main')), ...sourceFiles(join(src, 'preload'))]
      .filter((f) => !electronFiles.has(relative(root, f)))
      .filter((f) => importsOf(f).includes('electron'))
      .map((f) => relative(root, f))
    expect(offenders).toEqual([])
  })

  it('the renderer reaches main only through the bridge (no electron, no node)', () => {
    const offenders = sourceFiles(join(src, 'renderer')).flatMap((f) =>
      importsOf(f)
        .filter((s) => s === 'electron' || isNode(s) || s.includes('/main/'))
        .map((s) => `${relative(root, f)} imports ${s}`),
    )
    expect(offenders).toEqual([])
  })

  it('the renderer takes no runtime value from a shared module that pulls in zod (bundle size)', () => {
    const offenders = sourceFiles(join(src, 'renderer')).flatMap((f) => {
      const text = readFileSync(f, 'utf8')
      return [...text.matchAll(/(?:^|\n)\s*import\s+(?!type\b)[^'"\n]*?from\s+['"]([^'"]*\/shared\/[^'"]+)['"]/g)]
        .map((m) => m[1]!)
        .filter((spec) => importsOf(join(f, '..', `${spec}.ts`)).includes('zod'))
        .map((spec) => `${relative(root, f)} imports ${spec}`)
    })
    expect(offenders).toEqual([])
  })
})
