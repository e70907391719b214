import type { CaseEvent, CaseReportedData } from './case-events';
import { isInvestigationConcluded, isWorkingStage, stageAfterConclusion } from './case-progress';
import type {
  CaseActionState,
  CaseAggregateState,
  CaseDeadlineState,
  CaseState,
  CaseStatutoryStepsState,
  CaseTaskState,
} from './case-state';
import { hashTableCopy, withEntry } from './with-entry';
import { openTask } from '../tasks/open-task';

const NO_STATUTORY_STEPS: CaseStatutoryStepsState = Object.freeze({
  masClassifiedAt: null,
  patientInformation: null,
  journalNotedAt: null,
  boardInformation: null,
  ivoDecisions: 0,
});

function withSteps(state: CaseAggregateState, change: Partial<CaseStatutoryStepsState>): CaseAggregateState {
  return { ...state, statutorySteps: { ...state.statutorySteps, ...change } };
}

function reported(data: CaseReportedData): CaseAggregateState {
  return {
    id: data.caseId,
    caseNumber: data.caseNumber,
    type: data.type,
    reportedType: data.type,
    unitId: data.unitId,
    channel: data.channel,
    stage: 'reported',
    reportedAt: data.reportedAt,
    registeredAt: data.registeredAt,
    ...(data.occurredAt === undefined ? {} : { occurredAt: data.occurredAt }),
    unclassified: data.unclassified,
    acknowledged: null,
    assignee: null,
    investigationStartedAt: null,
    investigation: null,
    newInvestigationRequired: false,
    decision: null,
    ivoReport: null,
    ...(data.awareAt === undefined ? {} : { awareAt: data.awareAt }),
    breachAssessment: null,
    imyReport: null,
    ...(data.wantsAnswer === true && (data.contact?.email || data.contact?.phone)
      ? { answerWanted: true }
      : {}),
    ...(data.respondBy === undefined ? {} : { respondBy: data.respondBy }),
    ...(data.lateReport === undefined ? {} : { lateReport: data.lateReport }),
    ...(data.protectedIdentity === true ? { protectedIdentity: true as const } : {}),
    statutorySteps: NO_STATUTORY_STEPS,
    actions: {},
    deadlines: {},
    tasks: {},
    version: 1,
    closedAt: null,
    reopenCount: 0,
  };
}

/** Moves a case whose investigation phase is concluded to the stage its actions call for. */
function progressed(state: CaseAggregateState): CaseAggregateState {
  if (!isWorkingStage(state.stage) || !isInvestigationConcluded(state)) return state;
  return { ...state, stage: stageAfterConclusion(state) };
}

function withAction(
  state: CaseAggregateState,
  id: string,
  change: (action: CaseActionState) => CaseActionState,
) {
  const action = state.actions[id];
  return action === undefined ? state : { ...state, actions: withEntry(state.actions, id, change(action)) };
}

/** The events that change nothing but one entry of the deadlines or tasks (keyed by the entry's id). */
type EntryEvent = Extract<
  CaseEvent,
  {
    type:
      | 'DeadlineStarted'
      | 'DeadlineMet'
      | 'DeadlineCancelled'
      | 'DeadlineReminderSent'
      | 'DeadlineMissed'
      | 'TaskCreated'
      | 'TaskCompleted';
  }
>;

type EntryChange =
  | { readonly map: 'deadlines'; readonly entry: CaseDeadlineState }
  | { readonly map: 'tasks'; readonly entry: CaseTaskState };

const ENTRY_EVENT_TYPES: ReadonlySet<string> = new Set<EntryEvent['type']>([
  'DeadlineStarted',
  'DeadlineMet',
  'DeadlineCancelled',
  'DeadlineReminderSent',
  'DeadlineMissed',
  'TaskCreated',
  'TaskCompleted',
]);

function isEntryEvent(event: CaseEvent): event is EntryEvent {
  return ENTRY_EVENT_TYPES.has(event.type);
}

