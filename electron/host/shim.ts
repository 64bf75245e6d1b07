// The script the host injects (as an external file: the CSP forbids inline scripts) so the same
// renderer runs in a browser. It defines window.corroborate.call over fetch with the host's token.
//
// The token arrives in the page URL (`/?token=…`, printed by the CLI). The shim keeps it in
// sessionStorage (this tab and origin only, so a reload still works) and removes it from the
// address bar at once, so it is not left in history, screenshots or bookmarks. The host never puts
// the token in anything it serves: whoever can load the page without it gets a page that cannot call.
//
// Besides `call`, the shim offers the raw attachment routes (attachment-routes.ts), which the Electron
// preload does not have (the app attaches and saves files through its dialogs: app.attachFile, …):
//   upload(sourceId, file, onProgress?) → Result of attachments.add; the File's bytes stream from
//     disk (XMLHttpRequest, for upload progress: onProgress(sentBytes, totalBytes)).
//   download(id) → Result<{blob, size, sha256, mediaType}>; the blob is always typed
//     application/octet-stream so the bytes of a source can never render as a page of ours.

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

  function upload(sourceId, file, onProgress) {
    return new Promise((resolve) => {
      if (typeof sourceId !== 'string') return resolve(failure('invalid_input', 'The source id must be a string.'));
      if (typeof Blob === 'undefined' || !(file instanceof Blob))
        return resolve(failure('invalid_input', 'The file must be a File (or a Blob with a name).'));
      const params = new URLSearchParams({ sourceId, fileName: typeof file.name === 'string' ? file.name : '' });
      if (file.type) params.set('mediaType', file.type);
      let xhr;
      try {
        xhr = new XMLHttpRequest();
        xhr.open('POST', '/api/attachments.upload?' + params.toString());
        xhr.setRequestHeader('Authorization', 'Bearer ' + token);
        xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      } catch (error) {
        return resolve(failure('io', 'The upload could not start: ' + String(error && error.message)));
      }
      if (typeof onProgress === 'function' && xhr.upload) {
        xhr.upload.onprogress = (event) => {
          try { onProgress(event.loaded, event.lengthComputable ? event.total : file.size); } catch (_) {}
        };
      }
      xhr.onload = () => {
        let answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (_) {}
        resolve(isResult(answer) ? answer : failure('io', 'The Corroborate host answered ' + xhr.status + ' without a result.'));
      };
      xhr.onerror = () => resolve(failure('io', 'The upload to the Corroborate host failed.'));
      xhr.onabort = () => resolve(failure('io', 'The upload was cancelled.'));
      xhr.send(file);
    });
  }

  async function download(id) {
    if (typeof id !== 'string') return failure('invalid_input', 'The attachment id must be a string.');
    let response;
    try {
      response = await fetch('/api/attachments.download?id=' + encodeURIComponent(id), {
        headers: { Authorization: 'Bearer ' + token },
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch (error) {
      return failure('io', 'The Corroborate host could not be reached: ' + String(error && error.message));
    }
    if (!response.ok) {
      let answer = null;
      try { answer = await response.json(); } catch (_) {}
      return isResult(answer) ? answer : failure('io', 'The Corroborate host answered ' + response.status + ' without a result.');
    }
    let blob;
    try {
      blob = await response.blob();
    } catch (error) {
      // The host cuts the response short rather than send bytes that fail their fingerprint.
      return failure('integrity', 'The download was cut short; the stored bytes may be damaged. Run "Verify case integrity".');
    }
    return {
      ok: true,
      value: {
        blob,
        size: blob.size,
        sha256: response.headers.get('X-Corroborate-Sha256') || '',
        mediaType: response.headers.get('X-Corroborate-Media-Type') || 'application/octet-stream',
      },
    };
  }

  Object.defineProperty(window, 'corroborate', {
    value: Object.freeze({ call, upload, download }),
    enumerable: true,
    configurable: false,
    writable: false,
  });
})();
`;
