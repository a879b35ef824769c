import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rule in eslint.config.js, checked against code that breaks it: if someone loosens the
 * rule, these fail. Files are linted from text with a real path so the per-folder rules apply.
 */
const eslint = new ESLint({
  cwd: `${import.meta.dirname}/..`,
  // Only the layer rule runs, without type information, so files need not exist on disk.
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result?.messages.find((message) => message.fatal);
  if (fatal) throw new Error(fatal.message);
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('layer rule', () => {
  it('keeps Electron out of the core, the CLI, shared code and the renderer', async () => {
    for (const file of [
      'electron/core/patients/x.ts',
      'electron/cli/x.ts',
      'electron/shared/x.ts',
      'src/x.ts',
    ]) {
      expect(
        await restrictedImports(file, "import { app } from 'electron';\nexport const a = app;\n"),
      ).toHaveLength(1);
    }
    expect(
      await restrictedImports(
        'electron/main/x.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toEqual([]);
  });

  it('keeps Node built-ins and the database out of the renderer and shared code', async () => {
    expect(
      await restrictedImports('src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports('src/x.ts', "import path from 'path';\nexport const a = path;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports('src/x.ts', "import D from 'better-sqlite3';\nexport const a = D;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'electron/shared/x.ts',
        "import c from 'node:crypto';\nexport const a = c;\n",
      ),
    ).toHaveLength(1);
  });

  it('lets the renderer use shared code but not the core or main', async () => {
    expect(
      await restrictedImports(
        'src/x.ts',
        "import { translate } from '../electron/shared/messages';\nexport const a = translate;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'src/x.ts',
        "import { ClinicCore } from '../electron/core/clinic-core';\nexport const a = ClinicCore;\n",
      ),
    ).toHaveLength(1);
  });

  it('keeps React out of main, preload and core, and the core independent of the shell', async () => {
    expect(
      await restrictedImports(
        'electron/main/x.ts',
        "import React from 'react';\nexport const a = React;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'electron/core/x.ts',
        "import React from 'react';\nexport const a = React;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'electron/core/x/y.ts',
        "import { m } from '../../main/index';\nexport const a = m;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'electron/shared/x.ts',
        "import { c } from '../core/clinic-core';\nexport const a = c;\n",
      ),
    ).toHaveLength(1);
  });
});
