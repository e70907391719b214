import type { CaseEvent } from './case-events';
import { evolveCase, rebuildCase } from './evolve-case';
import { T0_ISO, caseReported, complaintReported, events as e } from './test-support';

describe('evolveCase', () => {
  it('starts from the report', () => {
    expect(rebuildCase([caseReported()])).toEqual({
      id: 'case-1',
      caseNumber: 'LS-2026-0007',
      type: 'lex_sarah',
      reportedType: 'lex_sarah',
      unitId: 'solgarden',
      channel: 'staff_form',
      stage: 'reported',
      reportedAt: '2026-11-20T15:00:00.000Z',
      registeredAt: T0_ISO,
      occurredAt: '2026-11-20T13:05:00.000Z',
      unclassified: false,
      acknowledged: null,
      assignee: null,
      investigationStartedAt: null,
      investigation: null,
      newInvestigationRequired: false,
      decision: null,
      ivoReport: null,
      breachAssessment: null,
      imyReport: null,
      statutorySteps: {
        masClassifiedAt: null,
        patientInformation: null,
        journalNotedAt: null,
        boardInformation: null,
        ivoDecisions: 0,
      },
      actions: {},
      deadlines: {},
      tasks: {},
      version: 1,
      closedAt: null,
      reopenCount: 0,
    });
  });

  it('is null before the report and ignores events that come before it', () => {
    expect(rebuildCase([])).toBeNull();
    expect(evolveCase(null, e.acknowledged())).toBeNull();
  });

  it('counts every event in the version, including ones that change nothing', () => {
    const state = rebuildCase([
      caseReported(),
      e.deadlineMet('unknown'),
      e.taskCompleted('unknown'),
      caseReported(),
    ]);
    expect(state?.version).toBe(4);
    expect(state?.deadlines).toEqual({});
  });

  it('follows the stages of a lex Sarah case', () => {
    const history: CaseEvent[] = [
      caseReported(),
      e.investigationStarted(),
      e.investigationRecorded(),
      e.decided('missforhallande'),
      e.actionAdded('a1'),
      e.actionCompleted('a1'),
      e.followUpRecorded(['a1']),
      e.closed(),
      e.reopened(),
    ];
    const stages = history.map((_, i) => rebuildCase(history.slice(0, i + 1))?.stage);
    expect(stages).toEqual([
      'reported',
      'investigating',
      'investigating',
      'acting',
      'acting',
      'following_up',
      'following_up',
      'closed',
      'investigating',
    ]);
  });

  it('keeps the decision tied to the investigation it was based on', () => {
    const state = rebuildCase([
      caseReported(),
      e.investigationStarted(),
      e.investigationRecorded(),
      e.decided('allvarligt_missforhallande'),
      e.reportedToIvo(),
    ]);
    expect(state).toMatchObject({
      investigation: { seq: 1 },
      decision: { outcome: 'allvarligt_missforhallande', requiresIvoReport: true, investigationSeq: 1 },
      ivoReport: { ivoReference: 'IVO 3.5.1-12345/2026' },
    });
  });

  it('tracks deadlines and tasks', () => {
    const state = rebuildCase([
      complaintReported(),
      e.deadlineStarted('d1', 'acknowledgement'),
      e.deadlineStarted('d2', 'investigation', { policyVersion: 4 }),
      e.deadlineMet('d1'),
      e.deadlineMissed('d2', 1, ['unit_manager']),
      e.taskCreated('t1', 'acknowledge'),
      e.taskCreated('t2', 'escalation', { assignee: 'avdelningschef', deadlineId: 'd2' }),
      e.taskCompleted('t1', 'enhetschef'),
    ]);
    expect(state?.deadlines).toEqual({
      d1: {
        id: 'd1',
        kind: 'acknowledgement',
        dueAt: '2026-11-21T15:00:00.000Z',
        policyVersion: 1,
        status: 'met',
        startedAt: T0_ISO,
        metAt: T0_ISO,
        escalationLevel: 0,
        escalatedTo: [],
      },
      d2: {
        id: 'd2',
        kind: 'investigation',
        dueAt: '2026-11-21T15:00:00.000Z',
        policyVersion: 4,
        status: 'missed',
        startedAt: T0_ISO,
        missedAt: T0_ISO,
        escalationLevel: 1,
        escalatedTo: ['unit_manager'],
      },
    });
    expect(state?.tasks.t1).toMatchObject({ status: 'done', completedBy: 'enhetschef', completedAt: T0_ISO });
    expect(state?.tasks.t2).toMatchObject({ status: 'open', assignee: 'avdelningschef', deadlineId: 'd2' });
  });

  it('does not change the state it is given', () => {
    const before = rebuildCase([caseReported()]);
    const frozen = JSON.stringify(before);
    evolveCase(before, e.investigationStarted());
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('decides nothing on free text, so erasing personal data from the history (ADR 0002) changes no state', () => {
    const history: CaseEvent[] = [
      caseReported({ onBehalfOf: { name: 'Anna' }, personRef: 'p-1' }),
      e.acknowledged(),
      e.investigationStarted(),
      e.investigationRecorded({ deviationOccurred: true }),
      e.decided('allvarligt_missforhallande'),
      e.reportedToIvo(),
      e.actionAdded('a1'),
      e.actionCompleted('a1'),
      e.followUpRecorded(['a1']),
      e.closed(),
      e.reopened(),
    ];
    const personal = [
      'description',
      'immediateActions',
      'onBehalfOf',
      'personRef',
      'note',
      'summary',
      'rationale',
      'result',
      'reason',
      'causes',
    ];
    const erased = history.map(
      (event) =>
        ({
          ...event,
          data: Object.fromEntries(
            Object.entries(event.data).map(([key, value]) => [
              key,
              personal.includes(key) ? '[raderad]' : value,
            ]),
          ),
        }) as CaseEvent,
    );
    expect(rebuildCase(erased)).toEqual(rebuildCase(history));
  });
});
