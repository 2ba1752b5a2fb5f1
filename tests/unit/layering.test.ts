import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ESLint } from 'eslint';

/** The dependency-direction rule of SPEC §3, checked through ESLint's own API on virtual files. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const fails = [
  ['shared/api/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;"],
  ['shared/api/x.ts', "import fs from 'fs';\nexport const f = fs;"],
  ['shared/api/x.ts', "import { createHash } from 'crypto';\nexport const f = createHash;"],
  ['shared/api/x.ts', "import { join } from 'path';\nexport const f = join;"],
  ['shared/api/x.ts', "import { readFile } from 'fs/promises';\nexport const f = readFile;"],
  ['shared/api/x.ts', "import { ipcRenderer } from 'electron';\nexport const f = ipcRenderer;"],
  ['shared/api/x.ts', "import { useState } from 'react';\nexport const f = useState;"],
  ['shared/api/x.ts', "import { Button } from '@mantine/core';\nexport const f = Button;"],
  ['shared/api/x.ts', "import { log } from '../../electron/node/log';\nexport const f = log;"],
  ['shared/api/x.ts', "import type { Backend } from '../../electron/node/backend';\nexport type B = Backend;"],
  ['shared/api/x.ts', "import { App } from '../../renderer/app/App';\nexport const f = App;"],
  ['renderer/app/x.tsx', "import { ipcRenderer } from 'electron';\nexport const f = ipcRenderer;"],
  ['renderer/app/x.tsx', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;"],
  ['renderer/app/x.tsx', "import os from 'os';\nexport const f = os;"],
  ['renderer/app/x.tsx', "import { log } from '../../electron/node/log';\nexport const f = log;"],
  ['electron/node/x.ts', "import { app } from 'electron';\nexport const f = app;"],
  ['electron/node/x.ts', "import { App } from '../../renderer/app/App';\nexport const f = App;"],
  ['tests/unit/x.test.ts', "import { app } from 'electron';\nexport const f = app;"],
  ['scripts/x.mjs', "import { app } from 'electron';\nexport const f = app;"],
] as const;

const passes = [
  ['electron/main/x.ts', "import { app } from 'electron';\nexport const f = app;"],
  ['electron/preload/x.ts', "import { contextBridge } from 'electron';\nexport const f = contextBridge;"],
  ['electron/node/x.ts', "import { readFileSync } from 'node:fs';\nimport { apiContract } from '../../shared/api';\nexport const f = [readFileSync, apiContract];"],
  ['renderer/app/x.tsx', "import { useState } from 'react';\nimport { apiContract } from '../../shared/api';\nexport const f = [useState, apiContract];"],
  ['shared/api/x.ts', "import { z } from 'zod';\nimport { roleSchema } from '../schemas/user';\nexport const f = [z, roleSchema];"],
] as const;

describe('layering rule (no-restricted-imports)', () => {
  it.each(fails)('%s: refuses %s', async (file, code) => {
    expect(await layeringErrors(file, code)).not.toEqual([]);
  });

  it.each(passes)('%s: allows %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });

  it('the whole repository is linted with the rule in force (config loads, rule is active for each layer)', async () => {
    for (const file of ['shared/api/contract.ts', 'renderer/main.tsx', 'electron/node/backend.ts', 'electron/main/main.ts']) {
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as { rules?: Record<string, unknown> };
      expect(config.rules?.['no-restricted-imports'], file).toBeDefined();
    }
  });
});
