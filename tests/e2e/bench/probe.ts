import type { Page } from 'playwright-core';

/**
 * Timing inside the page, without Playwright's round trips: a probe armed before an action takes the
 * `timeStamp` of the real input event that starts it (the last one, for typing) and stops on the first frame
 * after the DOM shows the result (requestAnimationFrame, then a task: the frame has been laid out).
 */

/**
 * One condition on the DOM: `selector` matches at least `minCount` elements (with `includes` in their text), or
 * none when `absent`; with `added`, such an element must have been inserted after the action (a new notification).
 */
export interface DomCheck {
  selector: string;
  includes?: string;
  minCount?: number;
  absent?: boolean;
  added?: boolean;
}
export interface ProbeSpec {
  start: 'click' | 'keydown';
  until: DomCheck[];
}

declare global {
  interface Window {
    __benchProbe?: Promise<number>;
  }
}

export async function armProbe(page: Page, spec: ProbeSpec): Promise<void> {
  await page.evaluate((s: ProbeSpec) => {
    const added = new Set<number>();
    const matches = (e: Element, c: DomCheck) => e.matches(c.selector) && (c.includes === undefined || (e.textContent ?? '').includes(c.includes));
    const holds = () =>
      s.until.every((c, i) => {
        if (c.added) return added.has(i);
        const found = Array.from(document.querySelectorAll(c.selector)).filter((e) => c.includes === undefined || (e.textContent ?? '').includes(c.includes));
        return c.absent ? found.length === 0 : found.length >= (c.minCount ?? 1);
      });
    window.__benchProbe = new Promise<number>((resolve, reject) => {
      let start: number | null = null;
      let finished = false;
      const observer = new MutationObserver((records) => {
        if (start !== null) {
          for (const r of records) {
            for (const node of Array.from(r.addedNodes)) {
              if (!(node instanceof Element)) continue;
              s.until.forEach((c, i) => {
                if (c.added && (matches(node, c) || Array.from(node.querySelectorAll(c.selector)).some((e) => matches(e, c)))) added.add(i);
              });
            }
          }
        }
        check();
      });
      const onStart = (e: Event) => {
        start = e.timeStamp;
        check();
      };
      const stop = () => {
        finished = true;
        observer.disconnect();
        window.removeEventListener(s.start, onStart, true);
      };
      function check() {
        if (start === null || finished || !holds()) return;
        const began = start;
        stop();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - began), 0));
      }
      window.addEventListener(s.start, onStart, true);
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      setTimeout(() => {
        if (finished) return;
        stop();
        reject(new Error(`the page never showed ${JSON.stringify(s.until)}`));
      }, 60_000);
    });
  }, spec);
}

/** Arms the probe, performs the action (real input through Playwright), returns the in-page milliseconds. */
export async function timed(page: Page, spec: ProbeSpec, act: () => Promise<unknown>): Promise<number> {
  await armProbe(page, spec);
  await act();
  return page.evaluate(() => window.__benchProbe!);
}
