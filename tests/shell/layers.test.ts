// The architecture of DESIGN.md, enforced: who may import what. Scans the import statements of
// every .ts/.tsx file in electron/ and renderer/ (comments stripped), resolving relative paths.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Strongly connected components of more than one file (or a file importing itself): the cycles. */
function cycles(edges: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!indices.has(v)) visit(v);
  return found;
}

const edgesOf = (keep: (imp: Import) => boolean) =>
  new Map(
    [...graph.entries()].map(([file, imports]) => [
      file,
      imports.filter((imp) => !imp.bare && graph.has(imp.target) && keep(imp)).map((imp) => imp.target),
    ]),
  );

describe('the house: two sibling transports over one Api', () => {
  it('the cycle finder sees a cycle', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(edges)).toEqual([['a', 'b', 'c']]);
  });

  it('no import cycle anywhere in electron/ or renderer/, counting type-only imports', () => {
    expect(cycles(edgesOf(() => true))).toEqual([]);
  });

  it('host and main never import each other', () => {
    expect([
      ...violations(under('electron/host'), ours('electron/main')),
      ...violations(under('electron/main'), ours('electron/host')),
    ]).toEqual([]);
  });

  it('main and host reach the core only through the Api: no import of electron/core, not even of a type', () => {
    expect(
      violations(
        (file) => under('electron/main')(file) || under('electron/host')(file),
        ours('electron/core'),
      ),
    ).toEqual([]);
  });

  it('electron/common holds pure helpers: it imports only Node built-ins, zod, the schemas and itself', () => {
    expect(
      violations(
        under('electron/common'),
        (imp) =>
          !(imp.bare && (imp.target.startsWith('node:') || imp.target === 'zod')) &&
          !ours('electron/common')(imp) &&
          !ours('electron/schema')(imp),
      ),
    ).toEqual([]);
  });

  it('electron/api imports neither the shell, the host, the preload nor the renderer', () => {
    expect(
      violations(under('electron/api'), (imp) =>
        ['electron/main', 'electron/host', 'electron/preload', 'renderer'].some((layer) => ours(layer)(imp)),
      ),
    ).toEqual([]);
  });

  it('the contract imports nothing of the core (the renderer compiles it)', () => {
    expect(violations((file) => file === 'electron/api/contract.ts', ours('electron/core'))).toEqual([]);
  });
});

describe("the renderer's type-check", () => {
  const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');

  it('reaches no file of electron/core and no Node types', () => {
    const run = spawnSync(
      process.execPath,
      [tsc, '-p', path.join(repo, 'tsconfig.web.json'), '--noEmit', '--listFilesOnly'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const listed = run.stdout.split('\n').filter(Boolean);
    expect(listed.some((file) => file.includes('/renderer/src/'))).toBe(true);
    expect(listed.filter((file) => file.includes('/electron/core/') || file.includes('@types/node'))).toEqual(
      [],
    );
  });

  it('refuses a renderer file that uses a Node type (Buffer)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corroborate-web-types-'));
    try {
      writeFileSync(path.join(dir, 'probe.ts'), 'export const bytes: Buffer | null = null;\n');
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({ extends: path.join(repo, 'tsconfig.web.json'), include: ['probe.ts'] }),
      );
      const run = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json'), '--noEmit'], {
        encoding: 'utf8',
      });
      expect(run.status).not.toBe(0);
      expect(run.stdout).toContain("Cannot find name 'Buffer'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tracked paths', () => {
  // A name with a right-to-left override displays as something else; a non-ASCII name breaks on
  // some file systems and archive tools. Both were once committed by a fuzzing test.
  const unsafe = (name: string) => /[^\x20-\x7e]/.test(name);

  it('the check names an unsafe path', () => {
    expect(unsafe('\u202e/SHA256SUMS')).toBe(true);
    expect(unsafe('z/attachments.json')).toBe(false);
    expect(unsafe('tests/fixtures/caf\u00e9.bib')).toBe(true);
  });

  it.skipIf(!existsSync(path.join(repo, '.git')))('every tracked path is printable ASCII', () => {
    const run = spawnSync('git', ['ls-files', '-z'], { cwd: repo, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const paths = run.stdout.split('\0').filter(Boolean);
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.filter(unsafe)).toEqual([]);
  });
});
