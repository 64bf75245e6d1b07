// Checks every host request passes before anything else runs. Pure functions of header values,
// so each rule is tested on its own.
import { createHash, timingSafeEqual } from 'node:crypto';

/** The Host header must name us by loopback address or `localhost`: a DNS-rebound name is refused. */
export function isAllowedHostHeader(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const value = host.toLowerCase();
  return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}

export function ownOrigins(port: number): readonly string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** Browsers send Origin on cross-site requests; absent (curl, same-origin GET) is fine, anything foreign is not. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || ownOrigins(port).includes(origin.toLowerCase());
}

export function bearerToken(authorization: string | undefined): string | null {
  if (authorization === undefined) return null;
  const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
  return match?.[1] ?? null;
}

/** Constant-time: hashing first makes both sides the same length, so length leaks nothing either. */
export function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  // JSON is UTF-8 (RFC 8259); a declared other charset would be decoded wrongly, so refuse it.
  return parameters.every((parameter) => !parameter.startsWith('charset=') || parameter === 'charset=utf-8');
}

/** Tokens ride in a URL query, so they must be URL-safe and long enough to be unguessable. */
export function isValidToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{32,256}$/.test(token);
}
