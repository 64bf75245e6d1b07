// Saving a picture as a file: an <a download> over a data: or blob: URL, both allowed by the CSP
// (img-src data: blob:) and neither leaving the machine.
function clickDownload(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadDataUrl(dataUrl: string, fileName: string): void {
  clickDownload(dataUrl, fileName);
}

export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  clickDownload(url, fileName);
  // The click has started the download by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
