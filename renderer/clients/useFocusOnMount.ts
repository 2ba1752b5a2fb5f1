import { useEffect, useRef } from 'react';

/** Moves keyboard focus to a new screen's heading, so a keyboard user starts at the top of what just opened. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    window.scrollTo({ top: 0 }); // a new screen starts at its top, not where the previous one was scrolled to
    ref.current?.focus({ preventScroll: true });
  }, []);
  return ref;
}
