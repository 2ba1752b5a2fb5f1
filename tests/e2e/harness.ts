import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import type { CallName, InputOf, OutputOf } from '../../shared/api';
import { createBackend, type Backend } from '../../electron/node/backend';
import { startBridge, type Bridge } from '../../electron/node/bridge/loopbackBridge';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test-results/screenshots');

/** One installation for the e2e tests: real backend on a temp folder, real bridge, Debian's Chromium. */
export class E2EInstallation {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'throughcare-e2e-'));
  backend!: Backend;
  bridge!: Bridge;

  async start(): Promise<this> {
    process.env.THROUGHCARE_QUIET = '1';
    this.backend = createBackend({ dataDir: this.dir });
    this.bridge = await startBridge({ backend: this.backend, staticDir: path.resolve('dist/renderer') });
    return this;
  }

  /** A call through the same dispatcher as the UI, for arranging test data; throws on an error result. */
  async call<N extends CallName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
    const result = await this.backend.invoke(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as OutputOf<N>;
  }

  async stop(): Promise<void> {
    await this.bridge.close();
    this.backend.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--lang=cs-CZ', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core on the current screen; returns the serious and critical violations (expected: none). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** An ISO date as a Czech user types it into a date field: "5.3.2026", "5. 3. 2026" or "05.03.2026". */
export function czechDate(iso: string, style: 'compact' | 'spaced' | 'padded' = 'spaced'): string {
  const [y, m, d] = iso.split('-');
  if (style === 'padded') return `${d}.${m}.${y}`;
  return style === 'compact' ? `${Number(d)}.${Number(m)}.${y}` : `${Number(d)}. ${Number(m)}. ${y}`;
}
