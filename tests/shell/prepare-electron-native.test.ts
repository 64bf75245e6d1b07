import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  assertCipherPackage,
  binaryHasCipher,
  buildStamp,
  CIPHER_PACKAGE,
  failureMessage,
  isUpToDate,
  nativeDir,
  nodeGypArgs,
  prebuildInstallArgs,
  shouldCopy,
} from '../../scripts/prepare-electron-native.mjs';

const target = buildStamp({
  electronVersion: '45.5.0',
  packageName: 'better-sqlite3-multiple-ciphers',
  betterSqlite3Version: '12.11.1',
  platform: 'linux',
  arch: 'x64',
});

describe('scripts/prepare-electron-native.mjs (pure parts)', () => {
  it('builds into .native/electron/<version>, outside node_modules', () => {
    expect(nativeDir('/repo', '45.5.0')).toBe(path.join('/repo', '.native', 'electron', '45.5.0'));
  });

  it('skips only when the binary exists and was built from the same versions for this machine', () => {
    expect(isUpToDate(target, target, true)).toBe(true);
    expect(isUpToDate(target, target, false)).toBe(false);
    expect(isUpToDate(null, target, true)).toBe(false);
    expect(isUpToDate({ ...target, betterSqlite3Version: '12.10.0' }, target, true)).toBe(false);
    expect(isUpToDate({ ...target, arch: 'arm64' }, target, true)).toBe(false);
    // A build left from plain better-sqlite3 of the same version number is not reused.
    expect(isUpToDate({ ...target, packageName: 'better-sqlite3' }, target, true)).toBe(false);
    expect(isUpToDate({ ...target, packageName: undefined }, target, true)).toBe(false);
    expect(isUpToDate('garbage', target, true)).toBe(false);
  });

  it('copies the sources but never the Node build or dependencies', () => {
    const pkg = path.join('/nm', 'better-sqlite3');
    expect(shouldCopy(pkg, pkg)).toBe(true);
    expect(shouldCopy(pkg, path.join(pkg, 'src', 'better_sqlite3.cpp'))).toBe(true);
    expect(shouldCopy(pkg, path.join(pkg, 'deps', 'sqlite3', 'sqlite3.c'))).toBe(true);
    expect(shouldCopy(pkg, path.join(pkg, 'binding.gyp'))).toBe(true);
    expect(shouldCopy(pkg, path.join(pkg, 'build'))).toBe(false);
    expect(shouldCopy(pkg, path.join(pkg, 'build', 'Release', 'better_sqlite3.node'))).toBe(false);
    expect(shouldCopy(pkg, path.join(pkg, 'node_modules', 'x'))).toBe(false);
  });

  it('asks prebuild-install for an Electron binary, and node-gyp for Electron headers', () => {
    expect(prebuildInstallArgs(target)).toEqual(
      expect.arrayContaining(['--runtime', 'electron', '--target', '45.5.0', '--arch', 'x64']),
    );
    expect(nodeGypArgs(target)).toEqual(
      expect.arrayContaining(['rebuild', '--target=45.5.0', '--dist-url=https://electronjs.org/headers']),
    );
  });

  it('fails with a message that says what was tried and that tests do not need it', () => {
    const message = failureMessage({
      electronVersion: '45.5.0',
      attempts: [
        { tool: 'prebuild-install', detail: 'exited with 1' },
        { tool: 'node-gyp', detail: 'exited with 1' },
      ],
    });
    expect(message).toContain('Electron 45.5.0');
    expect(message).toContain('prebuild-install: exited with 1');
    expect(message).toContain('node-gyp: exited with 1');
    expect(message).toContain('npm test');
  });

  it('builds only the SQLCipher package, which the better-sqlite3 alias installs', () => {
    const require = createRequire(path.join(process.cwd(), 'package.json'));
    const manifest = JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8'));
    expect(manifest.name).toBe(CIPHER_PACKAGE);
    expect(() => assertCipherPackage(manifest.name)).not.toThrow();
    expect(() => assertCipherPackage('better-sqlite3')).toThrow(/SQLCipher build/);
  });

  it('tells the cipher binary from a plain one (the check before installing the Electron copy)', () => {
    const require = createRequire(path.join(process.cwd(), 'package.json'));
    const dir = path.dirname(require.resolve('better-sqlite3/package.json'));
    // The Node build of the very package the script copies: compiled from the same sources.
    expect(binaryHasCipher(readFileSync(path.join(dir, 'build', 'Release', 'better_sqlite3.node')))).toBe(
      true,
    );
    expect(binaryHasCipher(Buffer.from('\x7fELF plain sqlite3 build, SQLite format 3'))).toBe(false);
  });
});
