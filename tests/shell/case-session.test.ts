import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalApi } from '../../electron/api/local-api';
import {
  CaseSession,
  caseNameOf,
  defaultCasePath,
  openAtStartup,
  windowTitle,
  withCaseExtension,
} from '../../electron/main/case-session';

function fakeOpener(refuse: (file: string) => string | null = () => null) {
  const opened: { path: string; create: boolean; closed: boolean }[] = [];
  const open = vi.fn((file: string, create: boolean) => {
    const reason = refuse(file);
    if (reason !== null) throw new Error(reason);
    const entry = { path: file, create, closed: false };
    opened.push(entry);
    return {
      call: async () => ({ ok: true as const, value: null }),
      // The session only holds the trusted face; these tests never use it.
      local: {} as LocalApi,
      close: () => {
        entry.closed = true;
      },
    };
  });
  return { open, opened };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-session-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('case names and titles', () => {
  it.each([
    ['/cases/Sergek deal.evidence', 'Sergek deal'],
    ['/cases/SORM.EVIDENCE', 'SORM'],
    ['/cases/notes.txt', 'notes.txt'],
    ['/cases/.evidence', '.evidence'],
  ])('%s → %s', (file, name) => {
    expect(caseNameOf(file)).toBe(name);
  });

  it('shows the case name in the title', () => {
    expect(windowTitle('Sergek deal')).toBe('Sergek deal — Corroborate');
    expect(windowTitle(null)).toBe('Corroborate');
  });

  it('adds the extension only when missing', () => {
    expect(withCaseExtension('/a/b')).toBe('/a/b.evidence');
    expect(withCaseExtension('/a/b.evidence')).toBe('/a/b.evidence');
  });
});

describe('CaseSession', () => {
  it('opens the new case before closing the old one', () => {
    const { open, opened } = fakeOpener();
    const session = new CaseSession(open);
    const first = session.open(path.join(dir, 'a.evidence'));
    const second = session.open(path.join(dir, 'b.evidence'));
    expect(opened.map((o) => o.closed)).toEqual([true, false]);
    expect(session.current).toBe(second);
    expect(first.name).toBe('a');
  });

  it('keeps the open case when the new one is refused', () => {
    const { open, opened } = fakeOpener((file) => (file.endsWith('bad.evidence') ? 'not a case file' : null));
    const session = new CaseSession(open);
    const good = session.open(path.join(dir, 'good.evidence'));
    expect(() => session.open(path.join(dir, 'bad.evidence'))).toThrow('not a case file');
    expect(session.current).toBe(good);
    expect(opened[0]?.closed).toBe(false);
  });

  it('creates the folder of a new case', () => {
    const { open } = fakeOpener();
    const file = path.join(dir, 'nested', 'deeper', 'new.evidence');
    new CaseSession(open).open(file, true);
    expect(existsSync(path.dirname(file))).toBe(true);
    expect(open).toHaveBeenCalledWith(file, true, {});
  });

  it('close() closes the case', () => {
    const { open, opened } = fakeOpener();
    const session = new CaseSession(open);
    session.open(path.join(dir, 'a.evidence'));
    session.close();
    expect(session.current).toBeNull();
    expect(opened[0]?.closed).toBe(true);
  });
});

describe('openAtStartup', () => {
  it('creates the default case in user data on first run', () => {
    const { open } = fakeOpener();
    const report = vi.fn();
    const defaultCase = defaultCasePath(dir);
    const opened = openAtStartup(new CaseSession(open), {
      lastCase: null,
      defaultCase,
      exists: () => false,
      report,
    });
    expect(opened?.path).toBe(defaultCase);
    expect(defaultCase.startsWith(dir)).toBe(true);
    expect(open).toHaveBeenCalledWith(defaultCase, true, {});
    expect(report).not.toHaveBeenCalled();
  });

  it('on first run writes the sample case through `seed`, then opens it without creating an empty one', () => {
    const { open } = fakeOpener();
    const defaultCase = defaultCasePath(dir);
    const seed = vi.fn();
    const opened = openAtStartup(new CaseSession(open), {
      lastCase: null,
      defaultCase,
      exists: () => false,
      seed,
      report: vi.fn(),
    });
    expect(seed).toHaveBeenCalledWith(defaultCase);
    expect(open).toHaveBeenCalledWith(defaultCase, false, {});
    expect(opened?.path).toBe(defaultCase);
  });

  it('does not seed again once the default case exists', () => {
    const { open } = fakeOpener();
    const seed = vi.fn();
    openAtStartup(new CaseSession(open), {
      lastCase: null,
      defaultCase: defaultCasePath(dir),
      exists: () => true,
      seed,
      report: vi.fn(),
    });
    expect(seed).not.toHaveBeenCalled();
  });

  it('reopens the last case', () => {
    const { open } = fakeOpener();
    const last = path.join(dir, 'last.evidence');
    const opened = openAtStartup(new CaseSession(open), {
      lastCase: last,
      defaultCase: defaultCasePath(dir),
      exists: () => true,
      report: vi.fn(),
    });
    expect(opened?.path).toBe(last);
    expect(open).toHaveBeenCalledWith(last, false, {});
  });

  it('reports a refused or missing last case, then opens the default one without creating over it', () => {
    const last = path.join(dir, 'last.evidence');
    const defaultCase = defaultCasePath(dir);
    for (const exists of [() => true, (file: string) => file === defaultCase]) {
      const { open } = fakeOpener((file) => (file === last ? 'newer than this app' : null));
      const report = vi.fn();
      const opened = openAtStartup(new CaseSession(open), { lastCase: last, defaultCase, exists, report });
      expect(opened?.path).toBe(defaultCase);
      expect(report).toHaveBeenCalledWith(last, expect.any(Error));
      expect(open).toHaveBeenLastCalledWith(defaultCase, false, {});
    }
  });

  it('gives up (null) when even the default case is refused', () => {
    const { open } = fakeOpener(() => 'corrupt');
    const report = vi.fn();
    const opened = openAtStartup(new CaseSession(open), {
      lastCase: null,
      defaultCase: defaultCasePath(dir),
      exists: () => true,
      report,
    });
    expect(opened).toBeNull();
    expect(report).toHaveBeenCalledTimes(1);
  });
});
