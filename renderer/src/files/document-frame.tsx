// Shows a self-contained HTML document (a report) inside the app, where it can never run script or
// load anything. The app's CSP allows no frame to navigate (frame-src 'none'; Electron also cancels
// every sub-frame navigation), so the frame stays on its first, empty document and is filled from
// here: parsed inertly by DOMParser, scripts and outside links taken out, then moved in. Its inline
// <style> would be refused by the CSP the frame inherits, so the same CSS is adopted through CSSOM.
// The sandbox keeps allow-same-origin (to be filled and printed from here) and allow-modals (for
// print()); without allow-scripts nothing in it ever runs.
import { type Ref, useCallback, useEffect, useImperativeHandle, useRef } from 'react';

export const FRAME_SANDBOX = 'allow-same-origin allow-modals';

const STYLE_BLOCK = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;

/**
 * Takes the <style> blocks out of the text before any parser sees it: Chromium checks even an inert
 * DOMParser document's styles against the page's CSP, and reports each refusal as a violation.
 */
export function splitStyles(source: string): { html: string; css: string } {
  const css: string[] = [];
  const html = source.replace(STYLE_BLOCK, (_block, body: string) => {
    css.push(body);
    return '';
  });
  return { html, css: css.join('\n') };
}

// What each frame's document already shows, so re-renders and load events do not parse it again.
const filled = new WeakMap<Document, string>();

/** Puts `source` into the frame's own document; false when the frame has no document yet. */
export function fillFrame(frame: HTMLIFrameElement, source: string): boolean {
  const doc = frame.contentDocument;
  if (!doc) return false;
  if (filled.get(doc) === source) return true;
  const { html, css } = splitStyles(source);
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const el of parsed.querySelectorAll('style, script, link, iframe, object, embed, base, frame'))
    el.remove();
  for (const a of parsed.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    // An address outside the document could only open an error page inside the frame: keep it readable.
    if (!href.startsWith('#')) {
      a.removeAttribute('href');
      a.setAttribute('title', href);
    }
  }
  doc.replaceChild(doc.importNode(parsed.documentElement, true), doc.documentElement);
  adoptCss(frame, doc, css);
  filled.set(doc, source);
  return true;
}

function adoptCss(frame: HTMLIFrameElement, doc: Document, css: string): void {
  const win = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!css || !win || typeof win.CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in doc)) return;
  try {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [sheet];
  } catch {
    // Unstyled is still complete: every word of the report is there.
  }
}

export interface DocumentFrameHandle {
  print(): void;
}

export function DocumentFrame({
  html,
  title,
  handle,
}: {
  html: string;
  /** The frame's accessible name. */
  title: string;
  handle?: Ref<DocumentFrameHandle>;
}) {
  const frame = useRef<HTMLIFrameElement | null>(null);
  const current = useRef(html);
  current.current = html;

  const attach = useCallback((el: HTMLIFrameElement | null) => {
    frame.current = el;
    if (el) fillFrame(el, current.current);
  }, []);

  useEffect(() => {
    if (frame.current) fillFrame(frame.current, html);
  }, [html]);

  useImperativeHandle(handle, () => ({
    print: () => {
      const win = frame.current?.contentWindow;
      win?.focus();
      win?.print();
    },
  }));

  return (
    <iframe
      ref={attach}
      className="document-frame"
      title={title}
      sandbox={FRAME_SANDBOX}
      // Some engines swap in a fresh empty document once the frame is attached: fill that one too.
      onLoad={(e) => fillFrame(e.currentTarget, current.current)}
    />
  );
}
