// The key that goes with K for search: ⌘ on a Mac, Ctrl elsewhere (both work everywhere).
const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export const modifierKey = isMac ? '⌘' : 'Ctrl';
