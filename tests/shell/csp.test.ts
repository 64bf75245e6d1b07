import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  securityHeaders,
} from '../../electron/common/content-security-policy';

const html = readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');

function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

function metaPolicy(): string {
  const metas = [...html.matchAll(/<meta\s+[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi)];
  expect(metas).toHaveLength(1);
  const content = /content="([^"]*)"/.exec(metas[0]?.[0] ?? '');
  return content?.[1] ?? '';
}

describe('Content-Security-Policy', () => {
  it('renderer/index.html carries the policy as a meta, identical to the shared constant', () => {
    expect(metaPolicy()).toBe(META_CONTENT_SECURITY_POLICY);
  });

  it('the meta comes before any script', () => {
    const metaAt = html.search(/http-equiv="Content-Security-Policy"/i);
    const scriptAt = html.search(/<script/i);
    expect(metaAt).toBeGreaterThan(-1);
    expect(scriptAt === -1 || metaAt < scriptAt).toBe(true);
  });

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ])('the header policy sets %s to %j', (name, values) => {
    expect(parse(CONTENT_SECURITY_POLICY).get(name)).toEqual(values);
  });

  it('the meta is the header policy minus frame-ancestors (ignored in a meta)', () => {
    const header = parse(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(parse(META_CONTENT_SECURITY_POLICY)).toEqual(header);
  });

  it('allows no inline script, no eval, no remote origin anywhere', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY]) {
      expect(policy).not.toMatch(/unsafe-(inline|eval|hashes)|wasm-unsafe-eval|\*|https?:|nonce-|sha\d+-/);
    }
  });

  it('is sent with the other security headers', () => {
    expect(securityHeaders()).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
});
