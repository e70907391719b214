// `npm run build:workflows [file]`: the workflow bundle built once (default dist/workflow-bundle.js),
// for workers started with WORKFLOW_BUNDLE_PATH pointing at it (ADR 0041).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflows } from './workflow-bundle';

async function main(): Promise<void> {
  const target = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  const started = Date.now();
  const bundle = await bundleWorkflows();
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bundle.code);
  process.stderr.write(
    `[workflows] bundlet skrivet till ${target} (${Math.round(bundle.code.length / 1024)} kB, ${Date.now() - started} ms)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[workflows] misslyckades: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
