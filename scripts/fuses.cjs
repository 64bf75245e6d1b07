// The Electron fuses of every packaged build, by @electron/fuses FuseV1Options name. DESIGN.md
// (Transports): "RunAsNode, NODE_OPTIONS, inspect off; cookie encryption, asar integrity,
// only-load-from-asar on; file-protocol privileges off". tests/shell/fuses.test.ts holds this
// object to that sentence; scripts/after-pack.cjs flips them.
const fuses = Object.freeze({
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
  // Not named by DESIGN.md; set explicitly (to Electron's default) so every fuse is decided.
  LoadBrowserProcessSpecificV8Snapshot: false,
});

module.exports = { fuses };
