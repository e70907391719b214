import {
  DEFAULT_DEADLINE_POLICY,
  DEFAULT_DELEGATION_ITEMS,
  addPolicyDuration,
  applyCaseEvent,
  decideCase,
  initialCaseFlowState,
  pendingWork,
  rebuildCase,
} from '@kvalitet/domain';
import type {
  CaseActor,
  CaseAggregateState,
  CaseCommand,
  CaseEvent,
  DeadlineStartedData,
  TaskCreatedData,
} from '@kvalitet/domain';
import { caseWorkflowId, toCaseWorkflowEvent } from '@kvalitet/contracts';
import type { EventEnvelope } from '@kvalitet/contracts';
import { writeCaseWork } from './case-work-writer';
import type { CaseWorkSources, CaseWorkTarget } from './case-work-writer';
import { withImpliedWork } from './implied-case-work';
import { stepUuid } from './step-ids';

const CASE_ID = '5b0f7a52-2a0f-4d3e-9a53-0d1c6a1e2f01';
const NOW = new Date('2026-11-20T15:00:00.000Z');
const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const SAS: CaseActor = { username: 'sas', roles: ['lex_sarah_investigator'] };
const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
/** The demo settings: the contract's policy, the demo delegation register, no nämnd meetings. */
const SOURCES: CaseWorkSources = {
  policy: async () => DEFAULT_DEADLINE_POLICY,
  delegations: async () => DEFAULT_DELEGATION_ITEMS,
  boardMeetings: async () => [],
};

/** A case stream in memory, written as the command service writes it: command and implied work together. */
class MemoryCase {
  readonly stored: EventEnvelope[] = [];

  get state(): CaseAggregateState {
    return rebuildCase(this.stored.map((e) => ({ type: e.type, data: e.data }) as unknown as CaseEvent))!;
  }

  async run(command: CaseCommand): Promise<CaseEvent[]> {
    const state = this.stored.length === 0 ? null : this.state;
    const events = await withImpliedWork(
      { caseId: CASE_ID, history: this.stored, state, now: NOW, sources: SOURCES },
      (current) => {
        const decision = decideCase(command, current, NOW);
        if (!decision.ok) throw new Error(decision.refusal.message);
        return decision.events;
      },
    );
    for (const event of events) {
      const version = this.stored.length + 1;
      this.stored.push({
        id: `e${version}`,
        position: String(version),
        aggregateType: 'case',
        aggregateId: CASE_ID,
        version,
        type: event.type,
        schemaVersion: 1,
        data: event.data as unknown as Record<string, unknown>,
        metadata: { actor: command.actor.username, correlationId: 'test' },
        occurredAt: NOW.toISOString(),
        recordedAt: NOW.toISOString(),
      });
    }
    return events;
  }
}

const started = (events: CaseEvent[]) =>
  events.filter((e) => e.type === 'DeadlineStarted').map((e) => e.data as DeadlineStartedData);
const created = (events: CaseEvent[]) =>
  events.filter((e) => e.type === 'TaskCreated').map((e) => e.data as TaskCreatedData);

async function reportedLexSarah(): Promise<MemoryCase> {
  const memory = new MemoryCase();
  await memory.run({
    type: 'report',
    actor: STAFF,
    data: {
      caseId: CASE_ID,
      caseNumber: 'LS-2026-0001',
      type: 'lex_sarah',
      unitId: 'solgarden',
      occurredAt: '2026-11-20T14:05:00+01:00',
      reportedAt: '2026-11-20T16:00:00+01:00',
      description: 'Brukaren lämnades utan tillsyn under natten.',
      channel: 'staff_form',
    },
  });
  return memory;
}

