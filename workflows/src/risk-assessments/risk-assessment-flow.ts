import type {
  RiskActionMissResult,
  RiskActionTaskResult,
  RiskAssessmentFlowEvent,
} from './risk-assessment-contract';

/**
 * The risk assessment workflow's state and its pure steps: which action deadlines are open, when
 * each needs a reminder, a miss or the next escalation. Deterministic; the workflow function only
 * sequences these with activities and one timer.
 */
export interface RiskActionTrack {
  readonly actionId: string;
  readonly dueAt: string;
  /** `wanted`: the owner's task is not written yet. */
  status: 'wanted' | 'open' | 'done';
  reminderAt?: string;
  reminderSent: boolean;
  escalationLevel: number;
  nextEscalationAt?: string | null;
}

export interface RiskAssessmentFlowState {
  readonly assessmentId: string;
  known: boolean;
  ended: boolean;
  lastVersion: number;
  seen: string[];
  actions: Record<string, RiskActionTrack>;
}

export function initialRiskAssessmentFlowState(assessmentId: string): RiskAssessmentFlowState {
  return { assessmentId, known: false, ended: false, lastVersion: 0, seen: [], actions: {} };
}

export function applyRiskAssessmentFlowEvent(
  state: RiskAssessmentFlowState,
  event: RiskAssessmentFlowEvent,
): void {
  if (event.version <= state.lastVersion || state.seen.includes(event.id)) return;
  state.lastVersion = event.version;
  state.seen = [...state.seen.slice(-50), event.id];
  switch (event.type) {
    case 'RiskAssessmentCreated':
    case 'RiskAssessmentProposed':
      state.known = true;
      return;
    case 'RiskActionAdded':
      state.known = true;
      state.actions[event.data.actionId] ??= {
        actionId: event.data.actionId,
        dueAt: event.data.dueAt,
        status: 'wanted',
        reminderSent: false,
        escalationLevel: 0,
      };
      return;
    case 'RiskActionCompleted': {
      const track = state.actions[event.data.actionId];
      if (track) track.status = 'done';
      return;
    }
    case 'RiskAssessmentClosed':
    case 'RiskAssessmentDismissed':
      state.known = true;
      state.ended = true;
      return;
  }
}

export function applyRiskTaskResult(track: RiskActionTrack, result: RiskActionTaskResult): void {
  if (track.status !== 'wanted') return;
  if (result.outcome !== 'created') {
    track.status = 'done';
    return;
  }
  track.status = 'open';
  if (result.reminderAt !== undefined) track.reminderAt = result.reminderAt;
  track.escalationLevel = result.escalationLevel;
  if (result.escalationLevel > 0) track.reminderSent = true;
}

export function applyRiskMissResult(
  track: RiskActionTrack,
  level: number,
  result: RiskActionMissResult,
): void {
  track.escalationLevel = level;
  track.reminderSent = true;
  track.nextEscalationAt = result.nextEscalationAt;
}

export type RiskDueStep = { readonly actionId: string; readonly step: 'remind' | 'miss' | 'escalate' };

/** The steps due at `nowMs`, at most one per action. */
export function dueRiskSteps(state: RiskAssessmentFlowState, nowMs: number): RiskDueStep[] {
  if (state.ended) return [];
  const steps: RiskDueStep[] = [];
  for (const track of Object.values(state.actions)) {
    if (track.status !== 'open') continue;
    if (track.escalationLevel === 0 && Date.parse(track.dueAt) <= nowMs) {
      steps.push({ actionId: track.actionId, step: 'miss' });
    } else if (
      track.escalationLevel === 0 &&
      !track.reminderSent &&
      track.reminderAt !== undefined &&
      Date.parse(track.reminderAt) <= nowMs
    ) {
      steps.push({ actionId: track.actionId, step: 'remind' });
    } else if (
      track.escalationLevel > 0 &&
      typeof track.nextEscalationAt === 'string' &&
      Date.parse(track.nextEscalationAt) <= nowMs
    ) {
      steps.push({ actionId: track.actionId, step: 'escalate' });
    }
  }
  return steps;
}

/** When to wake without a signal, or null when only events can change anything. */
export function nextRiskWakeAt(state: RiskAssessmentFlowState): number | null {
  if (state.ended) return null;
  let next: number | null = null;
  const consider = (iso: string | null | undefined) => {
    if (typeof iso !== 'string') return;
    const ms = Date.parse(iso);
    if (next === null || ms < next) next = ms;
  };
  for (const track of Object.values(state.actions)) {
    if (track.status !== 'open') continue;
    if (track.escalationLevel === 0) {
      consider(track.dueAt);
      if (!track.reminderSent) consider(track.reminderAt);
    } else {
      consider(track.nextEscalationAt);
    }
  }
  return next;
}

export function describeRiskAssessmentFlow(state: RiskAssessmentFlowState) {
  return {
    assessmentId: state.assessmentId,
    known: state.known,
    ended: state.ended,
    lastVersion: state.lastVersion,
    actions: Object.values(state.actions).map((t) => ({ ...t })),
  };
}

export type RiskAssessmentFlowStatus = ReturnType<typeof describeRiskAssessmentFlow>;
