// Types of the pure parts of prepare-electron-native.mjs, for the tests.
export interface BuildTarget {
  electronVersion: string;
  /** The package behind the better-sqlite3 alias (better-sqlite3-multiple-ciphers). */
  packageName: string;
  betterSqlite3Version: string;
  platform: string;
  arch: string;
}
export declare const NATIVE_FILE: string;
export declare const STAMP_FILE: string;
export declare const ELECTRON_HEADERS_URL: string;
export declare const CIPHER_PACKAGE: string;
export declare function assertCipherPackage(packageName: string): void;
export declare function binaryHasCipher(bytes: Buffer): boolean;
export declare function nativeDir(projectRoot: string, electronVersion: string): string;
export declare function buildStamp(target: BuildTarget): BuildTarget;
export declare function isUpToDate(
  existingStamp: unknown,
  wanted: BuildTarget,
  binaryExists: boolean,
): boolean;
export declare function shouldCopy(packageDir: string, source: string): boolean;
export declare function prebuildInstallArgs(
  target: Pick<BuildTarget, 'electronVersion' | 'platform' | 'arch'>,
): string[];
export declare function nodeGypArgs(target: Pick<BuildTarget, 'electronVersion' | 'arch'>): string[];
export declare function failureMessage(report: {
  electronVersion: string;
  attempts: ReadonlyArray<{ tool: string; detail: string }>;
}): string;
export declare function prepare(projectRoot: string): string;
