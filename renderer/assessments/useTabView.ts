import { useState } from 'react';

/**
 * Which screen of a tab is open (the list, one assessment, a comparison, a screening form), kept for this
 * browser tab only so that a reload or a lock returns the user to what they were doing. Ids only, no personal data.
 */
export function useTabView<V extends { kind: string }>(area: string, clientId: string, initial: V): [V, (v: V) => void] {
  const key = `throughcare.${area}View`;
  const [view, setView] = useState<V>(() => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(key) ?? 'null') as { clientId: string; view: V } | null;
      if (saved?.clientId === clientId && typeof saved.view?.kind === 'string') return saved.view;
    } catch {
      // a damaged entry just means starting at the list
    }
    return initial;
  });
  const set = (v: V) => {
    sessionStorage.setItem(key, JSON.stringify({ clientId, view: v }));
    setView(v);
    window.scrollTo({ top: 0 });
  };
  return [view, set];
}
