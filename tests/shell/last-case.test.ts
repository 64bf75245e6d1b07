import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LAST_CASE_FILE, readLastCase, writeLastCase } from '../../electron/main/last-case';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-last-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('last case', () => {
  it('is null on first run', () => {
    expect(readLastCase(dir)).toBeNull();
  });

  it('round-trips the path, and only the path, in a private file', () => {
    const file = path.join(dir, 'cases', 'a.evidence');
    writeLastCase(path.join(dir, 'userData'), file);
    expect(readLastCase(path.join(dir, 'userData'))).toBe(file);
    const stored = path.join(dir, 'userData', LAST_CASE_FILE);
    expect(JSON.parse(readFileSync(stored, 'utf8'))).toEqual({ path: file });
    if (process.platform !== 'win32') expect(statSync(stored).mode & 0o077).toBe(0);
  });

  it.each(['not json', '{"path": 3}', '{"path": "relative/a.evidence"}', 'null', '[]'])(
    'treats a damaged file (%s) as first run',
    (content) => {
      writeFileSync(path.join(dir, LAST_CASE_FILE), content);
      expect(readLastCase(dir)).toBeNull();
    },
  );
});
