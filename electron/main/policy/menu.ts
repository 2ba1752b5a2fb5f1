import type { MenuItemConstructorOptions } from 'electron';

/** Click handlers are referenced by id so the model stays pure data; main.ts attaches them. */
export type MenuCommand = 'lock-now' | 'about';

export type MenuItemModel = Omit<MenuItemConstructorOptions, 'submenu' | 'click'> & {
  command?: MenuCommand;
  submenu?: MenuItemModel[];
};

/** isDev adds Reload/DevTools; packaged builds omit them (reload would drop the unlocked session). */
export function buildApplicationMenu(t: (key: string) => string, isMac: boolean, isDev = false): MenuItemModel[] {
  const file: MenuItemModel = {
    id: 'file',
    label: t('menu.file'),
    submenu: [
      { id: 'lock-now', label: t('menu.lockNow'), accelerator: 'CmdOrCtrl+L', command: 'lock-now' },
      { type: 'separator' },
      { id: 'quit', label: t('menu.quit'), role: 'quit' },
    ],
  };
  const edit: MenuItemModel = {
    id: 'edit',
    label: t('menu.edit'),
    submenu: [
      { role: 'undo', label: t('menu.undo') },
      { role: 'redo', label: t('menu.redo') },
      { type: 'separator' },
      { role: 'cut', label: t('menu.cut') },
      { role: 'copy', label: t('menu.copy') },
      { role: 'paste', label: t('menu.paste') },
      { role: 'selectAll', label: t('menu.selectAll') },
    ],
  };
  const viewItems: MenuItemModel[] = [];
  if (isDev) {
    viewItems.push({ role: 'reload', label: t('menu.reload') }, { role: 'toggleDevTools', label: t('menu.devTools') });
  }
  viewItems.push(
    { role: 'resetZoom', label: t('menu.resetZoom') },
    { role: 'zoomIn', label: t('menu.zoomIn') },
    { role: 'zoomOut', label: t('menu.zoomOut') },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t('menu.fullScreen') },
  );
  const view: MenuItemModel = { id: 'view', label: t('menu.view'), submenu: viewItems };
  const help: MenuItemModel = {
    id: 'help',
    label: t('menu.help'),
    role: 'help',
    submenu: [{ id: 'about', label: t('menu.about'), command: 'about' }],
  };
  const menu = [file, edit, view, help];
  // macOS expects the first menu to be the app menu.
  if (isMac) {
    menu.unshift({
      id: 'app',
      label: t('app.name'),
      submenu: [
        { id: 'about-mac', label: t('menu.about'), command: 'about' },
        { type: 'separator' },
        { role: 'hide', label: t('menu.hide') },
        { role: 'hideOthers', label: t('menu.hideOthers') },
        { role: 'unhide', label: t('menu.showAll') },
        { type: 'separator' },
        { role: 'quit', label: t('menu.quit') },
      ],
    });
  }
  return menu;
}

/** Every menu i18n key, so the renderer's locale files can be checked for completeness. */
export const MENU_I18N_KEYS = [
  'app.name',
  'menu.file',
  'menu.lockNow',
  'menu.quit',
  'menu.edit',
  'menu.undo',
  'menu.redo',
  'menu.cut',
  'menu.copy',
  'menu.paste',
  'menu.selectAll',
  'menu.view',
  'menu.reload',
  'menu.devTools',
  'menu.resetZoom',
  'menu.zoomIn',
  'menu.zoomOut',
  'menu.fullScreen',
  'menu.help',
  'menu.about',
  'menu.hide',
  'menu.hideOthers',
  'menu.showAll',
] as const;
