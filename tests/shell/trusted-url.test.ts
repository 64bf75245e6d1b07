import path from 'node:path';
import {
  isAllowedSessionRequest,
  isAppUrl,
  isExternalHttpUrl,
  isTrustedRendererUrl,
  loopbackDevOrigin,
  resolveAppPath,
  resolveRequestPath,
} from '../../electron/common/trusted-url';

describe('isAppUrl', () => {
  it.each([
    ['app://corroborate/index.html', true],
    ['app://corroborate/', true],
    ['app://corroborate', true],
    ['app://corroborate/assets/index-abc.js?v=1#x', true],
    ['app://x.evil/', false],
    ['app://corroborate.evil/', false],
    ['app://evil.corroborate/', false],
    ['app://corroborate@evil/', false],
    ['app://evil@corroborate/', false],
    ['app://user:pass@corroborate/', false],
    ['app://corroborate:443/', false],
    ['app://CORROBORATE/', false],
    ['app://corr%6Fborate/', false],
    ['app:corroborate/index.html', false],
    ['app:///corroborate/index.html', false],
    [' app://corroborate/', false],
    ['app://corroborate/\n', false],
    ['ap\tp://corroborate/', false],
    ['https://corroborate/', false],
    ['https://evil/?next=app://corroborate/', false],
    ['https://evil/#app://corroborate/', false],
    ['file:///app/corroborate/index.html', false],
    ['javascript:location="app://corroborate/"', false],
    ['data:text/html,app://corroborate', false],
    ['blob:app://corroborate/0d1c', false],
    ['', false],
    ['not a url', false],
  ])('%j → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('isExternalHttpUrl', () => {
  it.each([
    ['https://example.org/report.pdf', true],
    ['http://example.org/', true],
    ['HTTPS://Example.org/', true],
    ['https://user:pass@example.org/', false],
    ['https://user@example.org/', false],
    ['https://example.org@evil.test/', false],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['file:///etc/passwd', false],
    ['ftp://example.org/', false],
    ['mailto:someone@example.org', false],
    ['app://corroborate/index.html', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox', false],
    ['smb://server/share', false],
    ['ms-msdt:/id', false],
    ['https:// example.org', false],
    ['https://exa\nmple.org/', false],
    ['//example.org/', false],
    ['', false],
  ])('%j → %s', (url, expected) => {
    expect(isExternalHttpUrl(url)).toBe(expected);
  });
});

describe('loopbackDevOrigin', () => {
  it.each([
    ['http://localhost:5173/', 'http://localhost:5173'],
    ['http://127.0.0.1:5173', 'http://127.0.0.1:5173'],
    ['http://example.org:5173/', null],
    ['https://localhost:5173/', null],
    ['http://localhost/', null],
    ['http://user@localhost:5173/', null],
    ['http://localhost.evil:5173/', null],
    ['http://0.0.0.0:5173/', null],
    [undefined, null],
  ])('%j → %j', (url, expected) => {
    expect(loopbackDevOrigin(url)).toBe(expected);
  });
});

describe('isTrustedRendererUrl', () => {
  it('trusts app:// always and the dev server only when one is configured', () => {
    expect(isTrustedRendererUrl('app://corroborate/index.html', null)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/', null)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedRendererUrl('http://evil/?x=http://localhost:5173', 'http://localhost:5173')).toBe(false);
    expect(isTrustedRendererUrl('app://x.evil/', 'http://localhost:5173')).toBe(false);
  });
});

describe('isAllowedSessionRequest', () => {
  const packaged = { devOrigin: null, allowDevTools: false };
  const dev = { devOrigin: 'http://localhost:5173', allowDevTools: true };

  it.each([
    ['app://corroborate/index.html', true, true],
    ['data:image/png;base64,AAAA', true, true],
    ['blob:app://corroborate/7d3a', true, true],
    ['https://example.org/', false, false],
    ['http://localhost:5173/src/main.tsx', false, true],
    ['ws://localhost:5173/', false, true],
    ['http://localhost:5174/', false, false],
    ['devtools://devtools/bundled/inspector.html', false, true],
    ['file:///etc/passwd', false, false],
    ['app://x.evil/', false, false],
    ['chrome-extension://abc/', false, false],
    ['wss://example.org/', false, false],
  ])('%j: packaged %s, dev %s', (url, whenPackaged, inDev) => {
    expect(isAllowedSessionRequest(url, packaged)).toBe(whenPackaged);
    expect(isAllowedSessionRequest(url, dev)).toBe(inDev);
  });
});

describe('resolveAppPath', () => {
  const root = path.resolve('/srv/renderer');
  const inRoot = (...parts: string[]) => path.join(root, ...parts);

  it.each([
    ['app://corroborate/', inRoot('index.html')],
    ['app://corroborate', inRoot('index.html')],
    ['app://corroborate/index.html', inRoot('index.html')],
    ['app://corroborate/index.html?x=1#y', inRoot('index.html')],
    ['app://corroborate/assets/index-abc.js', inRoot('assets', 'index-abc.js')],
    ['app://corroborate/assets/a%20b.css', inRoot('assets', 'a b.css')],
    ['app://corroborate/assets/', inRoot('assets', 'index.html')],
  ])('%j → file in root', (url, expected) => {
    expect(resolveAppPath(root, url)).toBe(expected);
  });

  it.each([
    'app://corroborate/../secret',
    'app://corroborate/assets/../../secret',
    'app://corroborate/%2e%2e/secret',
    'app://corroborate/%2E%2E/%2e%2e/etc/passwd',
    'app://corroborate/.%2e/secret',
    'app://corroborate/%2e./secret',
    'app://corroborate/..%2fsecret',
    'app://corroborate/..%2Fsecret',
    'app://corroborate/assets%2f..%2f..%2fsecret',
    'app://corroborate/..\\secret',
    'app://corroborate/assets\\..\\..\\secret',
    'app://corroborate/..%5csecret',
    'app://corroborate/index.html%00.js',
    'app://corroborate/%252e%252e/secret',
    'app://corroborate//etc/passwd',
    'app://corroborate/C:/Windows/win.ini',
    'app://corroborate/./index.html',
    'app://corroborate/%E0%A4%A',
    'app://corroborate/a\tb',
    'app://x.evil/index.html',
    'app://corroborate.evil/index.html',
    'app://evil@corroborate/index.html',
    'https://corroborate/index.html',
    'https://evil/?next=app://corroborate/index.html',
    'file:///srv/renderer/index.html',
    'javascript:alert(1)',
  ])('%j → null', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('resolveRequestPath (the host uses it on raw request paths)', () => {
  const root = path.resolve('/srv/renderer');

  it.each(['/', '/index.html', '/assets/app.js'])('%j stays inside the root', (raw) => {
    const file = resolveRequestPath(root, raw);
    expect(file).not.toBeNull();
    expect(file?.startsWith(root + path.sep)).toBe(true);
  });

  it.each([
    '/../etc/passwd',
    '/..',
    '/assets/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/..\\..\\etc\\passwd',
    '/%00',
    '/index.html%00',
    'index.html',
    '//evil/index.html',
    '',
  ])('%j → null', (raw) => {
    expect(resolveRequestPath(root, raw)).toBeNull();
  });
});
