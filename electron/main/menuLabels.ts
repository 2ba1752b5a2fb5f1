/**
 * English menu labels. The main process has no i18next instance of its own; these are the fallback
 * until the renderer's locale is passed in (keys mirror MENU_I18N_KEYS).
 */
const EN: Record<string, string> = {
  'app.name': 'Throughcare',
  'menu.file': 'File',
  'menu.lockNow': 'Lock now',
  'menu.quit': 'Quit',
  'menu.edit': 'Edit',
  'menu.undo': 'Undo',
  'menu.redo': 'Redo',
  'menu.cut': 'Cut',
  'menu.copy': 'Copy',
  'menu.paste': 'Paste',
  'menu.selectAll': 'Select all',
  'menu.view': 'View',
  'menu.reload': 'Reload',
  'menu.devTools': 'Developer tools',
  'menu.resetZoom': 'Actual size',
  'menu.zoomIn': 'Zoom in',
  'menu.zoomOut': 'Zoom out',
  'menu.fullScreen': 'Full screen',
  'menu.help': 'Help',
  'menu.about': 'About Throughcare',
  'menu.hide': 'Hide Throughcare',
  'menu.hideOthers': 'Hide others',
  'menu.showAll': 'Show all',
};

export function menuLabel(key: string): string {
  return EN[key] ?? key;
}
