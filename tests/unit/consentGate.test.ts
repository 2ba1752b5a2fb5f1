import { describe, expect, it } from 'vitest';
import { checkSharingConsent, consentStatusOn } from '../../shared/schemas/consent';

const FP = 'f'.repeat(64);
const base = { kind: 'sharing' as const, sections: ['record' as const, 'plan' as const], givenOn: '2025-01-01', expiresOn: null, withdrawnOn: null };

describe('consent gate: a sharing consent names a recipient by identity', () => {
  it('a contact is matched by fingerprint, never by its organisation name', () => {
    const bound = { ...base, organisation: 'Drop In o.p.s.', contactFingerprint: FP };
    const typed = { ...base, organisation: 'Drop In o.p.s.', contactFingerprint: null };
    expect(checkSharingConsent([bound], { kind: 'contact', fingerprint: FP }, ['record', 'plan'], '2025-06-01')).toEqual({ ok: true });
    expect(checkSharingConsent([bound], { kind: 'contact', fingerprint: 'a'.repeat(64) }, ['record'], '2025-06-01')).toEqual({ ok: false, reason: 'missing' });
    expect(checkSharingConsent([typed], { kind: 'contact', fingerprint: FP }, ['record'], '2025-06-01')).toEqual({ ok: false, reason: 'missing' });
  });

  it('a first-contact passphrase is matched by the typed organisation, ignoring case, punctuation and diacritics; never by a bound consent', () => {
    const typed = { ...base, organisation: 'Drop In, o.p.s.', contactFingerprint: null };
    const bound = { ...base, organisation: 'Drop In o.p.s.', contactFingerprint: FP };
    expect(checkSharingConsent([typed], { kind: 'passphrase', organisation: 'drop in o.p.s.' }, ['plan'], '2025-06-01')).toEqual({ ok: true });
    expect(checkSharingConsent([bound], { kind: 'passphrase', organisation: 'Drop In o.p.s.' }, ['record'], '2025-06-01')).toEqual({ ok: false, reason: 'missing' });
  });

  it('a withdrawal stops the consent at once, whatever date and clock', () => {
    const withdrawn = { ...base, organisation: 'X', contactFingerprint: FP, withdrawnOn: '2025-06-02' };
    expect(consentStatusOn(withdrawn, '2025-06-01')).toBe('withdrawn');
    expect(checkSharingConsent([withdrawn], { kind: 'contact', fingerprint: FP }, ['record'], '2025-06-01')).toEqual({ ok: false, reason: 'withdrawn' });
  });
});
