import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import type { ReplayResult } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../apps/worker/src/workflow-bundle-path';
import { bundleWorkflows } from '../../apps/worker/src/workflow-bundle';
import { historyFromJson } from './support/history-json';
import { quietTemporalRuntime } from './support/case-workflow-harness';

const HISTORIES = resolve(__dirname, 'histories');

interface RecordedHistoryJson {
  events: { workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }[];
}

/**
 * The case workflow histories recorded on the real dev server by record-histories.ts, kept in the
 * repository. The folder also holds other workflow types' histories, replayed by their own tests.
 */
function recorded() {
  return readdirSync(HISTORIES)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      json: JSON.parse(readFileSync(resolve(HISTORIES, file), 'utf8')) as RecordedHistoryJson,
    }))
    .filter(
      ({ json }) =>
        json.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name === 'caseWorkflow',
    )
    .map(({ workflowId, json }) => ({ workflowId, history: historyFromJson(json) }));
}

async function replayAll(workflowsPath: string): Promise<ReplayResult[]> {
  const workflowBundle = await bundleWorkflows({
    workflowsPath,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
  });
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, recorded())) results.push(result);
  return results;
}

describe('case workflow replay (histories recorded on the dev server)', () => {
  beforeAll(() => quietTemporalRuntime());

  it('has histories for the main paths: report to close, escalation, reclassification, reopen, continue-as-new', () => {
    const names = recorded().map((h) => h.workflowId);
    expect(names).toEqual(
      expect.arrayContaining([
        'lex-sarah-report-to-close',
        'complaint-acknowledgement-escalated',
        'hsl-deviation-reclassified-lex-maria',
        'deviation-closed-and-reopened.run1',
        'deviation-closed-and-reopened.run2',
        'suggestion-continued-as-new.run1',
        'suggestion-continued-as-new.run2',
        // Recorded after ADR 0009 and the delegated decide task: their patch markers replay too.
        'lex-sarah-ivo-after-reopen.run1',
        'lex-sarah-ivo-after-reopen.run2',
        'deviation-reclassified-deadline-cancelled',
      ]),
    );
  });

  it('the production workflow code replays every recorded history deterministically', async () => {
    const results = await replayAll(WORKFLOWS_PATH);
    expect(results.length).toBeGreaterThanOrEqual(10);
    expect(results.filter((r) => r.error).map((r) => `${r.workflowId}: ${String(r.error)}`)).toEqual([]);
  });

  it('a change that adds a command without patched() is caught as non-deterministic', async () => {
    const results = await replayAll(resolve(__dirname, 'fixtures/altered-workflows.ts'));
    expect(results.length).toBeGreaterThanOrEqual(7);
    for (const result of results) expect(result.error).toBeInstanceOf(DeterminismViolationError);
  });

  it('the same change guarded by patched() replays the old histories', async () => {
    const results = await replayAll(resolve(__dirname, 'fixtures/patched-workflows.ts'));
    expect(results.filter((r) => r.error).map((r) => `${r.workflowId}: ${String(r.error)}`)).toEqual([]);
  });
});
