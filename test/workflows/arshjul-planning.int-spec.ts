import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { ARSHJUL_AGGREGATE } from '@kvalitet/domain';
import { LsCommandService, arshjulPlanId } from '@kvalitet/persistence';
import { organisation, temporalDataConverter } from '@kvalitet/runtime';
import { ARSHJUL_PLANNING_WORKFLOW_TYPE } from '@kvalitet/workflows';
import type { CreatedArshjul } from '@kvalitet/workflows';
import { createArshjulActivities } from '../../apps/worker/src/activities/arshjul-activities';
import { arshjulScheduleOptions } from '../../apps/worker/src/activities/arshjul-schedule';
import { workflowBundle } from './support/case-workflow-harness';
import { LedningssystemHarness } from './support/ledningssystem-harness';

/** DL-31 "before each year": the schedule's workflow proposes next year's årshjul once per board. */
describe('årshjul: the yearly planning workflow (time-skipping server)', () => {
  let h: LedningssystemHarness;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `arshjul-${randomUUID()}`;

  beforeAll(async () => {
    h = await LedningssystemHarness.start();
    worker = await Worker.create({
      dataConverter: temporalDataConverter(),
      connection: h.env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createArshjulActivities({ store: h.store, organisation: organisation() }),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running?.catch(() => undefined);
    await h?.stop();
  });

  it('is scheduled every 1 October, Stockholm time', () => {
    const options = arshjulScheduleOptions('q', { prefix: 'test' });
    expect(options.scheduleId).toBe('test-arshjul');
    expect(options.spec.calendars).toEqual([
      expect.objectContaining({ month: 'OCTOBER', dayOfMonth: 1, hour: 3 }),
    ]);
    expect(options.spec.timezone).toBe('Europe/Stockholm');
    expect(options.action).toMatchObject({ workflowType: ARSHJUL_PLANNING_WORKFLOW_TYPE, taskQueue: 'q' });
  });

  it('creates next year’s plan for every board, and a second run leaves them as they are', async () => {
    const at = '2026-10-01T01:00:00Z';
    const run = () =>
      h.env.client.workflow.execute<(input: { at: string }) => Promise<CreatedArshjul>>(
        ARSHJUL_PLANNING_WORKFLOW_TYPE,
        { workflowId: `arshjul-${randomUUID()}`, taskQueue, args: [{ at }] },
      );
    const first = await run();
    expect(first).toEqual({ year: 2027, created: ['socialnamnden', 'omsorgsnamnden'], existing: [] });
    const second = await run();
    expect(second).toEqual({ year: first.year, created: [], existing: ['socialnamnden', 'omsorgsnamnden'] });
    const { state } = await new LsCommandService(ARSHJUL_AGGREGATE, h.store).load(
      arshjulPlanId('socialnamnden', first.year),
    );
    expect(state?.items.some((i) => i.kind === 'verksamhetsbesok')).toBe(true);
    expect(state?.unitId).toBe('forvaltning');
  });
});
