// Saving a file in the browser flows: an <a download> over a blob: (or data:) URL made here, so the
// bytes never leave the machine and no page is opened (Electron denies window.open).
export function clickDownload(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  clickDownload(url, fileName);
  // The click has started the download by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, fileName: string, mediaType: string): void {
  downloadBlob(new Blob([text], { type: `${mediaType};charset=utf-8` }), fileName);
}
