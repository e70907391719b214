/**
 * Given events / when command / then events — test helpers for the case decider (not exported from the
 * library). `expect` is jest's global; this file is only imported by `*.spec.ts`.
 */
import type {
  CaseActor,
  CaseCommand,
  CaseCommandOfType,
  CaseCommandType,
  ReportCaseData,
} from './case-commands';
import type { CaseDeadlineKind } from './case-deadline-kind';
import type {
  ActionAddedData,
  CaseEvent,
  CaseReported,
  CaseReportedData,
  DeadlineStartedData,
  InvestigationRecordedData,
  TaskCreatedData,
} from './case-events';
import type { CaseOutcome } from './case-outcome';
import { isSeriousOutcome } from './case-outcome';
import type { CaseTaskKind } from './case-task-kind';
import type { CaseRefusal } from './case-refusal';
import type { CaseAggregateState, CaseState } from './case-state';
import { decideCase } from './decide-case';
import type { DecideCaseResult } from './decide-case';
import { evolveCase, rebuildCase } from './evolve-case';

export const T0 = new Date('2026-11-20T15:00:00.000Z');
export const T0_ISO = T0.toISOString();

/** `minutes` after T0. */
export function later(minutes: number): Date {
  return new Date(T0.getTime() + minutes * 60_000);
}

export function laterIso(minutes: number): string {
  return later(minutes).toISOString();
}

export const SAS: CaseActor = { username: 'sas', roles: ['lex_sarah_investigator'] };
export const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
export const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
export const SYSTEM: CaseActor = { username: 'system', roles: ['system'] };

export function command<T extends CaseCommandType>(
  type: T,
  data: CaseCommandOfType<T>['data'],
  actor: CaseActor = SAS,
): CaseCommandOfType<T> {
  return { type, actor, data } as CaseCommandOfType<T>;
}

export function reportData(overrides: Partial<ReportCaseData> = {}): ReportCaseData {
  return {
    caseId: 'case-1',
    caseNumber: 'LS-2026-0007',
    type: 'lex_sarah',
    unitId: 'solgarden',
    occurredAt: '2026-11-20T14:05:00+01:00',
    reportedAt: '2026-11-20T16:00:00+01:00',
    description: 'Brukaren lämnades utan tillsyn under natten.',
    immediateActions: 'Extra personal insatt.',
    channel: 'staff_form',
    ...overrides,
  };
}

/** The `CaseReported` event a default `report` command gives at T0. */
export function caseReported(overrides: Partial<CaseReportedData> = {}): CaseReported {
  return {
    type: 'CaseReported',
    data: {
      caseId: 'case-1',
      caseNumber: 'LS-2026-0007',
      type: 'lex_sarah',
      unitId: 'solgarden',
      occurredAt: '2026-11-20T13:05:00.000Z',
      reportedAt: '2026-11-20T15:00:00.000Z',
      registeredAt: T0_ISO,
      description: 'Brukaren lämnades utan tillsyn under natten.',
      immediateActions: 'Extra personal insatt.',
      channel: 'staff_form',
      reporter: { username: 'medarbetare' },
      unclassified: false,
      ...overrides,
    },
  };
}

export function complaintReported(overrides: Partial<CaseReportedData> = {}): CaseReported {
  return caseReported({
    caseId: 'case-2',
    caseNumber: 'KL-2026-0112',
    type: 'complaint',
    channel: 'letter',
    description: 'Anhörig klagar på bemötandet.',
    ...overrides,
  });
}

interface Then {
  readonly result: DecideCaseResult;
  then(...expected: CaseEvent[]): void;
  thenNothing(): void;
  thenRefused(expected: Partial<CaseRefusal>): void;
  /** The events, asserting the command was accepted. */
  events(): readonly CaseEvent[];
  /** The state after the accepted events. */
  state(): CaseAggregateState;
}

export interface When {
  readonly state: CaseState;
  when(command: CaseCommand, now?: Date): Then;
}

export function given(...history: CaseEvent[]): When {
  const state = rebuildCase(history);
  return {
    state,
    when(cmd, now = T0) {
      const result = decideCase(cmd, state, now);
      const events = (): readonly CaseEvent[] => {
        if (!result.ok) throw new Error(`Refused: ${JSON.stringify(result.refusal)}`);
        return result.events;
      };
      return {
        result,
        then: (...expected) => expect(result).toEqual({ ok: true, events: expected }),
        thenNothing: () => expect(result).toEqual({ ok: true, events: [] }),
        thenRefused: (expected) => {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.refusal).toMatchObject(expected);
            expect(result.refusal.message.length).toBeGreaterThan(0);
          }
        },
        events,
        state: () => {
          const next = events().reduce<CaseState>(evolveCase, state);
          if (next === null) throw new Error('No case');
          return next;
        },
      };
    },
  };
}

/**
 * Runs commands in order from `history`, each at its own time, and fails on the first refusal.
 * Returns all events (history included) and the final state.
 */
