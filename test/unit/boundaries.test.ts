/**
 * Process boundaries, read with the TypeScript parser (every import and export-from of every source
 * file, type-only ones told apart). The folder-to-folder rules are ESLint's (eslint.config.js,
 * `npm run lint`); these are the ones about processes and the renderer's bundle.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative, resolve, dirname } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const src = join(root, 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

interface Import {
  spec: string
  /** Only types are taken (`import type`, or every name marked `type`): nothing of it reaches the bundle. */
  typeOnly: boolean
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const found: Import[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            named !== undefined &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)))
      found.push({ spec: node.moduleSpecifier.text, typeOnly })
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly })
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ spec: node.arguments[0].text, typeOnly: false })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** The file a relative import names (`x` → x.ts, x.tsx or x/index.ts). */
function moduleFile(from: string, spec: string): string | undefined {
  const target = resolve(dirname(from), spec)
  return [`${target}.ts`, `${target}.tsx`, join(target, 'index.ts')].find((c) => existsSync(c))
}

const builtins = new Set(builtinModules)
const isNode = (spec: string) => spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)

// The only main-process files allowed to know about Electron: entry point, window, tray, updater, IPC binding.
const electronFiles = new Set([
  'src/main/index.ts',
  'src/main/window.ts',
  'src/main/tray.ts',
  'src/main/updates/electron-updater.ts',
  'src/main/ipc/register-electron.ts',
  'src/preload/index.ts',
])

describe('process boundaries', () => {
  it('reads imports as TypeScript does (type-only ones told apart)', () => {
    const sample = join(src, 'renderer/src/api.ts')
    expect(importsOf(sample)).toEqual(
      expect.arrayContaining([
        { spec: '../../shared/ipc', typeOnly: true },
        { spec: '../../shared/result', typeOnly: true },
      ]),
    )
  })

  it('src/shared imports neither electron nor node built-ins', () => {
    const files = sourceFiles(join(src, 'shared'))
    const offenders = files.flatMap((f) =>
      importsOf(f)
        .filter((i) => i.spec === 'electron' || isNode(i.spec))
        .map((i) => `${relative(root, f)} imports ${i.spec}`),
    )
    expect(files.length).toBeGreaterThan(0)
    expect(offenders).toEqual([])
  })

  it('services and the rest of main never import electron', () => {
    const offenders = [...sourceFiles(join(src, 'main')), ...sourceFiles(join(src, 'preload'))]
      .filter((f) => !electronFiles.has(relative(root, f)))
      .filter((f) => importsOf(f).some((i) => i.spec === 'electron'))
      .map((f) => relative(root, f))
    expect(offenders).toEqual([])
  })

  it('the renderer reaches main only through the bridge (no electron, no node)', () => {
    const offenders = sourceFiles(join(src, 'renderer')).flatMap((f) =>
      importsOf(f)
        .filter((i) => i.spec === 'electron' || isNode(i.spec) || i.spec.includes('/main/'))
        .map((i) => `${relative(root, f)} imports ${i.spec}`),
    )
    expect(offenders).toEqual([])
  })

  it('the renderer and the preload take no runtime value from a shared module that pulls in zod (bundle size)', () => {
    /** Whether a module, or anything it imports for its values, imports zod. */
    const pullsZod = (file: string, seen = new Set<string>()): boolean => {
      if (seen.has(file)) return false
      seen.add(file)
      return importsOf(file).some((i) => {
        if (i.typeOnly) return false
        if (i.spec === 'zod') return true
        const found = i.spec.startsWith('.') ? moduleFile(file, i.spec) : undefined
        return found !== undefined && pullsZod(found, seen)
      })
    }
    const offenders = [...sourceFiles(join(src, 'renderer')), ...sourceFiles(join(src, 'preload'))].flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.typeOnly && i.spec.includes('/shared/'))
        .filter((i) => {
          const target = moduleFile(f, i.spec)
          return target !== undefined && pullsZod(target)
        })
        .map((i) => `${relative(root, f)} imports ${i.spec}`),
    )
    expect(offenders).toEqual([])
  })
})
