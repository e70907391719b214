import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { ReplayResult } from '@temporalio/worker';
import { bundleWorkflows } from '../../apps/worker/src/workflow-bundle';
import { historyFromJson } from './support/history-json';
import { quietTemporalRuntime } from './support/case-workflow-harness';
import { ENCRYPTED_HISTORIES_DIR, replayCodecConverter } from './support/replay-codec';

const PLAIN_HISTORIES = resolve(__dirname, 'histories');

function histories(dir: string) {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      json: JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as { events: unknown[] },
    }))
    .filter(({ json }) => JSON.stringify(json.events[0]).includes('"caseWorkflow"'))
    .map(({ file, json }) => ({ workflowId: file.replace(/\.json$/, ''), history: historyFromJson(json) }));
}

let bundle: Awaited<ReturnType<typeof bundleWorkflows>>;

async function replay(dir: string, dataConverter?: DataConverter): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: bundle, ...(dataConverter ? { dataConverter } : {}) },
    histories(dir),
  ))
    results.push(result);
  return results;
}

const failures = (results: ReplayResult[]) =>
  results.filter((r) => r.error).map((r) => `${r.workflowId}: ${String(r.error)}`);

// ADR 0028: histories recorded WITH the payload codec (record-histories.ts --codec) replay with it.
describe('case workflow replay with the payload codec', () => {
  beforeAll(async () => {
    quietTemporalRuntime();
    bundle = await bundleWorkflows({
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
    });
  }, 120_000);

  it('the encrypted histories hold no payload in clear but their patch markers', () => {
    for (const file of readdirSync(ENCRYPTED_HISTORIES_DIR)) {
      const text = readFileSync(resolve(ENCRYPTED_HISTORIES_DIR, file), 'utf8');
      const plain = text.match(/"encoding":\s*"anNvbi9wbGFpbg=="/g) ?? [];
      const sealed = text.match(/"encoding":\s*"YmluYXJ5L2VuY3J5cHRlZA=="/g) ?? [];
      expect(sealed.length).toBeGreaterThan(5);
      // The SDK's own patch marker and its search attribute (the patch id) are written by core, not the codec.
      expect(plain.length).toBeLessThanOrEqual(2);
    }
  });

  it('replays the histories recorded with the codec, with the key they name', async () => {
    const results = await replay(ENCRYPTED_HISTORIES_DIR, replayCodecConverter(['replay-1']));
    expect(results.map((r) => r.workflowId)).toEqual(['complaint-answered', 'deviation-outcome-notice']);
    expect(failures(results)).toEqual([]);
  }, 120_000);

  it('after a rotation (a new active key, the old one kept) they still replay', async () => {
    const results = await replay(
      ENCRYPTED_HISTORIES_DIR,
      replayCodecConverter(['replay-1', 'replay-2'], 'replay-2'),
    );
    expect(failures(results)).toEqual([]);
  }, 120_000);

  it('without the key they do not replay (the payloads really are encrypted)', async () => {
    const withoutCodec = await replay(ENCRYPTED_HISTORIES_DIR);
    expect(withoutCodec.every((r) => r.error)).toBe(true);
    const otherKeyOnly = await replay(ENCRYPTED_HISTORIES_DIR, replayCodecConverter(['replay-2']));
    expect(otherKeyOnly.every((r) => r.error)).toBe(true);
  }, 120_000);

  it('the plain histories recorded before the codec replay through it unchanged', async () => {
    const results = await replay(PLAIN_HISTORIES, replayCodecConverter(['replay-1']));
    expect(results.length).toBeGreaterThanOrEqual(10);
    expect(failures(results)).toEqual([]);
  }, 180_000);
});
