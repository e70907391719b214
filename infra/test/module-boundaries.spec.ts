import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * Runs the project's ESLint (its real flat config) on a file that exists only on stdin. Such a file
 * is in no TypeScript program, so typed linting is switched off for it, with the two rules that
 * need it; the boundary rules need no type information.
 */
const UNTYPED = [
  '--parser-options',
  'project:false',
  '--rule',
  JSON.stringify({
    '@typescript-eslint/no-floating-promises': 'off',
    '@typescript-eslint/no-misused-promises': 'off',
  }),
];

async function lint(filePath: string, code: string): Promise<string[]> {
  let output: string;
  try {
    output = execFileSync(
      resolve(ROOT, 'node_modules/.bin/eslint'),
      ['--stdin', '--stdin-filename', resolve(ROOT, filePath), ...UNTYPED, '--format', 'json'],
      { cwd: ROOT, input: code, encoding: 'utf8' },
    );
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  const [result] = JSON.parse(output) as {
    messages: { severity: number; ruleId: string | null; message: string }[];
  }[];
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

// architecture.md §2: the lint itself must refuse imports that break the module boundaries.
describe('module boundaries', () => {
  beforeAll(() => {
    execFileSync(resolve(ROOT, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
  }, 120000);

  it('libs/domain may import nothing but its own files', async () => {
    expect(await lint('libs/domain/src/boundary-probe.ts', "export { x } from './x';\n")).toEqual([]);
    expect(
      await lint(
        'libs/domain/src/boundary-probe.ts',
        "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await lint(
        'libs/domain/src/boundary-probe.ts',
        "import { Injectable } from '@nestjs/common';\nexport const i = Injectable;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await lint(
        'libs/domain/src/boundary-probe.ts',
        "import { EventStore } from '@kvalitet/persistence';\nexport const e = EventStore;\n",
      ),
    ).toEqual(expect.arrayContaining(['no-restricted-imports', '@nx/enforce-module-boundaries']));
  });

  it('workflows may import only @temporalio/workflow, domain and contracts', async () => {
    expect(
      await lint(
        'workflows/src/boundary-probe.ts',
        "import { sleep } from '@temporalio/workflow';\nimport { CASE_TYPES } from '@kvalitet/domain';\nexport const s = [sleep, CASE_TYPES];\n",
      ),
    ).toEqual([]);
    expect(
      await lint(
        'workflows/src/boundary-probe.ts',
        "import { Client } from '@temporalio/client';\nexport const c = Client;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await lint(
        'workflows/src/boundary-probe.ts',
        "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await lint(
        'workflows/src/boundary-probe.ts',
        "import { EventStore } from '@kvalitet/persistence';\nexport const e = EventStore;\n",
      ),
    ).toContain('@nx/enforce-module-boundaries');
  });
});
