// Leaving the app is the user's decision: an http(s) link opens in the system browser only after
// they have seen the full URL and said yes. Anything else (file:, javascript:, custom schemes) never opens.
import { type BrowserWindow, dialog, type MessageBoxOptions, shell } from 'electron';
import { isExternalHttpUrl } from '../common/trusted-url';

const OPEN = 1;

// One question at a time: a hostile page calling window.open in a loop must not stack dialogs.
let asking = false;

export async function confirmAndOpenExternal(url: string, parent: BrowserWindow | null): Promise<boolean> {
  if (asking || !isExternalHttpUrl(url)) return false;
  const href = new URL(url).href;
  const options: MessageBoxOptions = {
    type: 'question',
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    title: 'Open link in your browser?',
    message: 'This link leaves Corroborate and opens in your web browser, which will go online.',
    detail: href,
  };
  asking = true;
  try {
    const { response } = parent
      ? await dialog.showMessageBox(parent, options)
      : await dialog.showMessageBox(options);
    if (response !== OPEN) return false;
    await shell.openExternal(href);
    return true;
  } finally {
    asking = false;
  }
}
