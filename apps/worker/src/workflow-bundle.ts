import { bundleWorkflowCode } from '@temporalio/worker';
import type { BundleOptions, WorkflowBundlePath, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { TEMPORAL_FAILURE_CONVERTER_PATH } from '@kvalitet/runtime';
import { WORKFLOWS_PATH } from './workflow-bundle-path';

type WebpackConfigHook = NonNullable<BundleOptions['webpackConfigHook']>;

/**
 * The worker runs workflows in one reused V8 context, but every workflow run gets its own module
 * cache: each open workflow, and each replay after a sticky-cache eviction, evaluates every module of
 * the bundle again. The bundler's default (development mode) keeps the whole `@kvalitet/domain`
 * barrel — reports, risk, registers — in every case workflow. Honouring `sideEffects: false` and
 * concatenating modules leaves only what the workflows use: the worker's memory per open workflow
 * went from ~472 KB to ~250 KB (bench/workflow-bundle.bench.ts, ADR 0016). The code that runs is the same source, so replay holds.
 */
const leanWorkflowBundle: WebpackConfigHook = (config) => ({
  ...config,
  optimization: {
    ...config.optimization,
    providedExports: true,
    usedExports: true,
    sideEffects: true,
    innerGraph: true,
    concatenateModules: true,
  },
});

/** The production workflow bundle; tests and the history recorder bundle the same way. */
export function bundleWorkflows(
  options: Pick<BundleOptions, 'logger'> & { workflowsPath?: string } = {},
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: options.workflowsPath ?? WORKFLOWS_PATH,
    webpackConfigHook: leanWorkflowBundle,
    // Failures are encoded (and so encrypted by the codec) in the workflow as in activities (ADR 0028).
    failureConverterPath: TEMPORAL_FAILURE_CONVERTER_PATH,
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

/**
 * The bundle a worker runs: the prebuilt file at `bundlePath` (`npm run build:workflows`, as a
 * deployment builds it once into the image), else bundled from source at start. The test run builds
 * it once too, so each of the many workers it starts skips some seconds of webpack (ADR 0041).
 */
export async function workflowBundleFor(
  bundlePath: string | undefined,
  options: Pick<BundleOptions, 'logger'> = {},
): Promise<WorkflowBundleWithSourceMap | WorkflowBundlePath> {
  return bundlePath ? { codePath: bundlePath } : bundleWorkflows(options);
}
