// How the host answers: every response carries the shell's security headers, and every answer to
// an API request is a Result as JSON.
import type { ServerResponse } from 'node:http';
import { securityHeaders } from '../common/content-security-policy';
import type { ApiError, Result } from '../schema/result';

export function failure(
  code: ApiError['code'],
  message: string,
  fields?: Record<string, string>,
): Result<never> {
  return { ok: false, error: fields === undefined ? { code, message } : { code, message, fields } };
}

export function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: Buffer | string,
  extra: Record<string, string> = {},
  headOnly = false,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': contentType,
    'Content-Length': String(bytes.length),
    ...extra,
  });
  response.end(headOnly ? undefined : bytes);
}

export function sendResult(
  response: ServerResponse,
  status: number,
  result: Result<unknown>,
  extra?: Record<string, string>,
): void {
  let json: string;
  try {
    json = JSON.stringify(result);
  } catch (error) {
    status = 500;
    json = JSON.stringify(failure('internal', `The result could not be encoded: ${String(error)}`));
  }
  send(response, status, 'application/json; charset=utf-8', json, extra);
}
