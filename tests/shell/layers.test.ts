// The architecture of DESIGN.md, enforced: who may import what. Scans the import statements of
// every .ts/.tsx file in electron/ and renderer/ (comments stripped), resolving relative paths.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');

interface Import {
  from: string;
  /** Repo-relative path (posix) for relative imports; the bare specifier otherwise. */
  target: string;
  /** A package specifier (`electron`, `zod`), not a file of ours. */
  bare: boolean;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const full = path.join(repo, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .map((entry) => path.join(dir, entry).split(path.sep).join('/'))
    .filter((file) => /\.(ts|tsx|mts|cts)$/.test(file) && statSync(path.join(repo, file)).isFile());
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function resolveTarget(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (existsSync(path.join(repo, candidate)) && statSync(path.join(repo, candidate)).isFile())
      return candidate;
  }
  return base;
}

function importsOf(file: string, source = readFileSync(path.join(repo, file), 'utf8')): Import[] {
  const text = stripComments(source);
  const found: Import[] = [];
  const statement = /\b(import|export)\s+(type\s+)?(?:[\w$*{}\s,]*?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const match of text.matchAll(statement)) {
    const specifier = match[3] as string;
    found.push({
      from: file,
      target: resolveTarget(file, specifier),
      bare: !specifier.startsWith('.'),
      typeOnly: match[2] !== undefined,
    });
  }
  const call = /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(call)) {
    const specifier = match[1] as string;
    found.push({
      from: file,
      target: resolveTarget(file, specifier),
      bare: !specifier.startsWith('.'),
      typeOnly: false,
    });
  }
  return found;
}

const files = [...sourceFiles('electron'), ...sourceFiles('renderer')];
const graph = new Map(files.map((file) => [file, importsOf(file)]));

const under = (prefix: string) => (target: string) => target === prefix || target.startsWith(`${prefix}/`);
const isElectronModule = (imp: Import) =>
  imp.bare && (imp.target === 'electron' || imp.target.startsWith('electron/'));
/** A file of ours under `layer` (relative imports only: a bare `electron/...` is the npm package). */
const ours = (layer: string) => (imp: Import) => !imp.bare && under(layer)(imp.target);

function violations(filter: (file: string) => boolean, bad: (imp: Import) => boolean): string[] {
  return [...graph.entries()]
    .filter(([file]) => filter(file))
    .flatMap(([, imports]) => imports.filter(bad).map((imp) => `${imp.from} → ${imp.target}`));
}

/** Files reachable from `start` through runtime (non-type) imports inside the repo. */
function runtimeClosure(start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of graph.get(file) ?? [])
      if (!imp.typeOnly && graph.has(imp.target)) queue.push(imp.target);
  }
  return seen;
}

describe('the import scanner', () => {
  it('sees static, type-only, re-export, side-effect and dynamic imports, and skips comments', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from '../api/contract';",
      "import {\n  c,\n  d,\n} from 'zod';",
      "export { e } from './e';",
      "import './side-effect';",
      "const f = await import('electron');",
      "// import { g } from 'electron';",
      "/* import { h } from 'electron'; */",
    ].join('\n');
    const found = importsOf('electron/core/x.ts', source);
    expect(found.map((imp) => [imp.target, imp.bare, imp.typeOnly])).toEqual([
      ['electron/core/a', false, false],
      ['electron/api/contract.ts', false, true],
      ['zod', true, false],
      ['electron/core/e', false, false],
      ['electron/core/side-effect', false, false],
      ['electron', true, false],
    ]);
  });

  it('scans the real tree', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files).toContain('electron/main/index.ts');
  });
});

describe('layers (DESIGN.md, Architecture)', () => {
  it("only electron/main and electron/preload import 'electron'", () => {
    expect(
      violations(
        (file) => !under('electron/main')(file) && !under('electron/preload')(file),
        (imp) => isElectronModule(imp),
      ),
    ).toEqual([]);
  });

  it('electron/core imports neither electron, the api, the shell, the host nor the renderer', () => {
    expect(
      violations(
        under('electron/core'),
        (imp) =>
          isElectronModule(imp) ||
          ['electron/api', 'electron/main', 'electron/preload', 'electron/host', 'renderer'].some((layer) =>
            ours(layer)(imp),
          ),
      ),
    ).toEqual([]);
  });

  it('electron/schema imports only zod and itself', () => {
    expect(
      violations(under('electron/schema'), (imp) => imp.target !== 'zod' && !ours('electron/schema')(imp)),
    ).toEqual([]);
  });

  it('renderer imports from electron/ only the contract and the schemas (any type-only import of the api is fine)', () => {
    expect(
      violations(under('renderer'), (imp) => {
        if (isElectronModule(imp)) return true;
        if (!ours('electron')(imp)) return false;
        if (imp.target === 'electron/api/contract.ts' || ours('electron/schema')(imp)) return false;
        return !(imp.typeOnly && ours('electron/api')(imp));
      }),
    ).toEqual([]);
  });

  it('the host, the api and the core never reach electron, even through a shared module', () => {
    const roots = files.filter((file) =>
      ['electron/host', 'electron/api', 'electron/core'].some((layer) => under(layer)(file)),
    );
    const leaks = roots.flatMap((root) =>
      [...runtimeClosure(root)]
        .filter((file) => (graph.get(file) ?? []).some((imp) => !imp.typeOnly && isElectronModule(imp)))
        .map((file) => `${root} reaches ${file}`),
    );
    expect(leaks).toEqual([]);
  });

  it('the preload bundles nothing but electron and types (a sandboxed preload can require nothing else)', () => {
    expect(
      violations(
        under('electron/preload'),
        (imp) => !imp.typeOnly && !(imp.bare && imp.target === 'electron'),
      ),
    ).toEqual([]);
  });
});
