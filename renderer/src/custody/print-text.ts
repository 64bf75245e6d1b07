// Prints a plain text (a checkpoint, an integrity report) on its own, in large monospace, without
// the app around it: a hidden frame that runs nothing is filled with the text and printed.
import { FRAME_SANDBOX, fillFrame } from '../files/document-frame';

const PRINT_CSS = `
body{margin:2cm;font:14pt/1.5 ui-monospace,Menlo,Consolas,monospace;color:#000;background:#fff}
pre{white-space:pre-wrap;word-break:break-all;margin:0;font:inherit}
`;

/** The text as a page of its own: escaped by the DOM, never parsed as HTML. */
export function textDocument(title: string, text: string): string {
  const doc = document.implementation.createHTMLDocument(title);
  const pre = doc.createElement('pre');
  pre.textContent = text;
  doc.body.append(pre);
  // fillFrame takes the <style> out before parsing and adopts it through CSSOM.
  return `<!doctype html><html><head><style>${PRINT_CSS}</style>${doc.head.innerHTML}</head>${doc.body.outerHTML}</html>`;
}

export function printText(title: string, text: string): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', FRAME_SANDBOX);
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.className = 'print-frame';
  document.body.append(frame);
  fillFrame(frame, textDocument(title, text));
  const win = frame.contentWindow;
  win?.focus();
  win?.print();
  // print() returns once the dialog is closed (or at once where printing is not available).
  setTimeout(() => frame.remove(), 1_000);
}
