export { buildWebPreferences } from './webPreferences';
export { contentSecurityPolicy, CSP_DIRECTIVES } from './csp';
export { isAllowedNavigation, isTrustedSender, isInsideAppRoot } from './navigation';
export { windowOpenDecision, permissionDecision } from './permissions';
export { buildApplicationMenu, MENU_I18N_KEYS, type MenuItemModel, type MenuCommand } from './menu';
export { fusesConfig, type FusesConfig } from './fuses';
export { backendHostLaunch, shouldRestartBackend } from './backendHost';
