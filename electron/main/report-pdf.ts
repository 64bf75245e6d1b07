// "Save as PDF" for a report: Chromium prints the report's HTML in a hidden window that can do
// nothing else. JavaScript is off, there is no preload, and the window lives in the app's hardened
// session (every request but data:/app: cancelled; navigation, popups and permissions denied by
// the `web-contents-created` guard), so the report's own content cannot reach anything.
import { BrowserWindow, type WebPreferences } from 'electron';
import { CoreError } from '../schema/errors';
import { LOCKED_WEB_PREFERENCES } from './locked-web-preferences';

/** Chromium refuses to load a URL longer than this (content's kMaxURLChars, 2 MiB). */
export const MAX_URL_CHARS = 2 * 1024 * 1024;

export function reportDataUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
}

export function printWindowPreferences(): WebPreferences {
  return { ...LOCKED_WEB_PREFERENCES, javascript: false, devTools: false, images: true };
}

/** The PDF of a self-contained HTML document, as Chromium prints it (A4, backgrounds kept). */
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const url = reportDataUrl(html);
  if (url.length > MAX_URL_CHARS) {
    const megabytes = (Buffer.byteLength(html) / 1024 / 1024).toFixed(1);
    throw new CoreError(
      'io',
      `This report (${megabytes} MB) is too large to print to PDF here. Save it as HTML and print it from a web browser, or choose fewer claims.`,
      undefined,
      'too_large',
    );
  }
  const win = new BrowserWindow({ show: false, webPreferences: printWindowPreferences() });
  try {
    await win.loadURL(url);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } catch (error) {
    throw new CoreError(
      'io',
      `The report could not be printed to PDF: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    win.destroy();
  }
}
