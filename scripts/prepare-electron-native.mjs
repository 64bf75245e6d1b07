#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/electron/<version>/better_sqlite3.node,
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

/** Where main looks for the binary (mirrors electron/main/native-binding.ts). */
export function nativeDir(projectRoot, electronVersion) {
  return path.join(projectRoot, '.native', 'electron', electronVersion);
}

/** What the existing build was made from; a different better-sqlite3 or arch means build again. */
export function buildStamp({ electronVersion, betterSqlite3Version, platform, arch }) {
  return { electronVersion, betterSqlite3Version, platform, arch };
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
  const betterSqlite3Version = readJson(path.join(packageDir, 'package.json')).version;
  const wanted = buildStamp({
    electronVersion,
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
    `Building better-sqlite3 ${betterSqlite3Version} for Electron ${electronVersion} (${process.platform}-${process.arch})…`,
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
