/**
 * Records case workflow histories on the REAL Temporal dev server (TEMPORAL_ADDRESS) for the replay
 * tests: real activities on a fresh Postgres database, the orchestrator's handler feeding the events,
 * a policy of seconds so that misses and escalations happen within the run. Writes one JSON file per
 * workflow run to test/workflows/histories/ (overwriting). Run again after a *deliberate* change of
 * the workflow's commands (with `patched()` for running workflows), and keep the old files too.
 *
 *   set -a; . .infra/env; set +a
 *   node -r @swc-node/register test/workflows/record-histories.ts [--only name,name] [--codec]
 *
 * `--only` records just the named scenarios, so that histories recorded before a patch stay as they
 * were (they are what proves that `patched()` keeps old runs replaying).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DEFAULT_DEADLINE_POLICY, stockholmDateOf } from '@kvalitet/domain';
import type { CaseActor, CaseAggregateState, CaseType, DeadlinePolicy } from '@kvalitet/domain';
import { caseWorkflowId } from '@kvalitet/contracts';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import type { CaseCommandInput } from '@kvalitet/persistence';
import { createCaseActivities } from '../../apps/worker/src/activities/case-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { bundleWorkflows } from '../../apps/worker/src/workflow-bundle';
import { createCaseOrchestrator } from '../../apps/projector/src/orchestrator';
import { historyToJson } from './support/history-json';
import { infraEnv } from '../../test/support/infra-env';
import { createTestDatabase } from '../../test/support/test-database';
import { ENCRYPTED_HISTORIES_DIR, replayCodecConverter } from './support/replay-codec';

export const HISTORIES_DIR = resolve(__dirname, 'histories');

const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
const SAS: CaseActor = { username: 'sas', roles: ['lex_sarah_investigator'] };
const MAS: CaseActor = { username: 'mas', roles: ['mas'] };
const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const DIRECTOR: CaseActor = { username: 'forvaltningschef', roles: ['director'] };

/** Seconds instead of hours and days, so that misses and escalations happen while recording. */
export const RECORDING_POLICY: DeadlinePolicy = {
  version: 7,
  deadlines: {
    ...DEFAULT_DEADLINE_POLICY.deadlines,
    acknowledgement: 'PT2S',
    lex_sarah_first_response: 'PT2S',
    lex_sarah_investigation: 'PT40S',
    ivo_report: 'PT40S',
    investigation: 'PT40S',
    follow_up: 'PT40S',
    action_reminder_before: 'PT2S',
    escalation_repeat: 'PT2S',
    mas_classification: 'PT2S',
    patient_information: 'PT40S',
    response: 'PT2S',
  },
  escalationChain: ['unit_manager', 'division_manager', 'director'],
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(100);
  }
}

const ONLY = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? new Set(String(process.argv[i + 1]).split(',')) : null;
})();
const wanted = (name: string) => ONLY === null || ONLY.has(name);

/**
 * `--codec`: the payloads are encrypted with the published replay key (ADR 0028) and the files go to
 * histories-encrypted/; without it they are plain, as every history recorded before the codec.
 */
