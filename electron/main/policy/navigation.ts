/**
 * URL checks for navigation and IPC senders. The app is loaded from a file:// directory (appRootUrl,
 * e.g. pathToFileURL(rendererDir).href); anything outside it is refused.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Normalised directory URL with a trailing slash so '/app' does not match '/app-evil'. */
function rootPrefix(appRootUrl: string): string | null {
  const root = parse(appRootUrl);
  if (!root || root.protocol !== 'file:') return null;
  const path = root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`;
  return `file://${root.host}${path}`;
}

/** True only for file:// URLs inside our app root (query/hash allowed, '..' resolved by URL parsing). */
export function isInsideAppRoot(url: string, appRootUrl: string): boolean {
  const prefix = rootPrefix(appRootUrl);
  const target = parse(url);
  if (!prefix || !target || target.protocol !== 'file:') return false;
  // Encoded separators could smuggle '../' past the URL parser's normalisation.
  if (/%2f|%5c|%2e/i.test(target.pathname)) return false;
  const normalised = `file://${target.host}${target.pathname}`;
  return normalised.startsWith(prefix);
}

export function isAllowedNavigation(url: string, appRootUrl: string): boolean {
  return isInsideAppRoot(url, appRootUrl);
}

/**
 * IPC sender check: the frame must be our main frame showing our app. Pass isMainFrame from
 * event.senderFrame (parent === null) so an iframe — even one of ours — cannot call the backend.
 */
export function isTrustedSender(frameUrl: string | null | undefined, appRootUrl: string, isMainFrame = true): boolean {
  if (!isMainFrame || !frameUrl) return false;
  return isInsideAppRoot(frameUrl, appRootUrl);
}
