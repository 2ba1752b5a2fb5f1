/**
 * Electron fuses for the packaged app (flipped in the binary at package time; see build/electron-builder.yml,
 * which must match). Keys follow @electron/fuses FuseV1Options names.
 */
export interface FusesConfig {
  RunAsNode: boolean;
  EnableNodeOptionsEnvironmentVariable: boolean;
  EnableNodeCliInspectArguments: boolean;
  EnableEmbeddedAsarIntegrityValidation: boolean;
  OnlyLoadAppFromAsar: boolean;
  EnableCookieEncryption: boolean;
}

export function fusesConfig(): FusesConfig {
  return {
    RunAsNode: false, // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain node
    EnableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS could inject --require code
    EnableNodeCliInspectArguments: false, // --inspect would expose the main process (and data key)
    EnableEmbeddedAsarIntegrityValidation: true, // tampered app.asar refuses to load
    OnlyLoadAppFromAsar: true, // no loose app/ folder side-loading
    EnableCookieEncryption: true,
  };
}
