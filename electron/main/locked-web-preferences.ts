// The webPreferences every window of ours starts from: each safe value set explicitly, even where
// Electron's default already is, so a changed default or a careless edit shows up in the shell
// tests. The main window and the report printer add only what differs (a preload; no JavaScript).
import type { WebPreferences } from 'electron';

export const LOCKED_WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  experimentalFeatures: false,
  enableWebSQL: false,
  navigateOnDragDrop: false,
});
