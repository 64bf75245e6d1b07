import type { ApiCallError } from '../client';

export function Loading({ what }: { what: string }) {
  return (
    <p className="status-line" role="status">
      Loading {what}…
    </p>
  );
}

const codeWords: Record<string, string> = {
  not_found: 'It is not in this case (it may have been removed).',
  conflict: 'Someone changed it in the meantime.',
  integrity: 'The case file reports damage.',
  io: 'The case file could not be read or written.',
  internal: 'Something went wrong inside the app.',
  invalid_input: 'The request was refused.',
};

export function ErrorMessage({ error, retry }: { error: ApiCallError | Error; retry?: () => void }) {
  const code = 'code' in error ? String(error.code) : 'internal';
  return (
    <div className="error-box" role="alert">
      <p className="error-title">{codeWords[code] ?? 'Something went wrong.'}</p>
      <p className="error-detail">{error.message}</p>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
