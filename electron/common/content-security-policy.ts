// The one Content-Security-Policy of the renderer, for the app:// protocol, the loopback host and
// (minus header-only directives) the <meta> in renderer/index.html, which a test keeps identical.

const directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

type Directive = keyof typeof directives;

// Browsers ignore frame-ancestors in a <meta> and log a console error for it, so it lives in headers only.
const headerOnly: readonly Directive[] = ['frame-ancestors'];

function serialize(names: readonly Directive[]): string {
  return names.map((name) => `${name} ${directives[name].join(' ')}`).join('; ');
}

const allNames = Object.keys(directives) as Directive[];

export const CONTENT_SECURITY_POLICY = serialize(allNames);
export const META_CONTENT_SECURITY_POLICY = serialize(allNames.filter((name) => !headerOnly.includes(name)));

/** Headers every document and asset we serve carries, on app:// and on the loopback host alike. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // The host's page URL carries the token until the shim removes it; never leak it in a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  };
}
