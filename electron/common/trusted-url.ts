// Pure URL predicates shared by the Electron shell and the loopback host. No `electron` import, so
// the host and plain-Node tests use exactly the checks the shell enforces.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'corroborate';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** C0 control characters and DEL (and, if asked, the space), which no well-formed URL or path contains raw. */
export function hasControlCharacter(text: string, orSpace = false): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || (orSpace && code === 0x20)) return true;
  }
  return false;
}

function parse(url: string): URL | null {
  // A URL that reaches us with raw whitespace or control characters has been tampered with: Chromium
  // never produces one, and the WHATWG parser would silently strip some of them.
  if (typeof url !== 'string' || hasControlCharacter(url, true)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function hasCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

/** Exactly our origin: `app://corroborate`, no credentials, no port, no look-alike host. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    !hasCredentials(parsed)
  );
}

/** A link we may hand to the system browser (after the user confirms): plain http(s), no credentials. */
export function isExternalHttpUrl(url: string): boolean {
  const parsed = parse(url);
  if (parsed === null || hasCredentials(parsed)) return false;
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
}

/**
 * The dev server origin electron-vite hands us in ELECTRON_RENDERER_URL, accepted only when it is a
 * plain http loopback URL, so a stray environment variable cannot point the window anywhere else.
 */
export function loopbackDevOrigin(url: string | undefined): string | null {
  if (url === undefined) return null;
  const parsed = parse(url);
  if (parsed === null || parsed.protocol !== 'http:' || hasCredentials(parsed) || parsed.port === '')
    return null;
  if (parsed.hostname !== '127.0.0.1' && parsed.hostname !== 'localhost') return null;
  return parsed.origin;
}

/** The page our window may show and our IPC may trust: app:// always, the dev server only in development. */
export function isTrustedRendererUrl(url: string, devOrigin: string | null): boolean {
  if (isAppUrl(url)) return true;
  if (devOrigin === null) return false;
  const parsed = parse(url);
  return parsed !== null && !hasCredentials(parsed) && parsed.origin === devOrigin;
}

export interface RequestPolicy {
  /** Set only when unpackaged: the Vite dev server (http and its HMR websocket). */
  devOrigin: string | null;
  /** DevTools load their own devtools:// pages; allowed only when unpackaged. */
  allowDevTools: boolean;
}

/** Which requests the session lets through; everything else is cancelled (the app is offline by construction). */
export function isAllowedSessionRequest(url: string, policy: RequestPolicy): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parse(url);
  if (parsed === null) return false;
  // data: and blob: never touch the network; the CSP allows them for images only.
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  if (policy.allowDevTools && parsed.protocol === 'devtools:') return true;
  if (policy.devOrigin !== null && !hasCredentials(parsed)) {
    const dev = new URL(policy.devOrigin);
    if (parsed.origin === dev.origin) return true;
    if (parsed.protocol === 'ws:' && parsed.host === dev.host) return true;
  }
  return false;
}

/**
 * Maps a request path (percent-encoded, as sent) to a file under rootDir, or null. Refuses rather
 * than normalises anything a real request never contains: dot segments in any encoding, backslashes,
 * NUL and control characters, drive letters, and anything that would resolve outside rootDir.
 */
export function resolveRequestPath(rootDir: string, rawPath: string): string | null {
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  // A '%' left after one decode means double encoding: no file of ours is named like that.
  if (/[\\%:]/.test(decoded) || hasControlCharacter(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  const relative = decoded.endsWith('/') ? `${decoded.slice(1)}index.html` : decoded.slice(1);
  const root = path.resolve(rootDir);
  const full = path.resolve(root, relative);
  const inside = path.relative(root, full);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside))
    return null;
  return full;
}

/** The file an app:// URL names under rootDir, or null for anything that is not ours or escapes rootDir. */
export function resolveAppPath(rootDir: string, url: string): string | null {
  if (!isAppUrl(url) || !url.toLowerCase().startsWith(APP_ORIGIN)) return null;
  // Work on the raw text, not URL.pathname: the parser would quietly collapse `%2e%2e/` and we
  // would rather refuse it.
  const rest = url.slice(APP_ORIGIN.length);
  if (rest !== '' && !/^[/?#]/.test(rest)) return null;
  const end = rest.search(/[?#]/);
  const rawPath = end === -1 ? rest : rest.slice(0, end);
  return resolveRequestPath(rootDir, rawPath === '' ? '/' : rawPath);
}
