import type { CaseEvent, CaseReportedData } from './case-events';
import { isInvestigationConcluded, isWorkingStage, stageAfterConclusion } from './case-progress';
import type { CaseActionState, CaseAggregateState, CaseState } from './case-state';
import { withEntry } from './with-entry';

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

function apply(state: CaseAggregateState, event: CaseEvent): CaseAggregateState {
  switch (event.type) {
    case 'CaseReported':
      return state; // a case is reported once; a repeated report changes nothing
    case 'CaseAcknowledged':
      return { ...state, acknowledged: { by: event.data.by, at: event.data.at } };
    case 'CaseAssigned':
      return { ...state, assignee: event.data.assignee };
    case 'CaseClassified': {
      const { toType, category, lagrum, toUnitId } = event.data;
      return {
        ...state,
        type: toType,
        category,
        ...(lagrum === undefined ? {} : { lagrum }),
        unitId: toUnitId ?? state.unitId,
        unclassified: false,
      };
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
      const { outcome, requiresIvoReport, by, at } = event.data;
      const investigationSeq = state.investigation?.seq ?? 0;
      return progressed({ ...state, decision: { outcome, requiresIvoReport, investigationSeq, by, at } });
    }
    case 'ReportedToIvo': {
      const { ivoReference, reportedAt, by } = event.data;
      const investigationSeq = state.decision?.investigationSeq ?? 0;
      return { ...state, ivoReport: { ivoReference, reportedAt, by, investigationSeq } };
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
    case 'DeadlineStarted': {
      const { deadlineId, kind, dueAt, policyVersion, actionId, startedAt } = event.data;
      return {
        ...state,
        deadlines: withEntry(state.deadlines, deadlineId, {
          id: deadlineId,
          kind,
          dueAt,
          policyVersion,
          ...(actionId === undefined ? {} : { actionId }),
          status: 'open',
          startedAt,
          escalationLevel: 0,
          escalatedTo: [],
        }),
      };
    }
    case 'DeadlineMet': {
      const deadline = state.deadlines[event.data.deadlineId];
      if (deadline === undefined) return state;
      const late = event.data.late === true || deadline.status === 'missed';
      return {
        ...state,
        deadlines: withEntry(state.deadlines, deadline.id, {
          ...deadline,
          status: 'met',
          metAt: event.data.at,
          ...(late ? { metLate: true } : {}),
        }),
      };
    }
    case 'DeadlineCancelled': {
      const deadline = state.deadlines[event.data.deadlineId];
      if (deadline === undefined) return state;
      const { at, reason } = event.data;
      return {
        ...state,
        deadlines: withEntry(state.deadlines, deadline.id, {
          ...deadline,
          status: 'cancelled',
          cancelledAt: at,
          cancelReason: reason,
        }),
      };
    }
    case 'DeadlineReminderSent': {
      const deadline = state.deadlines[event.data.deadlineId];
      if (deadline === undefined) return state;
      const reminders = deadline.reminders ?? [];
      if (reminders.includes(event.data.when)) return state;
      return {
        ...state,
        deadlines: withEntry(state.deadlines, deadline.id, {
          ...deadline,
          reminders: [...reminders, event.data.when],
        }),
      };
    }
    case 'DeadlineMissed': {
      const deadline = state.deadlines[event.data.deadlineId];
      if (deadline === undefined) return state;
      const escalatedTo = [
        ...deadline.escalatedTo,
        ...event.data.escalatedTo.filter((to) => !deadline.escalatedTo.includes(to)),
      ];
      return {
        ...state,
        deadlines: withEntry(state.deadlines, deadline.id, {
          ...deadline,
          status: 'missed',
          missedAt: deadline.missedAt ?? event.data.at,
          escalationLevel: Math.max(deadline.escalationLevel, event.data.escalationLevel),
          escalatedTo,
        }),
      };
    }
    case 'TaskCreated': {
      const { taskId, kind, assignee, assigneeRole, unitId, dueAt, deadlineId, actionId, createdAt } =
        event.data;
      return {
        ...state,
        tasks: withEntry(state.tasks, taskId, {
          id: taskId,
          kind,
          ...(assignee === undefined ? {} : { assignee }),
          ...(assigneeRole === undefined ? {} : { assigneeRole }),
          unitId,
          ...(dueAt === undefined ? {} : { dueAt }),
          ...(deadlineId === undefined ? {} : { deadlineId }),
          ...(actionId === undefined ? {} : { actionId }),
          status: 'open',
          createdAt,
        }),
      };
    }
    case 'TaskCompleted': {
      const task = state.tasks[event.data.taskId];
      if (task === undefined) return state;
      const { at, by } = event.data;
      return {
        ...state,
        tasks: withEntry(state.tasks, task.id, {
          ...task,
          status: 'done',
          completedAt: at,
          ...(by === undefined ? {} : { completedBy: by }),
        }),
      };
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

export function rebuildCase(events: readonly CaseEvent[]): CaseState {
  return events.reduce<CaseState>(evolveCase, null);
}
