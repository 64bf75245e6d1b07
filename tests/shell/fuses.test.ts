import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import afterPack from '../../scripts/after-pack.cjs';
import { fuses } from '../../scripts/fuses.cjs';

const repo = path.resolve(import.meta.dirname, '../..');

// DESIGN.md, Transports: "Fuses: RunAsNode, NODE_OPTIONS, inspect off; cookie encryption, asar
// integrity, only-load-from-asar on; file-protocol privileges off."
const designSays = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};
const designSentence =
  'Fuses: RunAsNode, NODE_OPTIONS, inspect off; cookie encryption, asar integrity, only-load-from-asar on; file-protocol privileges off.';

const designPath = ['DESIGN.md', 'docs/DESIGN.md', '../shared/DESIGN.md']
  .map((file) => path.resolve(repo, file))
  .find((file) => existsSync(file));

describe('Electron fuses', () => {
  it('sets every fuse DESIGN.md names, to the value it names', () => {
    expect(fuses).toMatchObject(designSays);
  });

  it('decides every fuse @electron/fuses knows, and only those', () => {
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(Object.keys(fuses).sort()).toEqual(known.sort());
  });

  it.runIf(designPath !== undefined)('DESIGN.md still says what this test encodes', () => {
    const text = readFileSync(designPath as string, 'utf8').replace(/\s+/g, ' ');
    expect(text).toContain(designSentence);
  });

  it('after-pack maps them onto the fuse wire, strictly', () => {
    const config = afterPack.fuseConfig('linux', 1);
    expect(config.version).toBe(FuseVersion.V1);
    expect(config.strictlyRequireAllFuses).toBe(true);
    expect(config.resetAdHocDarwinSignature).toBe(false);
    for (const [name, enabled] of Object.entries(designSays)) {
      expect(config[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe(enabled);
    }
  });

  it('re-signs Apple-silicon macOS builds after flipping', () => {
    expect(afterPack.fuseConfig('darwin', 3).resetAdHocDarwinSignature).toBe(true);
    expect(afterPack.fuseConfig('darwin', 1).resetAdHocDarwinSignature).toBe(false);
  });

  it('finds the Electron binary of each platform', () => {
    const packager = { appInfo: { productFilename: 'Corroborate' }, executableName: 'corroborate' };
    const at = (electronPlatformName: string) =>
      afterPack.electronBinaryPath({ appOutDir: '/out', electronPlatformName, arch: 1, packager });
    expect(at('linux')).toBe(path.join('/out', 'corroborate'));
    expect(at('win32')).toBe(path.join('/out', 'Corroborate.exe'));
    expect(at('darwin')).toBe(path.join('/out', 'Corroborate.app'));
  });

  it('electron-builder runs the hook and never rebuilds the Node build of better-sqlite3 in place', () => {
    const yml = readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^afterPack: scripts\/after-pack\.cjs$/m);
    expect(yml).toMatch(/^npmRebuild: false$/m);
    expect(yml).toMatch(/^productName: Corroborate$/m);
  });
});