const CODEC = process.argv.includes('--codec');
const recordingConverter = CODEC ? { dataConverter: replayCodecConverter() } : {};
const OUT_DIR = CODEC ? ENCRYPTED_HISTORIES_DIR : HISTORIES_DIR;

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = infraEnv();
  const db = await createTestDatabase();
  const taskQueue = `record-${randomUUID()}`;
  const policy = staticPolicySource(RECORDING_POLICY);
  const cases = new CaseCommandService(new EventStore(db.dataSource), undefined, () => policy.current());
  const native = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, ...recordingConverter });
  const worker = await Worker.create({
    ...recordingConverter,
    connection: native,
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    activities: createCaseActivities({
      cases,
      policy,
      notifier: { remind: async () => undefined },
    }),
  });
  const running = worker.run();
  mkdirSync(OUT_DIR, { recursive: true });

  const scenario = (historyLimit?: number) => {
    const orchestrator = createCaseOrchestrator({
      client,
      taskQueue,
      ...(historyLimit ? { historyLimit } : {}),
    });
    const state = async (caseId: string): Promise<CaseAggregateState> => (await cases.load(caseId)).state!;
    return {
      state,
      async report(type: CaseType, extra: Record<string, unknown> = {}): Promise<string> {
        const { state: s, events } = await cases.report(
          {
            type,
            unitId: 'solgarden',
            occurredAt: '2026-11-20',
            description: 'Inspelning',
            channel: 'staff_form',
            ...extra,
          },
          STAFF,
        );
        await orchestrator.handleBatch(events, undefined as never);
        return s.id;
      },
      async run(caseId: string, command: CaseCommandInput): Promise<void> {
        const { events } = await cases.execute(caseId, command);
        await orchestrator.handleBatch(events, undefined as never);
      },
      async until(
        caseId: string,
        what: string,
        check: (s: CaseAggregateState) => boolean,
        timeoutMs?: number,
      ): Promise<void> {
        await waitUntil(what, async () => check(await state(caseId)), timeoutMs);
      },
    };
  };

  async function save(name: string, caseId: string): Promise<void> {
    const workflowId = caseWorkflowId(caseId);
    await waitUntil(
      `${name} completed`,
      async () => (await client.workflow.getHandle(workflowId).describe()).status.name !== 'RUNNING',
      60_000,
    );
    const runs: { runId: string; startTime: Date }[] = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
      runs.push({ runId: run.runId, startTime: run.startTime });
    runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    for (const [index, run] of runs.entries()) {
      const history = await client.workflow.getHandle(workflowId, run.runId).fetchHistory();
      const file = resolve(OUT_DIR, `${name}${runs.length > 1 ? `.run${index + 1}` : ''}.json`);
      writeFileSync(file, historyToJson(history) + '\n');
      console.log(`${file}: ${history.events?.length ?? 0} events`);
    }
  }

  const deadlineOf = (s: CaseAggregateState, kind: string) =>
    Object.values(s.deadlines).find((d) => d.kind === kind);
  const now = () => new Date().toISOString();

  // 1. Lex Sarah from report to close: first response missed and escalated, then met; a serious
  //    decision, the IVO report, an action with its reminder, the follow-up.
  if (wanted('lex-sarah-report-to-close')) {
    const s = scenario();
    const caseId = await s.report('lex_sarah');
    await s.until(
      caseId,
      'first response missed',
      (st) => deadlineOf(st, 'lex_sarah_first_response')?.status === 'missed',
    );
    await s.run(caseId, { type: 'acknowledge', actor: SAS, data: {} });
    await s.run(caseId, { type: 'assign', actor: MANAGER, data: { assignee: 'sas' } });
    await s.until(caseId, 'investigate task', (st) =>
      Object.values(st.tasks).some((t) => t.kind === 'investigate'),
    );
    await s.run(caseId, { type: 'start-investigation', actor: SAS, data: {} });
    await s.run(caseId, {
      type: 'record-investigation',
      actor: SAS,
      data: { summary: 'Utredd', causes: ['staffing'] },
    });
    // v1.1: the SAS holds the lex Sarah delegation (ADR 0023) and informs the nämnd (DL-6).
    await s.run(caseId, {
      type: 'decide',
      actor: SAS,
      data: { outcome: 'allvarligt_missforhallande', rationale: 'Allvarligt' },
    });
    await s.until(caseId, 'ivo deadline', (st) => deadlineOf(st, 'ivo_report') !== undefined);
    await s.run(caseId, {
      type: 'report-to-ivo',
      actor: SAS,
      data: { ivoReference: 'IVO-2026-1', reportedAt: now() },
    });
    await s.run(caseId, { type: 'inform-board', actor: SAS, data: { meetingDate: now().slice(0, 10) } });
    const actionId = randomUUID();
    await s.run(caseId, {
      type: 'add-action',
      actor: MANAGER,
      data: {
        actionId,
        title: 'Rutin',
        level: 'organisational',
        owner: 'enhetschef',
        dueAt: new Date(Date.now() + 4000).toISOString(),
      },
    });
    await s.until(caseId, 'action deadline', (st) => deadlineOf(st, 'action') !== undefined);
    await sleep(3000);
    await s.run(caseId, { type: 'complete-action', actor: MANAGER, data: { actionId, result: 'Klar' } });
    await s.until(caseId, 'follow-up deadline', (st) => deadlineOf(st, 'follow_up') !== undefined);
    await s.run(caseId, { type: 'follow-up', actor: MANAGER, data: { effective: true, note: 'Effektiv' } });
    await s.run(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Avslutad' } });
    await save('lex-sarah-report-to-close', caseId);
  }

  // 2. Complaint: the acknowledgement missed and escalated up the chain, then met late.
  if (wanted('complaint-acknowledgement-escalated')) {
    const s = scenario();
    const caseId = await s.report('complaint');
    await s.until(
      caseId,
      'escalation level 3',
      (st) => (deadlineOf(st, 'acknowledgement')?.escalationLevel ?? 0) >= 3,
    );
    await s.run(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    await s.run(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    await s.run(caseId, {
      type: 'record-investigation',
      actor: MANAGER,
      data: { summary: 'x', causes: [], deviationOccurred: false },
    });
    await s.until(caseId, 'escalation tasks closed', (st) =>
      Object.values(st.tasks)
        .filter((t) => t.kind === 'escalation')
        .every((t) => t.status === 'done'),
    );
    await s.run(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Besvarat' } });
    await save('complaint-acknowledgement-escalated', caseId);
  }

  // 3. Reclassification hsl_deviation → lex_maria mid-flight.
  if (wanted('hsl-deviation-reclassified-lex-maria')) {
    const s = scenario();
    const caseId = await s.report('hsl_deviation');
    await s.until(caseId, 'investigation deadline', (st) => deadlineOf(st, 'investigation') !== undefined);
    await s.run(caseId, {
      type: 'classify',
      actor: MAS,
      data: { type: 'lex_maria', category: 'lakemedel', rationale: 'Möjlig allvarlig vårdskada' },
    });
    await s.until(
      caseId,
      'acknowledge tasks',
      (st) => Object.values(st.tasks).filter((t) => t.kind === 'acknowledge').length === 2,
    );
    await s.run(caseId, { type: 'acknowledge', actor: MAS, data: {} });
    await s.run(caseId, { type: 'start-investigation', actor: MAS, data: {} });
    await s.run(caseId, {
      type: 'record-investigation',
      actor: MAS,
      data: { summary: 'x', causes: ['routine'] },
    });
    await s.run(caseId, {
      type: 'decide',
      actor: MAS,
      data: { outcome: 'ej_vardskada', rationale: 'Ingen skada' },
    });
    // v1.1: a lex Maria case closes with the patient told and the journal note (LC-8 steps 3–4).
    await s.run(caseId, { type: 'inform-patient', actor: MAS, data: { notPossibleReason: 'Avliden' } });
    await s.run(caseId, { type: 'confirm-journal-note', actor: MAS, data: { notedAt: now().slice(0, 10) } });
    await s.run(caseId, { type: 'close', actor: MAS, data: { summary: 'Klart' } });
    await save('hsl-deviation-reclassified-lex-maria', caseId);
  }

  // 4. Close and reopen: the second run rebuilds from the event store.
  if (wanted('deviation-closed-and-reopened')) {
    const s = scenario();
    const caseId = await s.report('deviation');
    await s.until(caseId, 'investigation deadline', (st) => deadlineOf(st, 'investigation') !== undefined);
    await s.run(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    await s.run(caseId, { type: 'assign', actor: MANAGER, data: { assignee: 'enhetschef' } });
    await s.until(caseId, 'investigate task', (st) =>
      Object.values(st.tasks).some((t) => t.kind === 'investigate'),
    );
    await s.run(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    await s.run(caseId, { type: 'record-investigation', actor: MANAGER, data: { summary: 'x', causes: [] } });
    await s.run(caseId, {
      type: 'decide',
      actor: MANAGER,
      data: { outcome: 'inga_atgarder', rationale: 'Inget' },
    });
    await s.run(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Klart' } });
    await waitUntil(
      'first run completed',
      async () =>
        (await client.workflow.getHandle(caseWorkflowId(caseId)).describe()).status.name === 'COMPLETED',
    );
    await s.run(caseId, { type: 'reopen', actor: MANAGER, data: { reason: 'Nya uppgifter' } });
    await s.until(
      caseId,
      'new investigation deadline',
      (st) => Object.values(st.deadlines).filter((d) => d.kind === 'investigation').length === 2,
    );
    await s.run(caseId, {
      type: 'record-investigation',
      actor: MANAGER,
      data: { summary: 'y', causes: ['routine'] },
    });
    await s.run(caseId, {
      type: 'decide',
      actor: MANAGER,
      data: { outcome: 'inga_atgarder', rationale: 'Inget' },
    });
    await s.run(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Klart igen' } });
    await save('deviation-closed-and-reopened', caseId);
  }

  // 5. Continue-as-new: a tiny history limit and an acknowledgement escalated every 2 s.
  if (wanted('suggestion-continued-as-new')) {
    const s = scenario(60);
    const caseId = await s.report('suggestion');
    await s.until(
      caseId,
      'escalation level 8',
      (st) => (deadlineOf(st, 'acknowledgement')?.escalationLevel ?? 0) >= 8,
      60_000,
    );
    await s.run(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    await s.run(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    await s.run(caseId, { type: 'record-investigation', actor: MANAGER, data: { summary: 'x', causes: [] } });
    await s.run(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Klart' } });
    await save('suggestion-continued-as-new', caseId);
  }

  // 6. ADR 0009 and the delegated decide task: lex Sarah decided serious, notified, closed, reopened,
  //    decided serious again and notified again; the decide tasks go to the delegate (director).
  if (wanted('lex-sarah-ivo-after-reopen')) {
    const s = scenario();
    const caseId = await s.report('lex_sarah');
    await s.until(
      caseId,
      'lex Sarah deadlines',
      (st) => deadlineOf(st, 'lex_sarah_investigation') !== undefined,
    );
    await s.run(caseId, { type: 'acknowledge', actor: SAS, data: {} });
    await s.run(caseId, { type: 'start-investigation', actor: SAS, data: {} });
    await s.run(caseId, {
      type: 'record-investigation',
      actor: SAS,
      data: { summary: 'Utredd', causes: ['x'] },
    });
    await s.until(caseId, 'decide task', (st) => Object.values(st.tasks).some((t) => t.kind === 'decide'));
    await s.run(caseId, {
      type: 'decide',
      actor: DIRECTOR,
      data: { outcome: 'allvarligt_missforhallande', rationale: 'Allvarligt' },
    });
    await s.until(caseId, 'ivo deadline', (st) => deadlineOf(st, 'ivo_report') !== undefined);
    await s.run(caseId, {
      type: 'report-to-ivo',
      actor: DIRECTOR,
      data: { ivoReference: 'IVO-1', reportedAt: now() },
    });
    await s.run(caseId, { type: 'inform-board', actor: DIRECTOR, data: { meetingDate: now().slice(0, 10) } });
    await s.run(caseId, { type: 'close', actor: DIRECTOR, data: { summary: 'Avslutad' } });
    await waitUntil(
      'first run completed',
      async () =>
        (await client.workflow.getHandle(caseWorkflowId(caseId)).describe()).status.name === 'COMPLETED',
    );
    await s.run(caseId, { type: 'reopen', actor: SAS, data: { reason: 'IVO begär komplettering' } });
    await s.run(caseId, { type: 'record-investigation', actor: SAS, data: { summary: 'Ny', causes: ['y'] } });
    await s.until(
      caseId,
      'second decide task',
      (st) => Object.values(st.tasks).filter((t) => t.kind === 'decide').length === 2,
    );
    await s.run(caseId, {
      type: 'decide',
      actor: DIRECTOR,
      data: { outcome: 'pataglig_risk_for_allvarligt_missforhallande', rationale: 'Nya fakta' },
    });
    await s.until(
      caseId,
      'second ivo deadline',
      (st) => Object.values(st.deadlines).filter((d) => d.kind === 'ivo_report').length === 2,
    );
    await s.run(caseId, {
      type: 'report-to-ivo',
      actor: DIRECTOR,
      data: { ivoReference: 'IVO-2', reportedAt: now() },
    });
    await s.run(caseId, { type: 'inform-board', actor: DIRECTOR, data: { meetingDate: now().slice(0, 10) } });
    await s.run(caseId, { type: 'close', actor: DIRECTOR, data: { summary: 'Avslutad igen' } });
    await save('lex-sarah-ivo-after-reopen', caseId);
  }

  // 7. ADR 0009: deviation → lex_sarah cancels the investigation deadline by an event; the
  //    first response (PT2S, from the report) is missed and then met late.
  if (wanted('deviation-reclassified-deadline-cancelled')) {
    const s = scenario();
    const caseId = await s.report('deviation');
    await s.until(caseId, 'investigation deadline', (st) => deadlineOf(st, 'investigation') !== undefined);
    await s.run(caseId, {
      type: 'classify',
      actor: SAS,
      data: { type: 'lex_sarah', category: 'bemotande', rationale: 'Missförhållande' },
    });
    await s.until(
      caseId,
      'investigation cancelled',
      (st) => deadlineOf(st, 'investigation')?.status === 'cancelled',
    );
    await s.until(
      caseId,
      'first response missed',
      (st) => deadlineOf(st, 'lex_sarah_first_response')?.status === 'missed',
    );
    await s.run(caseId, { type: 'acknowledge', actor: SAS, data: {} });
    await s.run(caseId, { type: 'start-investigation', actor: SAS, data: {} });
    await s.run(caseId, { type: 'record-investigation', actor: SAS, data: { summary: 'x', causes: [] } });
    await s.run(caseId, {
      type: 'decide',
      actor: DIRECTOR,
      data: { outcome: 'ej_missforhallande', rationale: 'Nej' },
    });
    await s.run(caseId, { type: 'close', actor: DIRECTOR, data: { summary: 'Klart' } });
    await save('deviation-reclassified-deadline-cancelled', caseId);
  }

  // 8. The statutory steps of lex Maria (patch statutory-steps-mas-patient-board; DL-6, DL-7, DL-9):
  //    the MAS's assessment missed and escalated, then met late; the patient informed in time; the IVO
  //    notification starts board_information (the demo calendar), met by inform-board; closed.
  if (wanted('lex-maria-statutory-steps')) {
    const s = scenario();
    const caseId = await s.report('lex_maria');
    await s.until(
      caseId,
      'MAS assessment missed',
      (st) => deadlineOf(st, 'mas_classification')?.status === 'missed',
    );
    await s.run(caseId, {
      type: 'classify',
      actor: MAS,
      data: { type: 'lex_maria', category: 'lakemedel', rationale: 'Risk för allvarlig vårdskada' },
    });
    await s.run(caseId, {
      type: 'inform-patient',
      actor: MAS,
      data: { informedAt: now(), who: 'relative', how: 'phone' },
    });
    await s.run(caseId, { type: 'acknowledge', actor: MAS, data: {} });
    await s.run(caseId, { type: 'start-investigation', actor: MAS, data: {} });
    await s.run(caseId, {
      type: 'record-investigation',
      actor: MAS,
      data: { summary: 'Utredd', causes: ['routine'] },
    });
    await s.run(caseId, {
      type: 'decide',
      actor: MAS,
      data: { outcome: 'allvarlig_vardskada', rationale: 'Allvarlig vårdskada' },
    });
    await s.until(caseId, 'ivo deadline', (st) => deadlineOf(st, 'ivo_report') !== undefined);
    await s.run(caseId, {
      type: 'report-to-ivo',
      actor: MAS,
      data: { ivoReference: 'IVO-M-1', reportedAt: now() },
    });
    await s.until(
      caseId,
      'board_information deadline',
      (st) => deadlineOf(st, 'board_information') !== undefined,
    );
    await s.run(caseId, {
      type: 'inform-board',
      actor: MAS,
      data: { meetingDate: stockholmDateOf(new Date()), paragraph: '§ 1' },
    });
    await s.run(caseId, { type: 'confirm-journal-note', actor: MAS, data: { notedAt: now() } });
    await s.run(caseId, { type: 'close', actor: MAS, data: { summary: 'Klart' } });
    await save('lex-maria-statutory-steps', caseId);
  }

  // 9. Answers (patch case-answers-response-and-notices; LC-4 step 7, IMP-8): a complaint whose
  //    reporter wants an answer — `response` missed and escalated, then met late by respond, which
  //    asks for the answer mail; closed. A staff member's deviation closed: the outcome notice.
  if (wanted('complaint-answered')) {
    const s = scenario();
    const caseId = await s.report('complaint', {
      channel: 'web',
      contact: { email: 'klagande@example.se' },
      wantsAnswer: true,
    });
    await s.run(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    await s.until(caseId, 'response missed', (st) => deadlineOf(st, 'response')?.status === 'missed');
    await s.run(caseId, {
      type: 'respond',
      actor: MANAGER,
      data: { respondedAt: now(), channel: 'email', summary: 'Svar' },
    });
    await s.run(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    await s.run(caseId, {
      type: 'record-investigation',
      actor: MANAGER,
      data: { summary: 'Utredd', causes: ['routine'], deviationOccurred: false },
    });
    await s.run(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Klart' } });
    await save('complaint-answered', caseId);
  }
  if (wanted('deviation-outcome-notice')) {
    const s = scenario();
    const caseId = await s.report('deviation');
    await s.run(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    await s.run(caseId, {
      type: 'record-investigation',
      actor: MANAGER,
      data: { summary: 'Utredd', causes: ['routine'] },
    });
    await s.run(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Klart' } });
    await save('deviation-outcome-notice', caseId);
  }

  worker.shutdown();
  await running;
  await connection.close();
  await native.close();
  await db.drop();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
