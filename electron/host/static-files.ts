// The built renderer, served read-only from one folder through the shell's own traversal guard,
// with the shim added to index.html so the page gets window.corroborate.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mimeTypeOf } from '../common/mime-types';
import { resolveRequestPath } from '../common/trusted-url';
import { HOST_SHIM_SOURCE, SHIM_PATH } from './shim';

export interface StaticFile {
  contentType: string;
  body: Buffer;
}

/** Puts the shim first in <head>: a classic script runs before any module script of the page. */
export function injectShim(html: string): string {
  const tag = `<script src="${SHIM_PATH}"></script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head === null) return `${tag}${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${tag}${html.slice(at)}`;
}

/** The file for a request path (already split from its query), or null for 404. */
export async function loadStaticFile(rendererDir: string, rawPath: string): Promise<StaticFile | null> {
  if (rawPath === SHIM_PATH) {
    return { contentType: mimeTypeOf(SHIM_PATH), body: Buffer.from(HOST_SHIM_SOURCE, 'utf8') };
  }
  const file = resolveRequestPath(rendererDir, rawPath);
  if (file === null) return null;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return null;
  }
  if (path.basename(file) === 'index.html' && path.dirname(file) === path.resolve(rendererDir)) {
    body = Buffer.from(injectShim(body.toString('utf8')), 'utf8');
  }
  return { contentType: mimeTypeOf(file), body };
}
