import { resolve } from 'node:path';

/** The file the Temporal bundler starts from; workflow code is bundled and sandboxed from it. */
export const WORKFLOWS_PATH = resolve(__dirname, '../../../workflows/src/workflows.ts');
