// electron-builder afterPack hook: flips the Electron fuses (scripts/fuses.cjs) in the packaged
// binary before it is signed and wrapped into AppImage / deb / dmg / NSIS.
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');
const { fuses } = require('./fuses.cjs');

/** fuses.cjs by name → @electron/fuses config; an unknown name fails the build rather than being skipped. */
function fuseConfig(platformName, arch) {
  const config = {
    version: FuseVersion.V1,
    // Every fuse this @electron/fuses knows must be decided, so a new one cannot slip in unset.
    strictlyRequireAllFuses: true,
    // Flipping fuses invalidates the ad-hoc signature of Apple-silicon builds (Arch: 3 arm64, 4 universal).
    resetAdHocDarwinSignature: platformName === 'darwin' && (arch === 3 || arch === 4),
  };
  for (const [name, enabled] of Object.entries(fuses)) {
    const option = FuseV1Options[name];
    if (typeof option !== 'number') throw new Error(`scripts/fuses.cjs names an unknown fuse: ${name}`);
    config[option] = enabled;
  }
  return config;
}

/** The file holding the fuse wire: the .app bundle on macOS, the executable elsewhere. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  await flipFuses(electronBinaryPath(context), fuseConfig(context.electronPlatformName, context.arch));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
