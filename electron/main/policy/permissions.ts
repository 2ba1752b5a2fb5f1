/** New windows would escape our navigation and CSP controls: always deny. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** The app needs no browser permission (camera, mic, geolocation, notifications, clipboard...). */
export function permissionDecision(_permission: string): boolean {
  return false;
}
