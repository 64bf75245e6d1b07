export interface PackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
declare function afterPack(context: PackContextLike): Promise<void>;
declare namespace afterPack {
  function fuseConfig(platformName: string, arch: number): Record<string, unknown>;
  function electronBinaryPath(context: PackContextLike): string;
}
export = afterPack;
