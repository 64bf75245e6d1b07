// Every session- and page-level denial of DESIGN.md's Transports, in one place. The app is offline
// by construction and its renderer gets no capability beyond drawing itself and calling the contract.
import type { Session, WebContents } from 'electron';
import { isAllowedSessionRequest, isExternalHttpUrl, type RequestPolicy } from '../common/trusted-url';

export function hardenSession(session: Session, policy: RequestPolicy): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  // The spellchecker downloads dictionaries from Google: a network request we never make.
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedSessionRequest(details.url, policy) });
  });
}

export interface PageGuardOptions {
  /** Called with http(s) URLs the page tried to open; the handler asks the user first. */
  openExternal(url: string): void;
}

/** Applied to every WebContents the app ever creates (via `web-contents-created`), not only ours. */
export function hardenWebContents(contents: WebContents, options: PageGuardOptions): void {
  const handOff = (url: string): void => {
    if (isExternalHttpUrl(url)) options.openExternal(url);
  };
  // The renderer is a single page: it never navigates, so every navigation is either a link to
  // hand to the browser or an attack.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    handOff(url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    handOff(url);
    return { action: 'deny' };
  });
}