/** The entry such an event sets, or `null` when it changes nothing (an unknown id, a repeated reminder). */
function entryChangeOf(state: CaseAggregateState, event: EntryEvent): EntryChange | null {
  switch (event.type) {
    case 'DeadlineStarted': {
      const { deadlineId, kind, dueAt, policyVersion, actionId, startedAt } = event.data;
      return {
        map: 'deadlines',
        entry: {
          id: deadlineId,
          kind,
          dueAt,
          policyVersion,
          ...(actionId === undefined ? {} : { actionId }),
          status: 'open',
          startedAt,
          escalationLevel: 0,
          escalatedTo: [],
        },
      };
    }
    case 'DeadlineMet': {
      const deadline = state.deadlines[event.data.deadlineId];
      if (deadline === undefined) return null;
      const late = event.data.late === true || deadline.status === 'missed';
      return {
        map: 'deadlines',
        entry: { ...deadline, status: 'met', metAt: event.data.at, ...(late ? { metLate: true } : {}) },
      };
    }
    case 'DeadlineCancelled': {
      const deadline = state.deadlines[event.data.deadlineId];
      if (deadline === undefined) return null;
      const { at, reason } = event.data;
      return {
        map: 'deadlines',
        entry: { ...deadline, status: 'cancelled', cancelledAt: at, cancelReason: reason },
      };
    }
    case 'DeadlineReminderSent': {
      const deadline = state.deadlines[event.data.deadlineId];
      if (deadline === undefined) return null;
      const reminders = deadline.reminders ?? [];
      if (reminders.includes(event.data.when)) return null;
      return { map: 'deadlines', entry: { ...deadline, reminders: [...reminders, event.data.when] } };
    }
    case 'DeadlineMissed': {
      const deadline = state.deadlines[event.data.deadlineId];
      if (deadline === undefined) return null;
      const escalatedTo = [
        ...deadline.escalatedTo,
        ...event.data.escalatedTo.filter((to) => !deadline.escalatedTo.includes(to)),
      ];
      return {
        map: 'deadlines',
        entry: {
          ...deadline,
          status: 'missed',
          missedAt: deadline.missedAt ?? event.data.at,
          escalationLevel: Math.max(deadline.escalationLevel, event.data.escalationLevel),
          escalatedTo,
        },
      };
    }
    case 'TaskCreated':
      return { map: 'tasks', entry: openTask(event.data) };
    case 'TaskCompleted': {
      const task = state.tasks[event.data.taskId];
      if (task === undefined) return null;
      const { at, by } = event.data;
      return {
        map: 'tasks',
        entry: { ...task, status: 'done', completedAt: at, ...(by === undefined ? {} : { completedBy: by }) },
      };
    }
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

function apply(state: CaseAggregateState, event: CaseEvent): CaseAggregateState {
  switch (event.type) {
    case 'CaseReported':
      return state; // a case is reported once; a repeated report changes nothing
    case 'CaseAcknowledged':
      return { ...state, acknowledged: { by: event.data.by, at: event.data.at } };
    case 'CaseAssigned':
      return { ...state, assignee: event.data.assignee };
    case 'CaseClassified': {
      const { toType, category, lagrum, categoryText, lagrumText, toUnitId, byMas, at } = event.data;
      // A new classification replaces the words for "annat"; a lagrum left out keeps the one before.
      const { categoryText: _replaced, lagrumText: lagrumTextBefore, ...before } = state;
      const lagrumTextKept = lagrum === undefined ? lagrumTextBefore : lagrumText;
      const classified: CaseAggregateState = {
        ...before,
        type: toType,
        category,
        ...(lagrum === undefined ? {} : { lagrum }),
        ...(categoryText === undefined ? {} : { categoryText }),
        ...(lagrumTextKept === undefined ? {} : { lagrumText: lagrumTextKept }),
        unitId: toUnitId ?? state.unitId,
        unclassified: false,
      };
      return byMas ? withSteps(classified, { masClassifiedAt: at }) : classified;
    }
    case 'InvestigationStarted':
      return { ...state, stage: 'investigating', investigationStartedAt: event.data.at };
    case 'InvestigationRecorded': {
      const { deviationOccurred, by, at } = event.data;
      const seq = (state.investigation?.seq ?? 0) + 1;
      return progressed({
        ...state,
        investigation: { seq, ...(deviationOccurred === undefined ? {} : { deviationOccurred }), by, at },
        newInvestigationRequired: false,
      });
    }
    case 'CaseDecided': {
      const { outcome, requiresIvoReport, delegation, by, at } = event.data;
      const investigationSeq = state.investigation?.seq ?? 0;
      return progressed({
        ...state,
        decision: {
          outcome,
          requiresIvoReport,
          investigationSeq,
          ...(delegation === undefined ? {} : { delegation }),
          by,
          at,
        },
      });
    }
    case 'BreachAssessed':
      return { ...state, breachAssessment: event.data };
    case 'ReportedToImy':
      return { ...state, imyReport: event.data };
    case 'CaseResponded': {
      const { respondedAt, channel, role, by, at } = event.data;
      return { ...state, responses: [...(state.responses ?? []), { respondedAt, channel, role, by, at }] };
    }
    case 'CaseLinked': {
      const { caseId, caseNumber, relation, escalatedTo } = event.data;
      const links = state.links ?? [];
      if (links.some((link) => link.caseId === caseId && link.relation === relation)) return state;
      const link = { caseId, caseNumber, relation, ...(escalatedTo === undefined ? {} : { escalatedTo }) };
      return { ...state, links: [...links, link] };
    }
    case 'PatientInformed':
      return withSteps(state, {
        patientInformation: { at: event.data.at, notPossible: event.data.notPossibleReason !== undefined },
      });
    case 'JournalNoteConfirmed':
      return withSteps(state, { journalNotedAt: event.data.notedAt });
    case 'BoardInformed':
      return withSteps(state, {
        boardInformation: {
          meetingDate: event.data.meetingDate,
          investigationSeq: state.ivoReport?.investigationSeq ?? 0,
        },
      });
    case 'IvoDecisionRecorded':
      return withSteps(state, { ivoDecisions: state.statutorySteps.ivoDecisions + 1 });
    case 'ReportedToIvo': {
      const { ivoReference, reportedAt, delegation, by } = event.data;
      const investigationSeq = state.decision?.investigationSeq ?? 0;
      return {
        ...state,
        ivoReport: {
          ivoReference,
          reportedAt,
          by,
          investigationSeq,
          ...(delegation === undefined ? {} : { delegation }),
        },
      };
    }
    case 'ActionAdded': {
      const { actionId, level, owner, dueAt, at } = event.data;
      const next: CaseAggregateState = {
        ...state,
        actions: withEntry(state.actions, actionId, {
          id: actionId,
          level,
          owner,
          dueAt,
          status: 'open',
          addedAt: at,
        }),
      };
      // An action added during the investigation (immediate measures) does not end the investigation.
      const toActing =
        state.stage === 'acting' || state.stage === 'following_up' || isInvestigationConcluded(next);
      return isWorkingStage(state.stage) && toActing ? { ...next, stage: 'acting' } : next;
    }
    case 'ActionCompleted':
      return progressed(
        withAction(state, event.data.actionId, (action) => ({
          ...action,
          status: 'completed',
          completedAt: event.data.at,
        })),
      );
    case 'FollowUpRecorded': {
      const { actionIds, effective, at } = event.data;
      return actionIds.reduce(
        (current, id) =>
          withAction(current, id, (action) => ({
            ...action,
            status: 'followed_up',
            followedUpAt: at,
            effective,
          })),
        state,
      );
    }
    case 'CaseClosed':
      return { ...state, stage: 'closed', closedAt: event.data.at };
    case 'CaseReopened':
      return {
        ...state,
        stage: 'investigating',
        closedAt: null,
        newInvestigationRequired: true,
        reopenCount: state.reopenCount + 1,
      };
    case 'ProtectedIdentityMarked':
      return { ...state, protectedIdentity: true };
    case 'ProtectedIdentityUnmarked': {
      const { protectedIdentity: _dropped, ...rest } = state;
      return rest;
    }
    case 'LegalHoldPlaced':
      return { ...state, legalHold: { placedAt: event.data.at, placedBy: event.data.by } };
    case 'LegalHoldLifted': {
      const { legalHold: _lifted, ...rest } = state;
      return rest;
    }
    case 'CaseErased':
      return { ...state, erasedAt: event.data.erasedAt };
    case 'DeadlineStarted':
    case 'DeadlineMet':
    case 'DeadlineCancelled':
    case 'DeadlineReminderSent':
    case 'DeadlineMissed':
    case 'TaskCreated':
    case 'TaskCompleted': {
      const change = entryChangeOf(state, event);
      if (change === null) return state;
      return change.map === 'deadlines'
        ? { ...state, deadlines: withEntry(state.deadlines, change.entry.id, change.entry) }
        : { ...state, tasks: withEntry(state.tasks, change.entry.id, change.entry) };
    }
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/**
 * Folds one event into the state. Total: an event before `CaseReported` is ignored (the state stays
 * `null`), and an event naming an unknown action, deadline or task only advances the version.
 */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (state === null) return event.type === 'CaseReported' ? reported(event.data) : null;
  return { ...apply(state, event), version: state.version + 1 };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The maps `evolveCaseInPlace` has copied for itself: only these it may change. */
const ownMaps = new WeakSet<object>();

/**
 * `evolveCase` for a caller that owns `state` and drops it for the result, as a rebuild's fold does
 * (ADR 0012): an event that only sets one deadline or task sets it in the state's own map and
 * counts the version, instead of copying the state and the whole map per event (quadratic in the
 * tasks of a case). Every other event goes through `evolveCase`. The entries themselves come from
 * the same code as in `evolveCase` (`entryChangeOf`), and a property test folds random histories
 * both ways. Earlier states of the same fold must not be used again: they may share maps with it.
 */
export function evolveCaseInPlace(state: CaseState, event: CaseEvent): CaseState {
  if (state === null || !isEntryEvent(event)) return evolveCase(state, event);
  const change = entryChangeOf(state, event);
  const writable = state as Writable<CaseAggregateState>;
  if (change !== null) {
    let map: Record<string, CaseDeadlineState | CaseTaskState> = writable[change.map];
    if (!ownMaps.has(map)) {
      map = hashTableCopy(map);
      ownMaps.add(map);
      writable[change.map] = map as never;
    }
    map[change.entry.id] = change.entry;
  }
  writable.version = state.version + 1;
  return state;
}

export function rebuildCase(events: readonly CaseEvent[]): CaseState {
  return events.reduce<CaseState>(evolveCase, null);
}
