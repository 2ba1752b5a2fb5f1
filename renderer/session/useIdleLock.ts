import { useEffect, useRef } from 'react';
import { call } from '../app/api';

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/** Locks after `minutes` without keyboard or mouse; tells the Node side about activity at most once a minute. */
export function useIdleLock(minutes: number | null, onIdle: () => void): void {
  const lastActivity = useRef(Date.now());
  const lastReported = useRef(Date.now());
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    if (minutes === null) return;
    lastActivity.current = Date.now();
    const mark = () => {
      lastActivity.current = Date.now();
      if (Date.now() - lastReported.current > 60_000) {
        lastReported.current = Date.now();
        void call('session.activity', {}).catch(() => undefined);
      }
    };
    EVENTS.forEach((e) => window.addEventListener(e, mark, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= minutes * 60_000) onIdleRef.current();
    }, 1000);
    return () => {
      EVENTS.forEach((e) => window.removeEventListener(e, mark));
      window.clearInterval(timer);
    };
  }, [minutes]);
}
