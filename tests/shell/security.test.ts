import type { Session, WebContents } from 'electron';
import type { RequestPolicy } from '../../electron/common/trusted-url';
import { hardenSession, hardenWebContents } from '../../electron/main/security';
import { FakeWebContents, fakeSession } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

function hardened(policy: RequestPolicy = { devOrigin: null, allowDevTools: false }) {
  const session = fakeSession();
  hardenSession(session as unknown as Session, policy);
  return session;
}

describe('session guards', () => {
  it('denies every permission request and check', () => {
    const session = hardened();
    const requestHandler = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'unknown',
    ]) {
      const callback = vi.fn();
      requestHandler({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const checkHandler = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (
      ...args: unknown[]
    ) => boolean;
    expect(checkHandler(null, 'media', 'app://corroborate', {})).toBe(false);
    const deviceHandler = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (
      ...args: unknown[]
    ) => boolean;
    expect(deviceHandler({ deviceType: 'usb' })).toBe(false);
    const displayHandler = session.setDisplayMediaRequestHandler.mock.calls[0]?.[0] as (
      request: unknown,
      callback: (streams: unknown) => void,
    ) => void;
    const streams = vi.fn();
    displayHandler({}, streams);
    expect(streams).toHaveBeenCalledWith(null);
  });

  it('turns off the spellchecker, which would download dictionaries', () => {
    expect(hardened().setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });

  it('cancels every request that is not app://', () => {
    const session = hardened();
    expect(session.cancels('app://corroborate/index.html')).toBe(false);
    expect(session.cancels('app://corroborate/assets/index.js')).toBe(false);
    for (const url of [
      'https://example.org/',
      'http://127.0.0.1:8080/',
      'http://localhost:5173/',
      'ws://localhost:5173/',
      'file:///etc/passwd',
      'app://corroborate.evil/',
      'devtools://devtools/bundled/inspector.html',
      'https://evil/?next=app://corroborate/',
    ]) {
      expect(session.cancels(url), url).toBe(true);
    }
  });

  it('lets the dev server and DevTools through only when told to (unpackaged)', () => {
    const session = hardened({ devOrigin: 'http://localhost:5173', allowDevTools: true });
    expect(session.cancels('http://localhost:5173/src/main.tsx')).toBe(false);
    expect(session.cancels('ws://localhost:5173/')).toBe(false);
    expect(session.cancels('devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(session.cancels('https://example.org/')).toBe(true);
    expect(session.cancels('http://localhost:5174/')).toBe(true);
  });
});

describe('page guards', () => {
  function guarded() {
    const contents = new FakeWebContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as unknown as WebContents, { openExternal });
    return { contents, openExternal };
  }

  it('prevents every navigation and hands only http(s) links to the confirm flow', () => {
    const { contents, openExternal } = guarded();
    expect(contents.fire('will-navigate', 'app://corroborate/other.html').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'javascript:alert(1)').defaultPrevented).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
    expect(contents.fire('will-navigate', 'https://example.org/').defaultPrevented).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('prevents subframe navigation', () => {
    const { contents } = guarded();
    expect(
      contents.fireWith('will-frame-navigate', { isMainFrame: false, url: 'https://evil/' }).defaultPrevented,
    ).toBe(true);
  });

  it('prevents redirects and <webview>', () => {
    const { contents } = guarded();
    expect(contents.fire('will-redirect', 'https://evil/').defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'app://corroborate/index.html').defaultPrevented).toBe(true);
    expect(contents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
  });

  it('denies window.open, handing http(s) URLs (only) to the confirm flow', () => {
    const { contents, openExternal } = guarded();
    const handler = contents.windowOpenHandler;
    expect(handler).not.toBeNull();
    for (const url of [
      'https://example.org/',
      'app://corroborate/index.html',
      'file:///etc/passwd',
      'about:blank',
    ]) {
      expect(handler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://example.org/');
  });
});
