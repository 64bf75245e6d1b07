// Saving a picture as a file: a data: URL is allowed by the CSP (img-src data: blob:) and never
// leaves the machine.
import { clickDownload } from '../exchange/downloads';

export function downloadDataUrl(dataUrl: string, fileName: string): void {
  clickDownload(dataUrl, fileName);
}
