import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { stockholmDateOf } from '@kvalitet/domain';
import type { RoutineState } from '@kvalitet/domain';
import { workflowBundle } from './support/case-workflow-harness';
import { historyFromJson, historyToJson } from './support/history-json';
import { DAY, KVALITET, LedningssystemHarness } from './support/ledningssystem-harness';
import { temporalDataConverter } from '@kvalitet/runtime';

const RECORDED = join(__dirname, 'histories', 'ledningssystem-routine-revision.json');
const DECISION = { decidedBy: 'forvaltningschef', decidedOn: '2026-01-15', reference: 'FC 2026/12' };

/** A change to the duty workflow that breaks determinism fails here (replay of a recorded history). */
describe('ledningssystem duty workflow replay', () => {
  let h: LedningssystemHarness;
  beforeAll(async () => {
    h = await LedningssystemHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('replays a history with notice, escalations, a signal and a new version', async () => {
    const id = randomUUID();
    await h.command('routine', id, {
      type: 'register',
      actor: KVALITET,
      data: {
        routineId: id,
        kind: 'routine',
        level: 3,
        code: 'RUT-REPLAY',
        title: 'Rutin',
        unitId: 'solgarden',
        owner: 'enhetschef',
        revisionInterval: 'P1Y',
      },
    });
    const today = stockholmDateOf(await h.now());
    await h.command('routine', id, {
      type: 'adopt-version',
      actor: KVALITET,
      data: {
        version: '1.0',
        decision: DECISION,
        validFrom: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`,
        changeNote: 'Ny',
      },
    });
    await h.settle<RoutineState>('routine', id, (tasks) => tasks.length === 2);
    await h.advance(8 * DAY);
    await h.settle<RoutineState>('routine', id, (tasks) => tasks.length === 3);
    await h.command('routine', id, {
      type: 'adopt-version',
      actor: KVALITET,
      data: {
        version: '2.0',
        decision: DECISION,
        validFrom: stockholmDateOf(await h.now()),
        changeNote: 'Reviderad',
      },
    });
    await h.advance(DAY);
    const history = await h.handle('routine', id).fetchHistory();
    expect(history.events?.length).toBeGreaterThan(10);
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await workflowBundle(), dataConverter: temporalDataConverter() },
        history,
      ),
    ).resolves.toBeUndefined();
    // The first run records the history; later code must replay the committed one. Recorded through
    // the harness it would be encrypted with this checkout's dev key (ADR 0028); the committed one is plain.
    if (!existsSync(RECORDED) || process.env.RECORD_HISTORIES === 'true')
      writeFileSync(RECORDED, historyToJson(history));
  });

  it('replays the committed history of an earlier version of the workflow', async () => {
    const recorded = historyFromJson(JSON.parse(readFileSync(RECORDED, 'utf8')));
    await expect(
      Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, recorded),
    ).resolves.toBeUndefined();
  });
});
