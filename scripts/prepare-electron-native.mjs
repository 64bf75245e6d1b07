#!/usr/bin/env node
// Builds better-sqlite3 (the SQLCipher build, better-sqlite3-multiple-ciphers, installed under the
// name better-sqlite3 by an npm alias) for Electron's ABI into .native/electron/<version>/better_sqlite3.node,
// from a private copy of the package source, so node_modules/better-sqlite3/build (the Node build
// that the tests use) is never touched. Run by `npm start` (and before packaging); a no-op when the
// build for this Electron and better-sqlite3 version is already there.
//
// Tries a prebuilt binary first (prebuild-install, from GitHub), then compiles against Electron's
// headers (node-gyp, from electronjs.org). Both need the network once.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NATIVE_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'build-info.json';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
/** The package the alias must point at: case files are encrypted only by this build. */
export const CIPHER_PACKAGE = 'better-sqlite3-multiple-ciphers';
/** A string only the SQLite3 Multiple Ciphers amalgamation puts in the binary. */
const CIPHER_MARKER = 'sqlite3mc_version';

/** Where main looks for the binary (mirrors electron/main/native-binding.ts). */
export function nativeDir(projectRoot, electronVersion) {
  return path.join(projectRoot, '.native', 'electron', electronVersion);
}

/** What the existing build was made from; a different better-sqlite3 or arch means build again. */
export function buildStamp({ electronVersion, packageName, betterSqlite3Version, platform, arch }) {
  return { electronVersion, packageName, betterSqlite3Version, platform, arch };
}

/**
 * Refuses to build from plain better-sqlite3: its binary would load and silently write
 * unencrypted case files where the app promises encrypted ones.
 */
export function assertCipherPackage(packageName) {
  if (packageName !== CIPHER_PACKAGE)
    throw new Error(
      `node_modules/better-sqlite3 is ${packageName}, not ${CIPHER_PACKAGE}: the app needs the SQLCipher build. Run npm install.`,
    );
}

/** Whether a built binary is the cipher build (the Electron copy is checked before it is installed). */
export function binaryHasCipher(bytes) {
  return bytes.includes(Buffer.from(CIPHER_MARKER));
}

export function isUpToDate(existingStamp, wanted, binaryExists) {
  if (!binaryExists || existingStamp === null || typeof existingStamp !== 'object') return false;
  return Object.entries(wanted).every(([key, value]) => existingStamp[key] === value);
}

/** Copy the package's sources, not its Node build or its dependencies. */
export function shouldCopy(packageDir, source) {
  const relative = path.relative(packageDir, source);
  const top = relative.split(path.sep)[0];
  return top !== 'build' && top !== 'node_modules' && top !== 'prebuilds';
}

export function prebuildInstallArgs({ electronVersion, platform, arch }) {
  return [
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--platform',
    platform,
    '--arch',
    arch,
    '--verbose',
  ];
}

export function nodeGypArgs({ electronVersion, arch }) {
  return [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
  ];
}

export function failureMessage({ electronVersion, attempts }) {
  return [
    `Could not build better-sqlite3 for Electron ${electronVersion}.`,
    ...attempts.map(({ tool, detail }) => `  - ${tool}: ${detail}`),
    'Building needs network access once: github.com (prebuilt binaries) or electronjs.org/headers',
    '(Electron headers, plus Python 3 and a C++17 toolchain). The tests do not need this step:',
    '`npm test` uses the Node build in node_modules/better-sqlite3/build, which this script never touches.',
  ].join('\n');
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function binOf(require, pkg, bin) {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bins = JSON.parse(readFileSync(manifest, 'utf8')).bin;
  return path.join(path.dirname(manifest), typeof bins === 'string' ? bins : bins[bin]);
}

function run(tool, script, args, cwd) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.error) return `${tool} could not start (${result.error.message})`;
  return result.status === 0 ? null : `${tool} exited with ${result.status ?? result.signal}`;
}

export function prepare(projectRoot) {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  const electronVersion = readJson(require.resolve('electron/package.json')).version;
  const packageDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const manifest = readJson(path.join(packageDir, 'package.json'));
  assertCipherPackage(manifest.name);
  const betterSqlite3Version = manifest.version;
  const wanted = buildStamp({
    electronVersion,
    packageName: manifest.name,
    betterSqlite3Version,
    platform: process.platform,
    arch: process.arch,
  });
  const targetDir = nativeDir(projectRoot, electronVersion);
  const target = path.join(targetDir, NATIVE_FILE);
  if (isUpToDate(readJson(path.join(targetDir, STAMP_FILE)), wanted, existsSync(target))) {
    console.log(
      `better-sqlite3 for Electron ${electronVersion} is ready: ${path.relative(projectRoot, target)}`,
    );
    return target;
  }

  console.log(
    `Building ${manifest.name} ${betterSqlite3Version} for Electron ${electronVersion} (${process.platform}-${process.arch})…`,
  );
  const work = mkdtempSync(path.join(os.tmpdir(), 'corroborate-native-'));
  try {
    cpSync(packageDir, work, { recursive: true, filter: (source) => shouldCopy(packageDir, source) });
    const built = path.join(work, 'build', 'Release', NATIVE_FILE);
    const attempts = [];
    const prebuild = run(
      'prebuild-install',
      binOf(require, 'prebuild-install', 'prebuild-install'),
      prebuildInstallArgs(wanted),
      work,
    );
    if (prebuild !== null || !existsSync(built)) {
      attempts.push({ tool: 'prebuild-install', detail: prebuild ?? 'no binary was produced' });
      const gyp = run('node-gyp', binOf(require, 'node-gyp', 'node-gyp'), nodeGypArgs(wanted), work);
      if (gyp !== null || !existsSync(built)) {
        attempts.push({ tool: 'node-gyp', detail: gyp ?? 'no binary was produced' });
        throw new Error(failureMessage({ electronVersion, attempts }));
      }
    }
    if (!binaryHasCipher(readFileSync(built)))
      throw new Error(`The binary built from ${manifest.name} has no SQLCipher in it; it was not installed.`);
    mkdirSync(targetDir, { recursive: true });
    // Copy then rename, so an interrupted run never leaves a truncated binary that looks ready.
    copyFileSync(built, `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    writeFileSync(path.join(targetDir, STAMP_FILE), `${JSON.stringify(wanted, null, 2)}\n`);
    console.log(`Built ${path.relative(projectRoot, target)}`);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  try {
    prepare(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
