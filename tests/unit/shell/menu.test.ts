import { describe, it, expect } from 'vitest';
import { buildApplicationMenu, MENU_I18N_KEYS, type MenuItemModel } from '../../../electron/main/policy';

const t = (key: string): string => `T(${key})`;

function flatten(items: MenuItemModel[]): MenuItemModel[] {
  return items.flatMap((i) => [i, ...(i.submenu ? flatten(i.submenu) : [])]);
}

describe('buildApplicationMenu', () => {
  it('has File, Edit, View and Help on Windows/Linux', () => {
    const menu = buildApplicationMenu(t, false);
    expect(menu.map((m) => m.id)).toEqual(['file', 'edit', 'view', 'help']);
  });
  it('puts the app menu first on macOS', () => {
    const menu = buildApplicationMenu(t, true);
    expect(menu.map((m) => m.id)).toEqual(['app', 'file', 'edit', 'view', 'help']);
  });
  it('offers "Lock now" in File so a worker can lock before leaving the desk', () => {
    const file = buildApplicationMenu(t, false)[0];
    const lock = file?.submenu?.find((i) => i.id === 'lock-now');
    expect(lock).toMatchObject({ command: 'lock-now', label: 'T(menu.lockNow)', accelerator: 'CmdOrCtrl+L' });
    expect(file?.submenu?.some((i) => i.role === 'quit')).toBe(true);
  });
  it('gives Edit only the standard clipboard and undo roles', () => {
    const edit = buildApplicationMenu(t, false)[1];
    const roles = edit?.submenu?.filter((i) => i.role).map((i) => i.role);
    expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });
  it('hides reload and DevTools in the packaged app', () => {
    const all = flatten(buildApplicationMenu(t, false, false));
    const roles = all.map((i) => i.role);
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    expect(roles).not.toContain('toggleDevTools');
    // Default is the safe, packaged menu.
    expect(flatten(buildApplicationMenu(t, false)).map((i) => i.role)).not.toContain('reload');
  });
  it('offers reload only in development', () => {
    const roles = flatten(buildApplicationMenu(t, false, true)).map((i) => i.role);
    expect(roles).toContain('reload');
  });
  it('has an About command in Help', () => {
    const help = buildApplicationMenu(t, false)[3];
    expect(help?.submenu?.map((i) => i.command)).toEqual(['about']);
  });
  it('translates every visible label through t() using known keys', () => {
    for (const isMac of [false, true]) {
      for (const item of flatten(buildApplicationMenu(t, isMac, true))) {
        if (item.type === 'separator') continue;
        expect(item.label).toMatch(/^T\(.+\)$/);
        const key = String(item.label).slice(2, -1);
        expect(MENU_I18N_KEYS).toContain(key);
      }
    }
  });
  it('is plain data: no functions (click handlers are attached by main.ts)', () => {
    const json = JSON.parse(JSON.stringify(buildApplicationMenu(t, true, true))) as unknown;
    expect(json).toEqual(buildApplicationMenu(t, true, true));
  });
});
