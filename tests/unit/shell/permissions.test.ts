import { describe, it, expect } from 'vitest';
import { permissionDecision, windowOpenDecision } from '../../../electron/main/policy';

describe('windowOpenDecision', () => {
  it('denies window.open and target=_blank popups', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
});

describe('permissionDecision', () => {
  it('denies camera permission', () => {
    expect(permissionDecision('media')).toBe(false);
  });
  it('denies geolocation', () => {
    expect(permissionDecision('geolocation')).toBe(false);
  });
  it('denies notifications, clipboard reading and external protocol launch', () => {
    for (const p of ['notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal']) {
      expect(permissionDecision(p)).toBe(false);
    }
  });
  it('denies device and screen access (HID, serial, USB, display capture)', () => {
    for (const p of ['hid', 'serial', 'usb', 'display-capture', 'fileSystem', 'midiSysex', 'pointerLock', 'fullscreen']) {
      expect(permissionDecision(p)).toBe(false);
    }
  });
  it('denies permissions it has never heard of', () => {
    expect(permissionDecision('some-future-permission')).toBe(false);
  });
});
