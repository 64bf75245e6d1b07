import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { protocol } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { createAppRequestHandler, registerAppScheme, serveAppProtocol } = await import(
  '../../electron/main/protocol'
);
const { CONTENT_SECURITY_POLICY } = await import('../../electron/common/content-security-policy');

let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'corroborate-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(base, 'secret.txt'), 'secret');
  handler = createAppRequestHandler(root);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('registers app as a privileged standard, secure scheme (before ready)', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const privileges = protocol.registerSchemesAsPrivileged.mock.calls[0]?.[0]?.[0]?.privileges as Record<
      string,
      boolean
    >;
    expect(privileges.bypassCSP).toBeUndefined();
    expect(privileges.corsEnabled).toBeUndefined();
  });

  it('serves through protocol.handle("app")', () => {
    serveAppProtocol(root);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it.each([
    ['app://corroborate/', 'text/html; charset=utf-8'],
    ['app://corroborate/index.html', 'text/html; charset=utf-8'],
    ['app://corroborate/assets/app.js', 'text/javascript; charset=utf-8'],
    ['app://corroborate/assets/app.css', 'text/css; charset=utf-8'],
    ['app://corroborate/assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s with the CSP header', async (url, type) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers HEAD without a body and other verbs with 405', async () => {
    const head = await get('app://corroborate/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://corroborate/index.html', 'POST')).status).toBe(405);
  });

  it.each([
    'app://corroborate/missing.js',
    'app://corroborate/assets',
    'app://corroborate/%2e%2e/secret.txt',
    'app://corroborate/..%2fsecret.txt',
    'app://corroborate/assets%2f..%2f..%2fsecret.txt',
    'app://corroborate/..%5csecret.txt',
    'app://corroborate/index.html%00',
    'app://other/index.html',
  ])('answers 404 for %s, with the CSP header', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