export function run(
  history: readonly CaseEvent[],
  steps: ReadonlyArray<readonly [CaseCommand, Date?]>,
): { events: CaseEvent[]; state: CaseAggregateState } {
  const events = [...history];
  let state = rebuildCase(events);
  for (const [cmd, now] of steps) {
    const result = decideCase(cmd, state, now ?? T0);
    if (!result.ok) throw new Error(`${cmd.type} refused: ${JSON.stringify(result.refusal)}`);
    for (const event of result.events) {
      events.push(event);
      state = evolveCase(state, event);
    }
  }
  if (state === null) throw new Error('No case');
  return { events, state };
}

/** Event builders for `given(...)`; `at` defaults to T0 and `by` to `sas`. */
export const events = {
  acknowledged: (by = 'enhetschef', at = T0_ISO): CaseEvent => ({
    type: 'CaseAcknowledged',
    data: { by, at },
  }),
  assigned: (assignee: string, at = T0_ISO): CaseEvent => ({
    type: 'CaseAssigned',
    data: { assignee, by: 'enhetschef', at },
  }),
  investigationStarted: (at = T0_ISO): CaseEvent => ({
    type: 'InvestigationStarted',
    data: { by: 'sas', at },
  }),
  investigationRecorded: (overrides: Partial<InvestigationRecordedData> = {}): CaseEvent => ({
    type: 'InvestigationRecorded',
    data: {
      summary: 'Rutinen för nattillsyn följdes inte.',
      causes: ['Bemanning'],
      by: 'sas',
      at: T0_ISO,
      ...overrides,
    },
  }),
  decided: (outcome: CaseOutcome, at = T0_ISO): CaseEvent => ({
    type: 'CaseDecided',
    data: {
      outcome,
      rationale: 'Enligt utredningen.',
      requiresIvoReport: isSeriousOutcome(outcome),
      by: 'forvaltningschef',
      at,
    },
  }),
  reportedToIvo: (at = T0_ISO): CaseEvent => ({
    type: 'ReportedToIvo',
    data: { ivoReference: 'IVO 3.5.1-12345/2026', reportedAt: at, by: 'forvaltningschef', at },
  }),
  patientInformed: (at = T0_ISO): CaseEvent => ({
    type: 'PatientInformed',
    data: { informedAt: at, who: 'relative', how: 'phone', role: 'mas', by: 'mas', at },
  }),
  journalNoteConfirmed: (at = T0_ISO): CaseEvent => ({
    type: 'JournalNoteConfirmed',
    data: { notedAt: at, role: 'mas', by: 'mas', at },
  }),
  boardInformed: (meetingDate = '2026-11-18', at = T0_ISO): CaseEvent => ({
    type: 'BoardInformed',
    data: { meetingDate, role: 'director', by: 'forvaltningschef', at },
  }),
  actionAdded: (actionId: string, overrides: Partial<ActionAddedData> = {}): CaseEvent => ({
    type: 'ActionAdded',
    data: {
      actionId,
      title: 'Ny rutin för nattillsyn',
      level: 'organisational',
      owner: 'enhetschef',
      dueAt: '2026-12-20T15:00:00.000Z',
      by: 'enhetschef',
      at: T0_ISO,
      ...overrides,
    },
  }),
  actionCompleted: (actionId: string, at = T0_ISO): CaseEvent => ({
    type: 'ActionCompleted',
    data: { actionId, result: 'Rutinen är införd.', by: 'enhetschef', at },
  }),
  followUpRecorded: (actionIds: string[], effective = true, at = T0_ISO): CaseEvent => ({
    type: 'FollowUpRecorded',
    data: { effective, note: 'Stickprov visar att rutinen följs.', actionIds, by: 'enhetschef', at },
  }),
  closed: (at = T0_ISO): CaseEvent => ({ type: 'CaseClosed', data: { summary: 'Klart.', by: 'sas', at } }),
  reopened: (at = T0_ISO): CaseEvent => ({
    type: 'CaseReopened',
    data: { reason: 'IVO begär komplettering.', by: 'sas', at },
  }),
  deadlineStarted: (
    deadlineId: string,
    kind: CaseDeadlineKind,
    overrides: Partial<DeadlineStartedData> = {},
  ): CaseEvent => ({
    type: 'DeadlineStarted',
    data: {
      deadlineId,
      kind,
      dueAt: '2026-11-21T15:00:00.000Z',
      policyVersion: 1,
      startedAt: T0_ISO,
      ...overrides,
    },
  }),
  deadlineMet: (deadlineId: string, at = T0_ISO): CaseEvent => ({
    type: 'DeadlineMet',
    data: { deadlineId, at },
  }),
  deadlineMissed: (
    deadlineId: string,
    escalationLevel = 1,
    escalatedTo = ['unit_manager'],
    at = T0_ISO,
  ): CaseEvent => ({
    type: 'DeadlineMissed',
    data: { deadlineId, at, escalationLevel, escalatedTo },
  }),
  taskCreated: (taskId: string, kind: CaseTaskKind, overrides: Partial<TaskCreatedData> = {}): CaseEvent => ({
    type: 'TaskCreated',
    data: {
      taskId,
      kind,
      assigneeRole: 'unit_manager',
      unitId: 'solgarden',
      createdAt: T0_ISO,
      ...overrides,
    },
  }),
  taskCompleted: (taskId: string, by = 'sas', at = T0_ISO): CaseEvent => ({
    type: 'TaskCompleted',
    data: { taskId, at, by },
  }),
};