describe('withImpliedWork — a command records the deadlines and tasks it implies (issue 22, ADR 0021)', () => {
  it('a lex Sarah report starts both lex Sarah deadlines and gives the manager and the SAS their tasks (DL-3, DL-4)', async () => {
    const memory = await reportedLexSarah();
    const events = memory.stored.map((e) => ({ type: e.type, data: e.data }) as unknown as CaseEvent);
    expect(events[0]!.type).toBe('CaseReported');
    expect(started(events).map((d) => d.kind)).toEqual([
      'lex_sarah_first_response',
      'lex_sarah_investigation',
    ]);
    expect(started(events)[0]!.deadlineId).toBe(
      stepUuid(caseWorkflowId(CASE_ID), 'deadline/lex_sarah_first_response'),
    );
    // From reportedAt (15:00Z) by the policy's lex_sarah_first_response ("genast").
    expect(started(events)[0]!.dueAt).toBe(
      addPolicyDuration(NOW, DEFAULT_DEADLINE_POLICY.deadlines['lex_sarah_first_response']!).toISOString(),
    );
    expect(started(events)[0]!.policyVersion).toBe(DEFAULT_DEADLINE_POLICY.version);
    expect(created(events).map((t) => [t.kind, t.assigneeRole])).toEqual([
      ['acknowledge', 'unit_manager'],
      ['acknowledge', 'lex_sarah_investigator'],
    ]);
  });

  it('assign puts the investigate task with the investigation due date in the assignee’s inbox at once', async () => {
    const memory = await reportedLexSarah();
    const events = await memory.run({ type: 'assign', actor: MANAGER, data: { assignee: 'sas' } });
    expect(events[0]!.type).toBe('CaseAssigned');
    const [task] = created(events);
    expect(task).toMatchObject({
      kind: 'investigate',
      assignee: 'sas',
      taskId: stepUuid(caseWorkflowId(CASE_ID), 'task/investigate/r0/sas'),
      deadlineId: stepUuid(caseWorkflowId(CASE_ID), 'deadline/lex_sarah_investigation/r0'),
    });
  });

  it('a reassignment completes the replaced assignee’s task in the same batch', async () => {
    const memory = await reportedLexSarah();
    await memory.run({ type: 'assign', actor: MANAGER, data: { assignee: 'sas' } });
    const events = await memory.run({ type: 'assign', actor: MANAGER, data: { assignee: 'utredare' } });
    expect(events.map((e) => e.type)).toEqual(['CaseAssigned', 'TaskCreated', 'TaskCompleted']);
    expect(events[2]!.data).toMatchObject({
      taskId: stepUuid(caseWorkflowId(CASE_ID), 'task/investigate/r0/sas'),
    });
  });

  it('a serious decision starts the IVO deadline and the report_to_ivo task with it (DL-5)', async () => {
    const memory = await reportedLexSarah();
    await memory.run({ type: 'acknowledge', actor: MANAGER, data: {} });
    await memory.run({ type: 'assign', actor: MANAGER, data: { assignee: 'sas' } });
    await memory.run({ type: 'start-investigation', actor: SAS, data: {} });
    const recorded = await memory.run({
      type: 'record-investigation',
      actor: SAS,
      data: { summary: 'Utrett.', causes: ['bemanning'] },
    });
    expect(created(recorded).map((t) => t.kind)).toEqual(['decide']);
    const decided = await memory.run({
      type: 'decide',
      actor: { username: 'forvaltningschef', roles: ['director'] },
      data: { outcome: 'allvarligt_missforhallande', rationale: 'Allvarligt.' },
    });
    expect(decided[0]!.type).toBe('CaseDecided');
    expect(started(decided).map((d) => d.kind)).toEqual(['ivo_report']);
    expect(created(decided)).toEqual([
      expect.objectContaining({ kind: 'report_to_ivo', assignee: 'forvaltningschef' }),
    ]);
  });

  it('leaves the workflow nothing to write: its activity finds every implied deadline and task', async () => {
    const memory = await reportedLexSarah();
    await memory.run({ type: 'assign', actor: MANAGER, data: { assignee: 'sas' } });
    await memory.run({ type: 'acknowledge', actor: MANAGER, data: {} });
    const flow = initialCaseFlowState(CASE_ID);
    for (const envelope of memory.stored) {
      const event = toCaseWorkflowEvent(envelope);
      if (event) applyCaseEvent(flow, event);
    }
    const work = pendingWork(flow, NOW.toISOString());
    expect(work).not.toBeNull();
    const writes: string[] = [];
    const target: CaseWorkTarget = {
      workflowId: caseWorkflowId(CASE_ID),
      state: memory.state,
      write: async (command) => void writes.push(command.type),
      step: (run) => run(memory.state),
    };
    const result = await writeCaseWork(target, work!, SOURCES);
    expect(writes).toEqual([]);
    expect(
      result.tasks.every((t) => t.outcome === 'created' || t.outcome === 'done' || t.outcome === 'satisfied'),
    ).toBe(true);
    expect(result.deadlines.map((d) => d.outcome)).toEqual(expect.arrayContaining(['started']));
  });

  it('a refused command implies nothing and writes nothing', async () => {
    const memory = await reportedLexSarah();
    const before = memory.stored.length;
    await expect(
      memory.run({ type: 'follow-up', actor: MANAGER, data: { effective: true, note: 'x' } }),
    ).rejects.toThrow();
    expect(memory.stored).toHaveLength(before);
  });
});
