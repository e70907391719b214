import type { Decision } from '../common/refusal';
import { newRefusal } from '../common/refusal';
import { addPolicyDuration } from '../policy/add-policy-duration';
import type { Duty } from '../ledningssystem/duty';
import type { LsCommand } from '../ledningssystem/ledningssystem-common';
import { accept, invalid, refuse, requireText } from '../ledningssystem/ledningssystem-common';
import type {
  AdvanceDutiesCommand,
  DutyTasksOpened,
  LsAggregate,
  LsEvent,
  LsStateBase,
} from '../ledningssystem/ls-aggregate';
import { decideAdvanceDuties, evolveLs, withSettledTasks } from '../ledningssystem/ls-aggregate';

/** What the unit manager made of a staff risk observation (RA-12). */
export const TRIAGE_OUTCOMES = ['risk_assessment', 'improvement_action', 'no_action'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

/** RA-12 gives no deadline; two weeks (inferred) keeps a noticed risk from waiting past the next APT. */
export const RISK_OBSERVATION_TRIAGE_WITHIN = 'P14D';

export interface Triage {
  readonly outcome: TriageOutcome;
  /** Required for "ingen åtgärd" (RA-12 "dismissed with a rationale"); optional otherwise. */
  readonly rationale: string | null;
  /** The risk analysis or improvement action it became. */
  readonly targetId: string | null;
  readonly targetReference: string | null;
  readonly by: string;
  readonly at: string;
}

export interface RiskObservationState extends LsStateBase {
  readonly reference: string;
  readonly unitId: string;
  readonly title: string;
  readonly description: string;
  readonly reportedBy: string;
  readonly reportedAt: string;
  readonly triageDueAt: string;
  readonly status: 'reported' | 'triaged';
  readonly triage: Triage | null;
}

export type RiskObservationCommand =
  | LsCommand<
      'report',
      {
        readonly observationId: string;
        readonly reference: string;
        readonly unitId: string;
        readonly title: string;
        readonly description: string;
      }
    >
  | LsCommand<
      'triage',
      {
        readonly outcome: TriageOutcome;
        readonly rationale?: string;
        readonly targetId?: string;
        readonly targetReference?: string;
      }
    >
  | AdvanceDutiesCommand;

export type RiskObservationEvent =
  | LsEvent<
      'RiskObserved',
      Extract<RiskObservationCommand, { type: 'report' }>['data'] & {
        readonly triageDueAt: string;
        readonly at: string;
        readonly by: string;
      }
    >
  | LsEvent<'RiskObservationTriaged', Triage>
  | DutyTasksOpened;

/** An untriaged observation is a task for the unit's manager, reminded and escalated like every duty. */
export function riskObservationDuties(state: RiskObservationState): Duty[] {
  if (state.status !== 'reported') return [];
  return [
    {
      key: 'triage',
      kind: 'risk_observation_triage',
      title: `Ta ställning till riskobservation: ${state.title}`,
      dueAt: state.triageDueAt,
      assigneeRole: 'unit_manager',
      unitId: state.unitId,
    },
  ];
}

/** Staff risk observations (CT-14) and the manager's triage (RA-12), with the outcome for the reporter (IMP-8). */
export function decideRiskObservation(
  command: RiskObservationCommand,
  state: RiskObservationState | null,
  now: Date,
): Decision<RiskObservationEvent> {
  const at = now.toISOString();
  const by = command.actor.username;
  switch (command.type) {
    case 'report': {
      if (state) return refuse(newRefusal('ALREADY_EXISTS', 'ALREADY_EXISTS', 'Observationen finns redan'));
      const d = command.data;
      const missing =
        requireText(d.title, 'title', 'Rubrik') ??
        requireText(d.description, 'description', 'Beskrivningen av risken');
      if (missing) return refuse(missing);
      const triageDueAt = addPolicyDuration(now, RISK_OBSERVATION_TRIAGE_WITHIN).toISOString();
      return accept({ type: 'RiskObserved', data: { ...d, triageDueAt, at, by } });
    }
    case 'triage': {
      if (!state) return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Observationen finns inte'));
      if (state.status === 'triaged')
        return refuse(newRefusal('INVALID_TRANSITION', 'ALREADY_TRIAGED', 'Observationen är redan hanterad'));
      const d = command.data;
      if (!TRIAGE_OUTCOMES.includes(d.outcome))
        return invalid('UNKNOWN_OUTCOME', 'Välj vad observationen ska leda till', 'outcome');
      const rationale = d.rationale?.trim() ? d.rationale.trim() : null;
      if (d.outcome === 'no_action' && rationale === null)
        return invalid('RATIONALE_REQUIRED', 'Motivera varför ingen åtgärd behövs', 'rationale');
      if (d.outcome !== 'no_action' && !d.targetId)
        return invalid('REQUIRED', 'Riskanalysen eller åtgärden saknas', 'outcome');
      return accept({
        type: 'RiskObservationTriaged',
        data: {
          outcome: d.outcome,
          rationale,
          targetId: d.targetId ?? null,
          targetReference: d.targetReference ?? null,
          by,
          at,
        },
      });
    }
    case 'advance-duties':
      return decideAdvanceDuties({ duties: riskObservationDuties }, command, state);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

export const evolveRiskObservation = evolveLs<RiskObservationState, RiskObservationEvent, 'RiskObserved'>({
  createdBy: 'RiskObserved',
  created: ({ data: d }, version) => ({
    id: d.observationId,
    version,
    tasks: [],
    reference: d.reference,
    unitId: d.unitId,
    title: d.title,
    description: d.description,
    reportedBy: d.by,
    reportedAt: d.at,
    triageDueAt: d.triageDueAt,
    status: 'reported',
    triage: null,
  }),
  changed: (state, event, version) => {
    switch (event.type) {
      case 'RiskObservationTriaged':
        return withSettledTasks(
          { ...state, version, status: 'triaged', triage: event.data },
          [],
          event.data.at,
        );
      default: {
        const exhaustive: never = event.type;
        return exhaustive;
      }
    }
  },
});

export const RISK_OBSERVATION_AGGREGATE: LsAggregate<
  RiskObservationState,
  RiskObservationCommand,
  RiskObservationEvent
> = {
  aggregateType: 'risk_observation',
  decide: decideRiskObservation,
  evolve: evolveRiskObservation,
  duties: riskObservationDuties,
  label: (state) => state.reference,
  finished: (state) => state.status === 'triaged',
};

/** Prefix of the observation reference (`RO-2026-0001`). */
export const RISK_OBSERVATION_REFERENCE_PREFIX = 'RO';
