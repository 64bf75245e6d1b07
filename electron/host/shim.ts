// The script the host injects (as an external file: the CSP forbids inline scripts) so the same
// renderer runs in a browser. It defines window.corroborate.call over fetch with the host's token.
//
// The token arrives in the page URL (`/?token=…`, printed by the CLI). The shim keeps it in
// sessionStorage (this tab and origin only, so a reload still works) and removes it from the
// address bar at once, so it is not left in history, screenshots or bookmarks. The host never puts
// the token in anything it serves: whoever can load the page without it gets a page that cannot call.

export const SHIM_PATH = '/host-shim.js';
export const TOKEN_STORAGE_KEY = 'corroborate.host.token';

export const HOST_SHIM_SOURCE = `(() => {
  'use strict';
  const key = ${JSON.stringify(TOKEN_STORAGE_KEY)};
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl !== null) {
    try { sessionStorage.setItem(key, fromUrl); } catch (_) {}
    params.delete('token');
    const query = params.toString();
    history.replaceState(history.state, '', location.pathname + (query ? '?' + query : '') + location.hash);
  }
  let stored = null;
  try { stored = sessionStorage.getItem(key); } catch (_) {}
  const token = fromUrl !== null ? fromUrl : stored || '';
  const failure = (code, message) => ({ ok: false, error: { code, message } });
  const isResult = (value) => typeof value === 'object' && value !== null && typeof value.ok === 'boolean';

  async function call(method, input) {
    if (typeof method !== 'string') return failure('invalid_input', 'The method name must be a string.');
    let body;
    try {
      body = input === undefined ? '' : JSON.stringify(input);
    } catch (error) {
      return failure('invalid_input', 'The input cannot be sent as JSON: ' + String(error && error.message));
    }
    let response;
    try {
      response = await fetch('/api/' + encodeURIComponent(method), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
        body,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch (error) {
      return failure('io', 'The Corroborate host could not be reached: ' + String(error && error.message));
    }
    let answer;
    try {
      answer = await response.json();
    } catch (_) {
      return failure('io', 'The Corroborate host answered ' + response.status + ' without a result.');
    }
    return isResult(answer) ? answer : failure('io', 'The Corroborate host answered ' + response.status + ' without a result.');
  }

  Object.defineProperty(window, 'corroborate', {
    value: Object.freeze({ call }),
    enumerable: true,
    configurable: false,
    writable: false,
  });
})();
`;
